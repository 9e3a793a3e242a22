#pragma once
// A source's include / exclude keywords. In: the keywords and an item's text; out: whether the
// item is kept. Case-insensitive, whole words for Latin text, substrings for CJK text (which
// has no spaces between words).

#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// What the keyword filter decided for one item.
struct FilterResult {
    bool keep = true;
    std::vector<std::string> matched;  ///< include keywords that matched, in list order
    std::string excluded_by;           ///< the exclude keyword that dropped it, if any
};

/// True when `keyword` occurs in `text` (both compared case-insensitively): as a whole word
/// or phrase for Latin keywords, as a substring for keywords with CJK characters.
bool keyword_matches(std::string_view text, std::string_view keyword);

/// Applies the lists to an item's text (title, summary, categories joined by spaces). With
/// an empty include list every item is kept unless excluded.
FilterResult filter_item(std::string_view text, const std::vector<std::string>& include,
                         const std::vector<std::string>& exclude);

/// Lower-cases ASCII and the Latin-1, Latin Extended-A, Greek and Cyrillic letters.
std::string fold_case(std::string_view text);

}  // namespace brief
