// RSS 0.90 / 0.91 / 0.92 / 1.0 / 2.0: the channel and its items, with the Dublin Core,
// content and Atom elements feeds mix in.
#include "feeds/feed_reader.h"
#include "feeds/field_text.h"
#include "feeds/xml_nodes.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {

namespace {

using namespace xml;

constexpr unsigned kAnyNs = ~0u;

// The item's link and the base it resolves against: RSS's <link> text, else an Atom-style
// <link href>, else a <guid> that is a permalink, else (RSS 1.0) rdf:about.
std::string item_link(const FeedBuilder& b, const pugi::xml_node& it, bool rdf) {
    for (pugi::xml_node l : children(it, "link", kRssOwn)) {
        std::string text(trim(raw_content(l, {})));
        if (!text.empty()) return resolve_url(base_of(l, b.feed_base()), text);
    }
    for (pugi::xml_node l : children(it, "link", kRssOwn | kAtom)) {
        std::string_view rel = trim(attr(l, "rel")), href = trim(attr(l, "href"));
        if (!href.empty() && (rel.empty() || rel == "alternate"))
            return resolve_url(base_of(l, b.feed_base()), href);
    }
    pugi::xml_node guid = child(it, "guid", kRssOwn);
    std::string guid_text(trim(raw_content(guid, {})));
    // isPermaLink is true when absent; only an absolute http(s) guid is taken as an address.
    if (to_lower_ascii(trim(attr(guid, "isPermaLink"))) != "false" && is_http_url(guid_text))
        return guid_text;
    std::string_view about = trim(attr(it, "about"));
    if (rdf && !about.empty()) return resolve_url(base_of(it, b.feed_base()), about);
    return {};
}

std::string item_authors(const pugi::xml_node& it) {
    std::vector<std::string> names;
    for (pugi::xml_node a : children(it, "author", kRssOwn | kAtom)) {
        pugi::xml_node name = child(a, "name", kAtomOwn);  // an atom:author inside RSS
        add_name(names, author_name(plain_text(raw_content(name ? name : a, {}))));
    }
    for (pugi::xml_node a : children(it, "creator", kDc))
        add_name(names, author_name(plain_text(raw_content(a, {}))));
    return join_names(names);
}

std::vector<SummarySource> item_summaries(const FeedBuilder& b, const pugi::xml_node& it) {
    std::vector<SummarySource> out;
    auto raw = [&](const pugi::xml_node& n) {
        if (n) out.push_back({raw_content(n, b.feed_base()), base_of(n, b.feed_base())});
    };
    raw(child(it, "description", kRssOwn));
    raw(child(it, "summary", kAnyNs));  // atom:summary, itunes:summary
    raw(child(it, "encoded", kAnyNs));  // content:encoded
    raw(child(it, "fullitem", kAnyNs));
    if (pugi::xml_node body = child(it, "body", kXhtml))
        out.push_back({xhtml_as_html(body, b.feed_base()), base_of(body, b.feed_base())});
    if (TextConstruct c = atom_text(child(it, "content", kAtom), b.feed_base()); c.present)
        out.push_back({c.html, c.base});
    return out;
}

void read_item(FeedBuilder& b, const pugi::xml_node& it, std::size_t index, bool rdf) {
    FeedItem item;
    pugi::xml_node title = child(it, "title", kRssOwn);
    if (!title) title = child(it, "title", kDc | kAtom);
    item.title = plain_text(raw_content(title, {}));
    item.url = item_link(b, it, rdf);
    item.id = std::string(trim(raw_content(child(it, "guid", kRssOwn), {})));
    if (item.id.empty() && rdf) item.id = std::string(trim(attr(it, "about")));
    item.published = first_date(it, {{"pubDate", kRssOwn},
                                     {"date", kDc},
                                     {"issued", kDcTerms},
                                     {"created", kDcTerms},
                                     {"date", kDcTerms},
                                     {"published", kAtom | kRssOwn}});
    item.updated = first_date(it, {{"modified", kDcTerms}, {"updated", kAtom | kRssOwn}});
    item.author = item_authors(it);
    for (pugi::xml_node c : children(it, "category", kRssOwn | kAtom)) {
        std::string_view term = attr(c, "term");
        add_category(item.categories, term.empty() ? raw_content(c, {}) : std::string(term));
    }
    for (pugi::xml_node c : children(it, "subject", kDc))
        add_category(item.categories, raw_content(c, {}));
    for (pugi::xml_node e : children(it, "enclosure", kRssOwn))
        FeedBuilder::add_enclosure(item, attr(e, "url"), base_of(e, b.feed_base()), attr(e, "type"),
                                   attr(e, "length"));
    for (pugi::xml_node l : children(it, "link", kAtom))
        if (trim(attr(l, "rel")) == "enclosure")
            FeedBuilder::add_enclosure(item, attr(l, "href"), base_of(l, b.feed_base()),
                                       attr(l, "type"), attr(l, "length"));
    b.summarise(item, item_summaries(b, it));
    b.finish(std::move(item), index);
}

void read_channel(FeedBuilder& b, const pugi::xml_node& channel) {
    ParsedFeed& feed = b.feed();
    feed.title = plain_text(raw_content(child(channel, "title", kRssOwn), {}));
    if (pugi::xml_node link = child(channel, "link", kRssOwn))
        feed.link = resolve_url(base_of(link, b.feed_base()), trim(raw_content(link, {})));
    feed.updated = first_date(channel, {{"lastBuildDate", kRssOwn},
                                        {"pubDate", kRssOwn},
                                        {"date", kDc},
                                        {"modified", kDcTerms},
                                        {"updated", kAtom}});
}

}  // namespace

void read_rss(FeedBuilder& b, const pugi::xml_node& root) {
    ParsedFeed& feed = b.feed();
    std::string_view version = trim(attr(root, "version"));
    feed.format = version.starts_with("0.9") ? FeedFormat::rss09x : FeedFormat::rss2;
    pugi::xml_node channel = child(root, "channel", kRssOwn);
    pugi::xml_node holder = channel ? channel : root;
    read_channel(b, holder);
    std::vector<pugi::xml_node> items = children(holder, "item", kRssOwn);
    // Some feeds put <item> beside <channel> instead of inside it.
    if (items.empty() && channel) items = children(root, "item", kRssOwn);
    for (std::size_t i = 0; i < items.size(); ++i) read_item(b, items[i], i, false);
}

void read_rdf(FeedBuilder& b, const pugi::xml_node& root) {
    b.feed().format = FeedFormat::rss1;
    // RSS 1.0's namespace, RSS 0.90's, or none at all: whatever the channel is in.
    pugi::xml_node channel = child(root, "channel", kAnyNs);
    if (channel) read_channel(b, channel);
    std::vector<pugi::xml_node> items = children(root, "item", kAnyNs);
    if (items.empty() && channel) items = children(channel, "item", kAnyNs);
    for (std::size_t i = 0; i < items.size(); ++i) read_item(b, items[i], i, true);
}

}  // namespace brief
