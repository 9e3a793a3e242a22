#pragma once
// The editor's to-do list and what covers what. In: the archive, its ArchiveIndex, the
// documents' discovered_from. Out: which briefing covers each archive item (the item it names
// and every other copy of that story), and the inbox: the stories of the last N days that no
// document covers yet, one entry each, with the other feeds that carried it ("also in …").

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "content/document.h"
#include "feeds/archive.h"
#include "model/archive_index.h"

namespace brief {

/// covered[i]: the position in `discovered_from` (one per briefing, newest first) of the
/// briefing that covers archive item i. A briefing covers every item of the story its
/// discovered_from names; the item it names itself is marked by the first briefing that names
/// it, another copy by the first that covers its story.
std::map<std::size_t, std::size_t> covering_briefings(
    const std::vector<std::string_view>& discovered_from, const ArchiveIndex& index);

/// One entry of the inbox: a story that no document covers, as the window shows it.
struct InboxEntry {
    std::size_t lead = 0;  ///< its earliest item in the window (in Stories order)
    /// For every other source with an item of the story in the window, the earliest such item,
    /// in Stories order: the "also in …" line.
    std::vector<std::size_t> also;
};

/// The stories with items published (or fetched) in the `days` days before `now` that no
/// document covers (as `index`, built from `archive`, finds them through discovered_from),
/// drafts included: a draft that began from an item is already being written. Only items in
/// the window are shown. Newest lead first, then the lead's id.
std::vector<InboxEntry> inbox_entries(const std::vector<ArchiveItem>& archive,
                                      const ArchiveIndex& index,
                                      const std::vector<Document>& documents, std::int64_t now,
                                      int days);

}  // namespace brief
