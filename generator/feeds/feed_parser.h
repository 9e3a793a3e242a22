#pragma once
// Reads one feed (RSS 0.91/0.92/2.0, RSS 1.0, Atom 1.0, JSON Feed 1.0/1.1) from UTF-8 text
// into plain items: plain-text titles, absolute links, UTC dates, sanitised HTML summaries.
// Malformed XML is read as far as it goes; nothing here throws on bad input.

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

/// One item of a feed, as Brief read it.
struct FeedItem {
    std::string id;     ///< guid / id, else the link
    std::string title;  ///< plain text
    std::string url;    ///< absolute (resolved against xml:base and the feed's URL)
    std::optional<std::int64_t> published, updated;  ///< UTC seconds; null when unreadable
    std::string author;
    std::string summary_html;  ///< sanitised summary (or content when there is no summary)
    std::string summary_text;  ///< plain, whitespace collapsed, cut near 300 bytes
    std::vector<std::string> categories;
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
