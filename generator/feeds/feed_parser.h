#pragma once
// Reads one feed (RSS 0.90/0.91/0.92/1.0/2.0, Atom 1.0 and 0.3, a standalone Atom entry, JSON
// Feed 1.0/1.1) from UTF-8 text into plain items: plain-text titles, absolute links, UTC
// dates, sanitised HTML summaries. Malformed XML is read as far as it goes; nothing here
// throws on bad input. No field of an item holds a C0 or C1 control character (TAB and LF
// stay in summary_html, where HTML needs them), and no author is an e-mail address.
//
// The summary is the publisher's own (<description>, Atom <summary>, JSON "summary"); when
// that has no text (missing, blank, or only an image), the full content is used instead
// (<content:encoded>, <fullitem>, <xhtml:body>, Atom <content>, JSON "content_html" /
// "content_text"). Relative URLs (links, enclosures, href / src in summaries) resolve
// against the xml:base in force at their element, nested bases each against its parent's,
// and last against the feed's own URL.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// The kinds of feed Brief reads.
enum class FeedFormat { unknown, rss2, rss1, rss09x, atom, jsonfeed };

/// "rss2", "rss1", "rss09x", "atom", "jsonfeed" ("unknown" for anything else).
std::string_view feed_format_name(FeedFormat format);

/// A media file attached to an item (RSS <enclosure>, Atom rel="enclosure", JSON attachments).
struct FeedEnclosure {
    std::string url;           ///< absolute http(s)
    std::string type;          ///< MIME type as the feed gave it
    std::uint64_t length = 0;  ///< bytes; 0 when unknown
};

/// One item of a feed, as Brief read it.
struct FeedItem {
    std::string id;     ///< guid / id, else the link
    std::string title;  ///< plain text
    /// Absolute: the link, else an RSS <guid> that is a permalink or an Atom <id> that is an
    /// http(s) URL.
    std::string url;
    std::optional<std::int64_t> published, updated;  ///< UTC seconds; null when unreadable
    std::string author;                              ///< names, "A, B"; never an e-mail address
    std::string summary_html;  ///< sanitised summary (or content when there is no summary)
    std::string summary_text;  ///< plain, whitespace collapsed, cut near 300 bytes
    std::vector<std::string> categories;
    std::vector<FeedEnclosure> enclosures;
};

/// A whole feed.
struct ParsedFeed {
    FeedFormat format = FeedFormat::unknown;
    std::string title;
    std::string link;
    std::optional<std::int64_t> updated;
    std::vector<FeedItem> items;
    std::vector<std::string> warnings;  ///< malformed markup, skipped items, charset trouble
    std::string error;                  ///< set when the text is not a feed at all
    /// True when the text was a feed (possibly with warnings).
    bool ok() const { return error.empty(); }
};

/// How much of an item's text to keep.
struct FeedParseOptions {
    std::size_t summary_text_bytes = 300;  ///< plain summary cut near this many bytes
};

/// Parses UTF-8 feed text; relative links resolve against `base_url` (the feed's address).
ParsedFeed parse_feed(std::string_view text, std::string_view base_url,
                      const FeedParseOptions& options = {});

/// Decodes raw bytes (charset from BOM, `content_type`, XML declaration) and parses them;
/// charset warnings come first in the result's warnings.
ParsedFeed parse_feed_bytes(std::string_view bytes, std::string_view content_type,
                            std::string_view base_url, const FeedParseOptions& options = {});

}  // namespace brief
