#pragma once
// The editor's to-do list: discovered items of the last N days that no briefing covers yet.

#include <cstdint>
#include <vector>

#include "content/document.h"
#include "feeds/archive.h"

namespace brief {

/// Indices into `archive` of the items published (or fetched) in the `days` days before
/// `now` that no document names in `discovered_from` (by id, URL or canonical URL), drafts
/// included: a draft that began from an item is already being written. Newest first, then id.
std::vector<std::size_t> inbox_items(const std::vector<ArchiveItem>& archive,
                                     const std::vector<Document>& documents, std::int64_t now,
                                     int days);

/// The archive item an editor means by `key`: an archive id, a URL or a canonical URL.
const ArchiveItem* find_archive_item(const std::vector<ArchiveItem>& archive, std::string_view key);

}  // namespace brief
