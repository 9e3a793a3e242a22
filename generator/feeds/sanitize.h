#pragma once
// Feed HTML made safe: parsed as HTML5 (gumbo), written back through an allow-list of
// elements and attributes. Scripts, styles, frames, forms, event handlers, `style`
// attributes and every URL scheme but http(s) (and mailto for links) are removed, and so is
// every C0 / C1 control character but TAB and LF (a URL's are percent-encoded).

#include <string>
#include <string_view>

namespace brief {

/// Limits on the input the sanitiser reads.
struct SanitizeOptions {
    std::size_t max_input_bytes = 256 * 1024;  ///< longer HTML is cut (at a UTF-8 boundary)
};

/// Safe HTML from untrusted `html`; relative links resolve against `base_url` (dropped when
/// they cannot be made absolute); links get rel="nofollow noopener".
std::string sanitize_html(std::string_view html, std::string_view base_url,
                          const SanitizeOptions& options = {});

/// Safe HTML and plain text of one fragment, from a single parse.
struct SanitizedHtml {
    std::string html;  ///< as sanitize_html returns it
    std::string text;  ///< as html_to_text returns it
};

/// sanitize_html and html_to_text in one pass over one parse (feeds need both).
SanitizedHtml sanitize_with_text(std::string_view html, std::string_view base_url,
                                 const SanitizeOptions& options = {});

/// The text of an HTML fragment: entities decoded, tags and scripts gone, whitespace collapsed.
std::string html_to_text(std::string_view html, const SanitizeOptions& options = {});

/// Whitespace runs (ASCII and U+00A0, U+3000) collapsed to one space, ends trimmed, and
/// every other control character (C0, DEL, C1) removed.
std::string collapse_whitespace(std::string_view text);

}  // namespace brief
