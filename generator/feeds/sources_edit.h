#pragma once
// New entries for sources.yaml, written into the editor's file as text. In: the file's text and
// the sources to add; out: the same text, every byte of it kept, with the entries appended in
// the file's own indentation and spacing, and read back with the sources reader before it is
// handed back; or why they cannot be appended.

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/sources.h"
#include "util/result.h"

namespace brief {

/// The id a new source gets from its title, else from its address's host: slugified, only
/// ASCII letters, digits and '-', at most 40 characters ("Tom's Hardware" -> "toms-hardware",
/// "https://www.example.com/feed" -> "example-com").
std::string source_id_for(std::string_view title, std::string_view url);

/// The name a new source gets: its feed's title, else its address's host.
std::string source_name_for(std::string_view title, std::string_view url);

/// The source of `sources` whose address is `url` (compared in canonical form), or nullptr.
const SourceConfig* source_with_url(const std::vector<SourceConfig>& sources, std::string_view url);

/// `id` when `taken` does not hold it, else the first of `id-2`, `id-3`, … that it does not.
std::string unused_source_id(const std::string& id, const std::set<std::string>& taken);

/// What appending came to.
struct SourcesAppend {
    std::string text;    ///< the whole new text of sources.yaml
    std::string added;   ///< the lines appended (the new entries as the file now has them)
    int first_line = 0;  ///< the line of the first new entry
};

/// `text` (sources.yaml; empty when there is none yet) with `entries` (id, name, url, kind, and
/// lang, topics and enabled when set) appended to its list: after the last entry, in the dash
/// and key columns of the first, with a blank line between entries when the file has them, in
/// the file's line endings. The result is read back with parse_sources and must give the old
/// sources followed by the new ones; a file with errors, or a list written in flow style
/// ("sources: [...]"), is an error.
[[nodiscard]] Result<SourcesAppend> append_sources(std::string_view text,
                                                   const std::vector<SourceConfig>& entries);

/// Replaces <root>/sources.yaml with `text`, atomically (a link to a file inside the site
/// keeps pointing at it).
Status save_sources_text(const std::filesystem::path& root, std::string_view text);

}  // namespace brief
