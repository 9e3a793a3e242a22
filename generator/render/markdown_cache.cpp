#include "render/markdown_cache.h"

namespace brief {

std::optional<std::string> MarkdownCache::find(const Hash128& key, Kind kind) const {
    return of(kind).find(key);
}

void MarkdownCache::touch(const Hash128& key, Kind kind) const {
    of(kind).touch(key);
}

void MarkdownCache::store(const Hash128& key, std::string html, Kind kind) {
    if (kind == Kind::block && !blocks_.is_open()) return;
    (kind == Kind::block ? blocks_ : lines_).store(key, std::move(html));
}

std::size_t MarkdownCache::size() const {
    return blocks_.size() + lines_.size();
}

void MarkdownCache::open(const std::filesystem::path& dir) {
    blocks_.open(dir / "markdown-blocks.bin");
    lines_.open(dir / "markdown-lines.bin");
}

void MarkdownCache::settle_blocks() {
    // A block that could not be written is only missing from the next build's cache; save()
    // reports why.
    settle_status_ = blocks_.save();
    blocks_.release();
}

Status MarkdownCache::save() {
    Status blocks = blocks_.save();
    Status lines = lines_.save();
    for (const Status* s : {&settle_status_, &blocks, &lines})
        if (!*s) return *s;
    return {};
}

}  // namespace brief
