#pragma once
// The editor's to-do list: discovered items of the last N days that no briefing covers yet.

#include <cstdint>
#include <vector>

#include "content/document.h"
#include "feeds/archive.h"
#include "model/archive_index.h"

namespace brief {

/// Indices into `archive` of the items published (or fetched) in the `days` days before
/// `now` that no document names in `discovered_from` (as `index`, built from `archive`, finds
/// it), drafts included: a draft that began from an item is already being written. Newest
/// first, then id.
std::vector<std::size_t> inbox_items(const std::vector<ArchiveItem>& archive,
                                     const ArchiveIndex& index,
                                     const std::vector<Document>& documents, std::int64_t now,
                                     int days);

}  // namespace brief
