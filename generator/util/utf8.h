#pragma once
// UTF-8, once: in go bytes, out come the offset of the first byte that is not well-formed
// UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), a repaired copy
// with U+FFFD for each such byte, the cut that keeps a truncation on a character boundary,
// and the diagnostic an input file gets when it is not UTF-8.

#include <cstddef>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace brief {

/// U+FFFD REPLACEMENT CHARACTER, encoded.
inline constexpr std::string_view kUtf8Replacement = "\xEF\xBF\xBD";

/// Length of the well-formed UTF-8 sequence at `s[i]` (1 to 4), or 0 when the bytes there are
/// not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// The offset of the first byte of `text` that is not part of well-formed UTF-8, or npos.
std::size_t utf8_invalid_offset(std::string_view text);

/// True when `text` is well-formed UTF-8.
inline bool is_valid_utf8(std::string_view text) {
    return utf8_invalid_offset(text) == std::string_view::npos;
}

/// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD;
/// `replaced` counts them.
std::string repair_utf8(std::string_view text, std::size_t* replaced = nullptr);

/// The largest cut at or before `max` that does not split a UTF-8 sequence (`text.size()`
/// when `max` is past the end).
std::size_t utf8_boundary(std::string_view text, std::size_t max);

/// Appends the UTF-8 encoding of the code point `cp`.
void append_utf8(std::string& out, char32_t cp);

/// Checks the bytes of the input file `file` as they are read. When a byte is not UTF-8, adds
/// an error at its line and column ("byte 0xE9 is not UTF-8", with the hint to save the file
/// as UTF-8) and returns false: the caller skips the file.
[[nodiscard]] bool check_utf8_file(const std::string& file, std::string_view text,
                                   Diagnostics& diags);

}  // namespace brief
