#include "model/inbox.h"

#include <algorithm>
#include <unordered_set>

#include "feeds/url.h"

namespace brief {

std::vector<std::size_t> inbox_items(const std::vector<ArchiveItem>& archive,
                                     const std::vector<Document>& documents, std::int64_t now,
                                     int days) {
    std::unordered_set<std::string> covered;
    for (const auto& d : documents) {
        if (d.discovered_from.empty()) continue;
        covered.insert(d.discovered_from);
        covered.insert(canonical_url(d.discovered_from));
    }
    const std::int64_t since = now - static_cast<std::int64_t>(days) * 86400;
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < archive.size(); ++i) {
        const ArchiveItem& item = archive[i];
        if (item.sort_time() < since || item.sort_time() > now) continue;
        if (covered.count(item.id) || covered.count(item.url) ||
            (!item.canonical_url.empty() && covered.count(item.canonical_url)))
            continue;
        out.push_back(i);
    }
    std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        if (archive[a].sort_time() != archive[b].sort_time())
            return archive[a].sort_time() > archive[b].sort_time();
        return archive[a].id < archive[b].id;
    });
    return out;
}

const ArchiveItem* find_archive_item(const std::vector<ArchiveItem>& archive,
                                     std::string_view key) {
    for (const auto& item : archive)
        if (item.id == key || item.url == key) return &item;
    std::string canon = canonical_url(key);
    for (const auto& item : archive)
        if (!item.canonical_url.empty() && item.canonical_url == canon) return &item;
    return nullptr;
}

}  // namespace brief
