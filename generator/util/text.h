#pragma once
// Small text helpers shared by every stage. In: text; out: slugs, escaped HTML, encoded URL
// paths, trimmed and split views, and text cut at a word boundary.

#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// A stable, Unicode-safe URL slug: ASCII lower-cased, punctuation and spaces folded to '-',
/// letters of other scripts (e.g. 华为) kept as they are.
std::string slugify(std::string_view text);

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

/// Percent-encodes every byte outside the URL-safe set (keeps '/', so paths stay paths).
std::string url_encode_path(std::string_view path);

/// Decodes %XX escapes; invalid escapes are kept as they are.
std::string percent_decode(std::string_view text);

/// Removes ASCII whitespace from both ends.
std::string_view trim(std::string_view s);

/// ASCII lower-case copy.
std::string to_lower_ascii(std::string_view s);

/// True when `s` starts with `prefix`.
inline bool starts_with(std::string_view s, std::string_view prefix) {
    return s.starts_with(prefix);
}

/// Splits on a single character.
std::vector<std::string_view> split(std::string_view s, char sep);

/// Collapses whitespace runs to one space and cuts at a word boundary near `max_bytes`,
/// adding "…" when cut; never splits a UTF-8 sequence.
std::string truncate_words(std::string_view text, std::size_t max_bytes);

/// A 64-bit FNV-1a hash as 16 hex digits (stable across runs and machines).
std::string hash_hex(std::string_view data);

}  // namespace brief
