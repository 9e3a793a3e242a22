#include "model/archive_index.h"

#include "util/url.h"

namespace brief {
namespace {

std::optional<std::size_t> lookup(const std::unordered_map<std::string, std::size_t>& map,
                                  const std::string& key) {
    auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    return it->second;
}

}  // namespace

ArchiveIndex::ArchiveIndex(const std::vector<ArchiveItem>& archive) : stories_(archive) {
    by_id_.reserve(archive.size());
    by_url_.reserve(archive.size());
    by_canonical_.reserve(archive.size());
    for (std::size_t i = 0; i < archive.size(); ++i) {
        const ArchiveItem& item = archive[i];
        if (!item.id.empty()) by_id_.emplace(item.id, i);
        if (!item.url.empty()) by_url_.emplace(item.url, i);
        if (!item.canonical_url.empty()) by_canonical_.emplace(item.canonical_url, i);
    }
}

std::vector<std::size_t> ArchiveIndex::named_by(std::string_view key) const {
    auto i = find(key);
    if (!i) return {};
    return stories_.story_of(*i);
}

std::optional<std::size_t> ArchiveIndex::find(std::string_view key) const {
    if (key.empty()) return std::nullopt;
    const std::string k(key);
    if (auto i = lookup(by_id_, k)) return i;
    if (auto i = lookup(by_url_, k)) return i;
    if (by_canonical_.empty()) return std::nullopt;
    if (auto i = lookup(by_canonical_, k)) return i;
    return lookup(by_canonical_, canonical_url(key));
}

}  // namespace brief
