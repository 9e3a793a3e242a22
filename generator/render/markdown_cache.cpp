#include "render/markdown_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "util/fs.h"

namespace brief {
namespace {

constexpr std::string_view kMagic = "brief-markdown-cache 2\n";

void append_entry(std::string& out, const Hash128& key, std::string_view html) {
    auto len = static_cast<std::uint32_t>(html.size());
    out.append(reinterpret_cast<const char*>(&key.lo), 8);
    out.append(reinterpret_cast<const char*>(&key.hi), 8);
    out.append(reinterpret_cast<const char*>(&len), 4);
    out.append(html);
}

}  // namespace

MarkdownCache::~MarkdownCache() {
    for (auto& m : maps_)
        if (m.data) ::munmap(const_cast<char*>(m.data), m.size);
}

std::optional<std::string> MarkdownCache::find(const Hash128& key) const {
    Shard& s = shard(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(key);
    if (it == s.entries.end()) return std::nullopt;
    it->second.used = true;
    return it->second.on_disk ? std::string(it->second.mapped) : it->second.owned;
}

void MarkdownCache::touch(const Hash128& key) const {
    Shard& s = shard(key);
    std::lock_guard<std::mutex> lock(s.mu);
    if (auto it = s.entries.find(key); it != s.entries.end()) it->second.used = true;
}

void MarkdownCache::store(const Hash128& key, std::string html, Kind kind) {
    if (kind == Kind::block && dir_.empty()) return;
    Shard& s = shard(key);
    std::lock_guard<std::mutex> lock(s.mu);
    Entry& e = s.entries[key];
    if (e.on_disk) return;
    e.owned = std::move(html);
    e.kind = kind;
    e.used = true;
    stored_ = true;
}

std::size_t MarkdownCache::size() const {
    std::size_t n = 0;
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        n += s.entries.size();
    }
    return n;
}

std::filesystem::path MarkdownCache::file(Kind kind) const {
    return dir_ / (kind == Kind::block ? "markdown-blocks.bin" : "markdown-lines.bin");
}

void MarkdownCache::open(const std::filesystem::path& dir) {
    dir_ = dir;
    load(Kind::block);
    load(Kind::line);
}

void MarkdownCache::load(Kind kind) {
    int fd = ::open(file(kind).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(kMagic.size())) {
        ::close(fd);
        return;
    }
    auto size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return;
    Mapping& m = maps_[kind == Kind::block ? 0 : 1];
    m.data = static_cast<const char*>(p);
    m.size = size;
    std::string_view all(m.data, m.size);
    if (!all.starts_with(kMagic)) return;
    std::vector<std::pair<Hash128, std::string_view>> entries;
    for (std::size_t pos = kMagic.size(); pos < all.size();) {
        if (all.size() - pos < 20) return;  // a torn append: keep nothing from this file
        Hash128 key;
        std::uint32_t len;
        std::memcpy(&key.lo, all.data() + pos, 8);
        std::memcpy(&key.hi, all.data() + pos + 8, 8);
        std::memcpy(&len, all.data() + pos + 16, 4);
        pos += 20;
        if (all.size() - pos < len) return;
        entries.push_back({key, all.substr(pos, len)});
        pos += len;
    }
    for (const auto& [key, html] : entries) {
        Entry& e = shard(key).entries[key];
        e.mapped = html;
        e.kind = kind;
        e.on_disk = true;
    }
}

// Writes the entries of one kind: only the new ones appended (new_only), or every used one
// into a fresh file.
Status MarkdownCache::write(Kind kind, bool new_only) {
    const std::filesystem::path path = file(kind);
    Mapping& m = maps_[kind == Kind::block ? 0 : 1];
    const bool valid = m.data && std::string_view(m.data, m.size).starts_with(kMagic);
    if (!valid) new_only = false;  // a missing or damaged file is started again
    std::string out;
    if (!new_only) out = kMagic;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (auto& [key, e] : s.entries) {
            if (e.kind != kind) continue;
            if (!e.on_disk)
                append_entry(out, key, e.owned);
            else if (!new_only && e.used)
                append_entry(out, key, e.mapped);
        }
    }
    if (new_only && out.empty()) return {};
    if (!new_only) return write_file_atomic(path, out, false);
    int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) return fail("cannot open " + path.string() + ": " + std::strerror(errno));
    Status written = write_all(fd, out, path);
    ::close(fd);
    return written;
}

// Appends the new entries of one kind, or rewrites the file when its unused entries outweigh
// the used ones.
Status MarkdownCache::flush(Kind kind, bool may_compact) {
    std::size_t used = 0, unused = 0;
    bool fresh = false;
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [key, e] : s.entries) {
            if (e.kind != kind) continue;
            if (!e.on_disk)
                fresh = true;
            else
                (e.used ? used : unused) += e.mapped.size() + 20;
        }
    }
    const bool compact = may_compact && unused > used && unused > (1u << 20);
    if (!fresh && !compact) return {};
    return write(kind, !compact);
}

void MarkdownCache::settle_blocks() {
    if (dir_.empty()) return;
    // A block that could not be written is only missing from the next build's cache; save()
    // reports why.
    settle_status_ = flush(Kind::block, true);
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (auto it = s.entries.begin(); it != s.entries.end();) {
            // Written out: the next build maps them; this one needs them no more.
            if (it->second.kind == Kind::block && !it->second.on_disk)
                it = s.entries.erase(it);
            else
                ++it;
        }
    }
    settled_ = true;
    Mapping& m = maps_[0];
    if (m.data) ::madvise(const_cast<char*>(m.data), m.size, MADV_DONTNEED);
}

Status MarkdownCache::save() {
    if (dir_.empty()) return {};
    // After settle_blocks() the blocks written then are no longer listed, so their file may
    // only grow here.
    Status blocks = flush(Kind::block, !settled_);
    Status lines = flush(Kind::line, true);
    for (const Status* s : {&settle_status_, &blocks, &lines})
        if (!*s) return *s;
    return {};
}

}  // namespace brief
