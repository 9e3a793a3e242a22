#pragma once
// One story, several feeds. In: the archive. Out: which items are the same story, each story's
// items lead first. Two items are the same story when they share a canonical URL (util/url.h:
// no tracking parameters, fragment or default port), or when they come from different sources,
// their titles have the same story_title_key and they were published within two days of each
// other. Grouping buckets items by URL and by title key, so it costs O(n log n) for the whole
// archive, and it depends only on the items, never on their order in the vector.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/archive.h"

namespace brief {

/// How far apart (in seconds, inclusive) two items with the same title key may be published.
inline constexpr std::int64_t kStoryTitleWindow = 2 * 86400;

/// The title as stories compare it: Latin, Greek and Cyrillic letters lower-cased, fullwidth
/// forms read as their ASCII letters, every run of punctuation, symbols and whitespace (ASCII,
/// Latin-1, general and CJK punctuation) one space, no space at either end.
/// "Huawei’s Ascend 950: Launch!" and "HUAWEI'S ASCEND 950 — LAUNCH" are both
/// "huawei s ascend 950 launch".
std::string story_title_key(std::string_view title);

/// True when a title key says enough to name one story: at least three words, or at least six
/// characters of a script written without spaces (Chinese, Japanese, Korean). "Press release"
/// or "更新" from two feeds are not the same story.
bool title_key_names_a_story(std::string_view key);

/// The stories of an archive. Every item is in exactly one; most stories have one item.
class Stories {
  public:
    /// No stories (for an empty archive).
    Stories() = default;
    /// Groups `archive` (items are referred to by position).
    explicit Stories(const std::vector<ArchiveItem>& archive);

    /// The items of the story `item` is in, the lead first: ordered by published (or fetched)
    /// time, then source id, then item id, so the lead is the earliest report.
    const std::vector<std::size_t>& story_of(std::size_t item) const {
        return members_[story_[item]];
    }
    /// The number of stories.
    std::size_t size() const { return members_.size(); }

  private:
    std::vector<std::size_t> story_;                 // item -> story
    std::vector<std::vector<std::size_t>> members_;  // story -> items, lead first
};

}  // namespace brief
