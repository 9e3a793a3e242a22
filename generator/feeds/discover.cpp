#include "feeds/discover.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>

#include "util/text.h"
#include "util/url.h"
#include "util/utf8.h"

namespace brief {
namespace {

struct GumboOutputDeleter {
    const GumboOptions* options;
    void operator()(GumboOutput* out) const { gumbo_destroy_output(options, out); }
};

// The <head> of a page is near its start; a longer page is read this far.
constexpr std::size_t kMaxPageBytes = 2u << 20;

std::string media_type(std::string_view content_type) {
    return to_lower_ascii(trim(content_type.substr(0, content_type.find(';'))));
}

bool is_feed_type(std::string_view type) {
    const std::string t = media_type(type);
    return t == "application/rss+xml" || t == "application/atom+xml" ||
           t == "application/feed+json";
}

// True when the space-separated list `tokens` holds `token` (ASCII case-insensitive).
bool has_token(std::string_view tokens, std::string_view token) {
    std::string lower = to_lower_ascii(tokens);
    for (char& c : lower)
        if (c == '\t' || c == '\n' || c == '\r' || c == '\f') c = ' ';
    for (std::string_view t : split(lower, ' '))
        if (t == token) return true;
    return false;
}

std::string attribute(const GumboNode* node, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a ? std::string(trim(a->value)) : std::string{};
}

// Calls f(element) for every element under `root`, in tree order (an explicit stack: no
// recursion depth to run out of on a hostile page).
template <typename F>
void each_element(const GumboNode* root, F&& f) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
        f(node);
        const GumboVector& children = node->v.element.children;
        for (unsigned i = children.length; i-- > 0;)
            stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
}

const GumboNode* head_of(const GumboNode* html) {
    if (html->type != GUMBO_NODE_ELEMENT) return nullptr;
    const GumboVector& children = html->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_HEAD)
            return child;
    }
    return nullptr;
}

FetchResponse get(HttpFetcher& http, const std::string& url, const DiscoverOptions& options,
                  Discovery& d) {
    FetchRequest req;
    req.key = "discover";
    req.url = url;
    req.timeout_seconds = options.timeout_seconds;
    req.max_bytes = options.max_bytes;
    d.asked.push_back(url);
    return http.fetch_all({req}, {}).at(0);
}

bool answered_ok(const FetchResponse& r) {
    return r.error.empty() && r.status >= 200 && r.status < 300;
}

std::string failure_text(const FetchResponse& r) {
    return r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

// The answer to `url` is an HTML page: the feeds it announces, then the common paths.
void from_page(Discovery& d, const std::string& url, const FetchResponse& page, HttpFetcher& http,
               const DiscoverOptions& options) {
    const std::string& base = page.effective_url;
    std::vector<std::string> unanswered;  // announced feeds that did not answer
    for (const FeedLink& link : feed_links(page.body, base)) {
        FetchResponse r = get(http, link.url, options, d);
        if (!answered_ok(r)) {
            unanswered.push_back(link.url + " (" + failure_text(r) + ")");
            continue;
        }
        ParsedFeed feed = parse_feed_bytes(r.body, r.content_type, r.effective_url);
        if (!feed.ok()) {
            // The page names this as its feed: say what is wrong with it, not "no feed".
            d.error = link.url + ": " + feed.error;
            return;
        }
        d.found =
            DiscoveredFeed{r.effective_url, "the page's <link rel=\"alternate\">", std::move(feed)};
        return;
    }
    std::vector<std::string> paths;
    for (const std::string& candidate : common_feed_urls(base)) {
        paths.push_back(split_url(candidate).path);
        FetchResponse r = get(http, candidate, options, d);
        if (!answered_ok(r) || looks_like_html(r.body, r.content_type)) continue;
        ParsedFeed feed = parse_feed_bytes(r.body, r.content_type, r.effective_url);
        if (!feed.ok()) continue;  // a guess that missed, not a broken feed
        d.found =
            DiscoveredFeed{r.effective_url, "the common path " + paths.back(), std::move(feed)};
        return;
    }
    d.error = "no feed found at " + url +
              " (looked for <link rel=\"alternate\"> in the page's <head>, then " + joined(paths) +
              ")";
    if (!unanswered.empty()) d.error += "; the page announces " + joined(unanswered);
}

}  // namespace

std::vector<FeedLink> feed_links(std::string_view html, std::string_view page_url) {
    html = html.substr(0, utf8_boundary(html, kMaxPageBytes));
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // parse errors are not reported; do not spend memory on them
    std::unique_ptr<GumboOutput, GumboOutputDeleter> out(
        gumbo_parse_with_options(&options, html.data(), html.size()), {&options});
    if (!out) return {};
    // The document's base URL: the first <base href> in tree order (HTML §4.2.3).
    std::string base(page_url);
    bool have_base = false;
    each_element(out->root, [&](const GumboNode* el) {
        if (have_base || el->v.element.tag != GUMBO_TAG_BASE) return;
        std::string href = attribute(el, "href");
        if (href.empty()) return;
        base = resolve_url(page_url, href);
        have_base = true;
    });
    std::vector<FeedLink> links;
    const GumboNode* head = head_of(out->root);
    if (!head) return links;
    each_element(head, [&](const GumboNode* el) {
        if (el->v.element.tag != GUMBO_TAG_LINK) return;
        if (!has_token(attribute(el, "rel"), "alternate")) return;
        std::string type = attribute(el, "type");
        std::string href = attribute(el, "href");
        if (!is_feed_type(type) || href.empty()) return;
        std::string url = resolve_url(base, href);
        if (!is_http_url(url)) return;
        bool seen = std::any_of(links.begin(), links.end(),
                                [&](const FeedLink& l) { return l.url == url; });
        if (!seen) links.push_back({url, media_type(type), attribute(el, "title")});
    });
    return links;
}

const std::vector<std::string>& common_feed_paths() {
    static const std::vector<std::string> paths = {"feed",      "rss.xml",  "atom.xml",
                                                   "index.xml", "feed.xml", "feed.json"};
    return paths;
}

std::vector<std::string> common_feed_urls(std::string_view page_url) {
    std::vector<std::string> out;
    auto add = [&](const std::string& url) {
        if (std::find(out.begin(), out.end(), url) == out.end()) out.push_back(url);
    };
    for (const auto& p : common_feed_paths()) add(resolve_url(page_url, p));
    for (const auto& p : common_feed_paths()) add(resolve_url(page_url, "/" + p));
    return out;
}

bool looks_like_html(std::string_view body, std::string_view content_type) {
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    body = trim(body);
    const std::string start = to_lower_ascii(body.substr(0, 512));
    if (start.starts_with("<!doctype html") || start.starts_with("<html")) return true;
    for (std::string_view root : {"<rss", "<feed", "<rdf:rdf"})
        if (start.find(root) != std::string::npos) return false;
    if (start.starts_with("{")) return false;  // JSON Feed
    const std::string type = media_type(content_type);
    if (type == "text/html" || type == "application/xhtml+xml") return true;
    return start.find("<html") != std::string::npos;
}

Discovery discover_feed(const std::string& url, HttpFetcher& http, const DiscoverOptions& options) {
    Discovery d;
    FetchResponse page = get(http, url, options, d);
    if (!answered_ok(page)) {
        d.network_failure = true;
        d.error = url + ": " + failure_text(page);
        return d;
    }
    if (looks_like_html(page.body, page.content_type)) {
        from_page(d, url, page, http, options);
        return d;
    }
    ParsedFeed feed = parse_feed_bytes(page.body, page.content_type, page.effective_url);
    if (!feed.ok()) {
        d.error = url + ": " + feed.error;
        return d;
    }
    d.found = DiscoveredFeed{page.effective_url, "the address is a feed", std::move(feed)};
    return d;
}

}  // namespace brief
