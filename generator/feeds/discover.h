#pragma once
// Finding the feed of a web page. In: an address (a feed, or an HTML page) and the HTTP
// fetcher; out: the feed found there (its address, how it was found, the feed as Brief reads
// it) or why none was: the page announces none and no common path holds one, the feed does not
// parse, or the address did not answer.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/feed_parser.h"
#include "feeds/http_fetcher.h"

namespace brief {

/// A feed a page announces in its <head>: <link rel="alternate" type="application/rss+xml">
/// (or atom+xml, feed+json).
struct FeedLink {
    std::string url;    ///< absolute: resolved against <base href> and the page's address
    std::string type;   ///< "application/atom+xml"
    std::string title;  ///< the link's title attribute
};

/// The feeds an HTML page announces, in document order, each address once.
std::vector<FeedLink> feed_links(std::string_view html, std::string_view page_url);

/// The paths tried when a page announces no feed, in order.
const std::vector<std::string>& common_feed_paths();

/// The addresses of the common paths for a page: under the page's folder first (a blog at
/// /blog/ has its feed at /blog/feed), then at the site's root; each once.
std::vector<std::string> common_feed_urls(std::string_view page_url);

/// True when a response is an HTML page rather than a feed: its bytes start like HTML, or its
/// Content-Type says HTML and its bytes do not start like a feed.
bool looks_like_html(std::string_view body, std::string_view content_type);

/// Limits of one discovery.
struct DiscoverOptions {
    int timeout_seconds = 30;           ///< each request
    std::size_t max_bytes = 16u << 20;  ///< each response
};

/// A feed that was found.
struct DiscoveredFeed {
    std::string url;       ///< its address, after redirects
    std::string found_by;  ///< "the address is a feed", "the page's <link rel=\"alternate\">",
                           ///< "the common path /feed"
    ParsedFeed feed;       ///< what Brief reads from it (ok())
};

/// What looking for a feed came to: a feed, or an error.
struct Discovery {
    std::optional<DiscoveredFeed> found;
    std::vector<std::string> asked;  ///< every address requested, in order
    /// Why no feed: "no feed found at URL (looked for …)", "URL: <the parser's message>", or
    /// "URL: <what went wrong on the network>".
    std::string error;
    bool network_failure = false;  ///< the address itself did not answer with a page
};

/// Finds the feed at `url`: the address itself when it is a feed, else the feeds its page
/// announces, else the common paths; the first that parses wins. One request at a time.
Discovery discover_feed(const std::string& url, HttpFetcher& http,
                        const DiscoverOptions& options = {});

}  // namespace brief
