#pragma once
// Reads an HTML page through an HTML5 parser (gumbo) and lists what the link checker needs:
// the ids a fragment can point at, and every href / src with its position in the page.

#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// One link in a page: the attribute value as a browser reads it (entities decoded).
struct HtmlLink {
    std::string url;        ///< "/briefings/x/#sources", "../y/", "https://…"
    std::string attribute;  ///< "href", "src" or "srcset"
    std::string element;    ///< "a", "img", "link", …
    int line = 0;           ///< 1-based line of the attribute value in the page
    int column = 0;         ///< 1-based column of the attribute value
    std::string text;       ///< an <a>'s text, whitespace collapsed (to tell links apart)
};

/// What a page offers and what it points at.
struct HtmlScan {
    std::vector<std::string> ids;          ///< every id="…" and <a name="…">, in document order
    std::vector<std::string> heading_ids;  ///< the ids of h1–h6, in document order
    std::vector<HtmlLink> links;  ///< every href, src and srcset candidate, in document order
};

/// Parses `html` (a whole document or a fragment) and collects its ids and links.
HtmlScan scan_html(std::string_view html);

}  // namespace brief
