#pragma once
// Feed text made fit for an item field. In: UTF-8 strings as a feed wrote them. Out: text
// without C0 / C1 control characters, URLs with them percent-encoded, author names without
// e-mail addresses, and the bytes of Atom 0.3's base64 content. Internal to feeds/.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// `text` without C0 controls, DEL and C1 controls (U+0080–U+009F); with `keep_layout`, TAB
/// and LF stay (HTML needs them in <pre>) and CR LF or a lone CR becomes LF, otherwise TAB,
/// LF and CR become spaces.
std::string strip_controls(std::string_view text, bool keep_layout);

/// `url` with TAB, CR and LF removed (as browsers do) and every other C0 / C1 control
/// character percent-encoded.
std::string url_without_controls(std::string_view url);

/// The name in an author field: "Jane Doe" from "jane@example.com (Jane Doe)",
/// "Jane Doe (jane@example.com)" or "Jane Doe <jane@example.com>"; any e-mail address
/// removed, so a bare address gives "".
std::string author_name(std::string_view text);

/// Adds `name` to `names` unless it is empty or already there.
void add_name(std::vector<std::string>& names, std::string name);

/// The names joined as "A, B".
std::string join_names(const std::vector<std::string>& names);

/// The bytes of base64 text (RFC 4648; whitespace ignored, padding optional), or nullopt when
/// it is not base64.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace brief
