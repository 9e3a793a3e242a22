#include "model/inbox.h"

#include <algorithm>
#include <set>
#include <unordered_set>

namespace brief {

std::map<std::size_t, std::size_t> covering_briefings(
    const std::vector<std::string_view>& discovered_from, const ArchiveIndex& index) {
    std::map<std::size_t, std::size_t> covered;
    // Backwards, so that the first briefing wins; the items named themselves last, so that
    // they win over the copies.
    for (std::size_t b = discovered_from.size(); b-- > 0;)
        for (std::size_t i : index.named_by(discovered_from[b])) covered[i] = b;
    for (std::size_t b = discovered_from.size(); b-- > 0;)
        if (auto i = index.find(discovered_from[b])) covered[*i] = b;
    return covered;
}

std::vector<InboxEntry> inbox_entries(const std::vector<ArchiveItem>& archive,
                                      const ArchiveIndex& index,
                                      const std::vector<Document>& documents, std::int64_t now,
                                      int days) {
    std::vector<std::string_view> names;
    for (const auto& d : documents) names.push_back(d.discovered_from);
    // A story is covered as a whole, so one item tells for all of its story.
    const auto covered = covering_briefings(names, index);
    const std::int64_t since = now - static_cast<std::int64_t>(days) * 86400;
    auto in_window = [&](std::size_t i) {
        return archive[i].sort_time() >= since && archive[i].sort_time() <= now;
    };
    std::vector<InboxEntry> out;
    std::unordered_set<std::size_t> listed;  // stories by their lead
    for (std::size_t i = 0; i < archive.size(); ++i) {
        if (!in_window(i) || covered.count(i)) continue;
        const std::vector<std::size_t>& story = index.stories().story_of(i);
        if (!listed.insert(story.front()).second) continue;
        InboxEntry entry;
        std::set<std::string_view> sources;
        for (std::size_t m : story) {
            if (!in_window(m) || !sources.insert(archive[m].source_id).second) continue;
            if (sources.size() == 1)
                entry.lead = m;
            else
                entry.also.push_back(m);
        }
        out.push_back(std::move(entry));
    }
    std::sort(out.begin(), out.end(), [&](const InboxEntry& a, const InboxEntry& b) {
        const ArchiveItem& x = archive[a.lead];
        const ArchiveItem& y = archive[b.lead];
        if (x.sort_time() != y.sort_time()) return x.sort_time() > y.sort_time();
        return x.id < y.id;
    });
    return out;
}

}  // namespace brief
