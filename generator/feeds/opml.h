#pragma once
// OPML, the list of feeds readers exchange. In: the bytes of an OPML 1.0 / 1.1 / 2.0 file; out:
// its feeds, each with the topics its folders and categories give it, or a diagnostic at
// file:line:column. And the other way: sources in, OPML 2.0 text out (deterministic).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/sources.h"
#include "util/diagnostic.h"

namespace brief {

/// One feed an OPML file lists (an <outline> with an xmlUrl).
struct OpmlFeed {
    std::string title;     ///< its title, else its text; whitespace collapsed
    std::string xml_url;   ///< the feed's address (a "feed:" prefix removed)
    std::string language;  ///< its language attribute, when set
    std::string id, kind;  ///< brief:id and brief:kind, in files Brief wrote
    /// The text of each enclosing folder outline, then each part of its category attribute
    /// ("/Chips/Policy,/News" gives Chips, Policy, News); each once.
    std::vector<std::string> topics;
    int line = 0, column = 0;  ///< where the outline starts
};

/// What an OPML file holds.
struct OpmlDocument {
    std::string title;            ///< <head><title>
    std::vector<OpmlFeed> feeds;  ///< in document order; a feed listed twice once, topics merged
};

/// Reads OPML bytes (charset from the byte-order mark or the XML declaration); `file` names
/// it in diagnostics. Malformed XML, a root that is not <opml> and an <opml> without <body>
/// are an error at file:line:column and give nullopt; an outline whose xmlUrl is not http(s)
/// is a warning and is left out.
std::optional<OpmlDocument> parse_opml(const std::string& file, std::string_view bytes,
                                       Diagnostics& diags);

/// OPML 2.0 of the enabled sources of `sources`, in the order given, titled `title`: one
/// outline each, with its name, URL, language, topics (as category) and Brief's own id and
/// kind (brief:id, brief:kind), so that reading it back gives the same sources. What the site
/// publishes at /sources.opml and `brief sources export` prints.
std::string write_opml(std::string_view title, const std::vector<SourceConfig>& sources);

}  // namespace brief
