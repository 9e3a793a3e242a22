#include "cache/markdown_cache.h"

#include <cstring>

#include "cache/read.h"
#include "util/fs.h"

namespace brief {
namespace {

constexpr std::string_view kMagic = "brief-markdown-cache 1\n";

}  // namespace

std::optional<std::string> MarkdownCache::find(const Hash128& key) const {
    Shard& s = shard(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(key);
    if (it == s.entries.end()) return std::nullopt;
    it->second.used = true;
    return it->second.owned.empty() ? std::string(it->second.loaded) : it->second.owned;
}

void MarkdownCache::store(const Hash128& key, std::string html) {
    Shard& s = shard(key);
    std::lock_guard<std::mutex> lock(s.mu);
    Entry& e = s.entries[key];
    e.loaded = {};
    e.owned = std::move(html);
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

void MarkdownCache::load(const std::filesystem::path& file) {
    auto bytes = read_whole_file(file);
    if (!bytes || !bytes->starts_with(kMagic)) return;
    blob_ = std::move(*bytes);
    std::size_t pos = kMagic.size();
    std::vector<std::pair<Hash128, std::string_view>> entries;
    while (pos < blob_.size()) {
        if (blob_.size() - pos < 20) return;  // damaged: keep nothing
        Hash128 key;
        std::uint32_t len;
        std::memcpy(&key.lo, blob_.data() + pos, 8);
        std::memcpy(&key.hi, blob_.data() + pos + 8, 8);
        std::memcpy(&len, blob_.data() + pos + 16, 4);
        pos += 20;
        if (blob_.size() - pos < len) return;
        entries.push_back({key, std::string_view(blob_).substr(pos, len)});
        pos += len;
    }
    for (const auto& [key, html] : entries) shard(key).entries[key].loaded = html;
}

std::string MarkdownCache::save(const std::filesystem::path& file) const {
    bool unused = false;
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [key, e] : s.entries)
            if (!e.used) unused = true;
    }
    if (!stored_ && !unused) return {};
    std::string out(kMagic);
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [key, e] : s.entries) {
            if (!e.used) continue;
            std::string_view html = e.owned.empty() ? e.loaded : std::string_view(e.owned);
            auto len = static_cast<std::uint32_t>(html.size());
            out.append(reinterpret_cast<const char*>(&key.lo), 8);
            out.append(reinterpret_cast<const char*>(&key.hi), 8);
            out.append(reinterpret_cast<const char*>(&len), 4);
            out.append(html);
        }
    }
    return write_file_atomic(file, out, false);
}

}  // namespace brief
