#pragma once
// Which archive item a name means. In: the archive (built once per Site, kept in it). Out: for
// a briefing's `discovered_from` or `brief new --from`, the index of the item it names, by
// archive id, by URL, or by canonical URL (a URL with tracking parameters, a fragment or a
// default port names the same item), and every item of the same story (model/stories.h).
// Every consumer asks this one index, so the inbox, the digests and the "Source-assisted" line
// always agree.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "feeds/archive.h"
#include "model/stories.h"

namespace brief {

class ArchiveIndex {
  public:
    /// An index of no items.
    ArchiveIndex() = default;
    /// Indexes `archive` (items are referred to by position; the index keeps no pointer).
    explicit ArchiveIndex(const std::vector<ArchiveItem>& archive);

    /// The item `key` names: the first with that id, else the first with that URL, else the
    /// first whose canonical URL is the key's; nullopt for an empty key or none.
    std::optional<std::size_t> find(std::string_view key) const;

    /// Every item `key` names: the one find() gives and every other item of its story (the
    /// same story from another feed), lead first (Stories::story_of); empty when none.
    std::vector<std::size_t> named_by(std::string_view key) const;

    /// The stories of the archive.
    const Stories& stories() const { return stories_; }

  private:
    std::unordered_map<std::string, std::size_t> by_id_, by_url_, by_canonical_;
    Stories stories_;
};

}  // namespace brief
