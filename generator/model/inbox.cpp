#include "model/inbox.h"

#include <algorithm>
#include <unordered_set>

namespace brief {

std::vector<std::size_t> inbox_items(const std::vector<ArchiveItem>& archive,
                                     const ArchiveIndex& index,
                                     const std::vector<Document>& documents, std::int64_t now,
                                     int days) {
    std::unordered_set<std::size_t> covered;
    for (const auto& d : documents)
        for (std::size_t i : index.named_by(d.discovered_from)) covered.insert(i);
    const std::int64_t since = now - static_cast<std::int64_t>(days) * 86400;
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < archive.size(); ++i) {
        const ArchiveItem& item = archive[i];
        if (item.sort_time() < since || item.sort_time() > now) continue;
        if (covered.count(i)) continue;
        out.push_back(i);
    }
    std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        if (archive[a].sort_time() != archive[b].sort_time())
            return archive[a].sort_time() > archive[b].sort_time();
        return archive[a].id < archive[b].id;
    });
    return out;
}

}  // namespace brief
