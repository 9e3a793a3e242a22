#pragma once
// Internal links: every href / src of every built HTML page must lead to a file of the site,
// and every #fragment to an id in the page it names. Pure: works on the in-memory Outputs.

#include <string>
#include <string_view>
#include <vector>

#include "check/html_scan.h"
#include "render/render.h"

namespace brief {

/// Why an internal link goes nowhere.
enum class LinkFault {
    no_page,    ///< no output file has that address
    no_anchor,  ///< the page exists, the fragment names no id in it
};

/// A link in the built site that goes nowhere.
struct BrokenLink {
    std::string page;      ///< address of the page it is on: "/briefings/x/"
    HtmlLink link;         ///< as written, with its position in that page's HTML
    std::string target;    ///< the address it leads to, decoded: "/briefings/nope/"
    std::string fragment;  ///< decoded, without '#'; empty when none
    LinkFault fault = LinkFault::no_page;
    std::string suggestion;             ///< a near address or id, for "did you mean"; may be empty
    std::vector<std::string> headings;  ///< no_anchor: the first heading ids of the target
};

/// What the internal link check saw.
struct InternalLinkReport {
    std::size_t pages = 0;           ///< HTML pages read
    std::size_t links = 0;           ///< internal links checked
    std::vector<BrokenLink> broken;  ///< by page (output order), then position
};

/// Checks every internal link of every HTML output; `base_url` ("https://x/") marks absolute
/// links to the site itself as internal. Pages are read on `jobs` threads (0: one per core).
InternalLinkReport check_internal_links(const std::vector<Output>& outputs,
                                        std::string_view base_url, unsigned jobs = 0);

/// The address a file is served at: "briefings/x/index.html" -> "/briefings/x/".
std::string page_url_for(std::string_view output_path);

/// For a link on the page at `page_url`: the site path it leads to (with '#fragment' and
/// '?query' kept), or empty when it leaves the site (another host, mailto:, javascript:, …).
std::string internal_target(std::string_view page_url, std::string_view href,
                            std::string_view base_url);

}  // namespace brief
