// Atom 1.0 (RFC 4287) and Atom 0.3: the feed, its entries, an entry standing alone, and the
// text constructs their titles, summaries and contents are written in.
#include <array>

#include "feeds/feed_reader.h"
#include "feeds/field_text.h"
#include "feeds/xml_nodes.h"
#include "util/text.h"
#include "util/url.h"
#include "util/utf8.h"

namespace brief {

namespace {

using namespace xml;

// A link relation, short form ("alternate" when absent, as RFC 4287 §4.2.7.2 says).
std::string relation(const pugi::xml_node& l) {
    std::string_view rel = trim(attr(l, "rel"));
    constexpr std::string_view kIana = "http://www.iana.org/assignments/relation/";
    if (rel.starts_with(kIana)) rel.remove_prefix(kIana.size());
    return rel.empty() ? "alternate" : to_lower_ascii(rel);
}

// Relations that point at the feed's machinery, never at the story.
bool machinery(std::string_view rel) {
    static constexpr std::array<std::string_view, 11> kRels = {
        "self", "edit",  "edit-media", "enclosure", "replies", "license",
        "hub",  "first", "last",       "next",      "previous"};
    for (auto r : kRels)
        if (r == rel) return true;
    return false;
}

// A link's address, resolved: its href, or (a hand-written feed) its text.
std::string link_address(const FeedBuilder& b, const pugi::xml_node& l) {
    std::string_view href = trim(attr(l, "href"));
    std::string address = href.empty() ? std::string(trim(raw_content(l, {}))) : std::string(href);
    if (address.empty()) return {};
    return resolve_url(base_of(l, b.feed_base()), address);
}

// The link of an entry (or feed): an alternate (an HTML one when there are several), else an
// id that is an http(s) URL (readers take it as the permalink), else any link that is not
// the feed's machinery.
std::string choose_link(const FeedBuilder& b, const pugi::xml_node& e, std::string_view id) {
    pugi::xml_node chosen, fallback;
    for (pugi::xml_node l : children(e, "link", kAtomOwn)) {
        if (link_address(b, l).empty()) continue;
        std::string rel = relation(l);
        if (rel == "alternate") {
            std::string_view type = attr(l, "type");
            if (!chosen || (type.find("html") != std::string_view::npos &&
                            attr(chosen, "type").find("html") == std::string_view::npos))
                chosen = l;
        } else if (!fallback && !machinery(rel)) {
            fallback = l;
        }
    }
    if (chosen) return link_address(b, chosen);
    if (is_http_url(id)) return std::string(trim(id));
    return fallback ? link_address(b, fallback) : std::string{};
}

std::string authors_of(const pugi::xml_node& e) {
    std::vector<std::string> names;
    for (pugi::xml_node a : children(e, "author", kAtomOwn)) {
        pugi::xml_node name = child(a, "name", kAtomOwn);
        add_name(names, author_name(plain_text(raw_content(name ? name : a, {}))));
    }
    for (pugi::xml_node a : children(e, "creator", kDc))
        add_name(names, author_name(plain_text(raw_content(a, {}))));
    return join_names(names);
}

// XHTML content is wrapped in one <div> that is not part of it (RFC 4287 §3.1.1.3).
pugi::xml_node xhtml_holder(const pugi::xml_node& n) {
    pugi::xml_node only;
    int elements = 0;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element) {
            ++elements;
            only = c;
        } else if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
                   !trim(c.value()).empty()) {
            return n;
        }
    }
    return elements == 1 && local_name(only) == "div" ? only : n;
}

void read_entry(FeedBuilder& b, const pugi::xml_node& e, const std::string& feed_author,
                std::size_t index) {
    FeedItem item;
    item.title = atom_text(child(e, "title", kAtomOwn), b.feed_base()).text();
    item.id = std::string(trim(raw_content(child(e, "id", kAtomOwn), {})));
    item.url = choose_link(b, e, item.id);
    for (pugi::xml_node l : children(e, "link", kAtomOwn))
        if (relation(l) == "enclosure")
            FeedBuilder::add_enclosure(item, attr(l, "href"), base_of(l, b.feed_base()),
                                       attr(l, "type"), attr(l, "length"));
    item.updated =
        first_date(e, {{"updated", kAtomOwn}, {"modified", kAtomOwn}, {"modified", kDcTerms}});
    item.published = first_date(e, {{"published", kAtomOwn},
                                    {"issued", kAtomOwn},  // Atom 0.3
                                    {"created", kAtomOwn},
                                    {"issued", kDcTerms},
                                    {"created", kDcTerms},
                                    {"date", kDc}});
    // Atom requires only <updated>; an entry without <published> (GitHub releases, for one)
    // was published when it was last significantly updated, not when Brief happened to see it.
    if (!item.published) item.published = item.updated;
    item.author = authors_of(e);
    if (item.author.empty()) item.author = feed_author;
    for (pugi::xml_node c : children(e, "category", kAtomOwn)) {
        std::string_view label = attr(c, "label"), term = attr(c, "term");
        add_category(item.categories, !label.empty()  ? std::string(label)
                                      : !term.empty() ? std::string(term)
                                                      : raw_content(c, {}));
    }
    std::vector<SummarySource> sources;
    for (std::string_view name : {"summary", "content"})
        if (TextConstruct t = atom_text(child(e, name, kAtomOwn), b.feed_base()); t.present)
            sources.push_back({t.html, t.base});
    b.summarise(item, sources);
    b.finish(std::move(item), index);
}

}  // namespace

TextConstruct atom_text(const pugi::xml_node& n, std::string_view feed_base) {
    TextConstruct t;
    if (!n || !trim(attr(n, "src")).empty()) return t;  // absent, or out-of-line content
    t.base = base_of(n, feed_base);
    std::string type = to_lower_ascii(trim(attr(n, "type")));
    std::string mode = to_lower_ascii(trim(attr(n, "mode")));  // Atom 0.3
    bool html = type == "html" || type == "text/html";
    bool xhtml = type == "xhtml" || type.ends_with("+xml") || type.ends_with("/xml");
    bool text = !html && (type.empty() || type == "text" || type.starts_with("text/"));
    if (mode == "base64") {
        auto bytes = decode_base64(raw_content(n, {}));
        if (!bytes || !(html || xhtml || text)) return t;
        std::string decoded = repair_utf8(*bytes);
        t.html = html || xhtml ? decoded : html_escape(decoded);
    } else if (mode == "escaped") {
        // Atom 0.3's escaped markup; plain only when the type says so.
        std::string raw = raw_content(n, {});
        t.html = type == "text/plain" ? html_escape(raw) : raw;
    } else if (html) {
        t.html = raw_content(n, feed_base);
    } else if (xhtml) {
        t.html = xhtml_as_html(xhtml_holder(n), feed_base);
    } else if (text) {
        t.html = html_escape(raw_content(n, {}));
    } else {
        return t;  // another media type: base64 bytes (RFC 4287 §4.1.3.3), not a summary
    }
    t.present = true;
    return t;
}

void read_atom_feed(FeedBuilder& b, const pugi::xml_node& root) {
    ParsedFeed& feed = b.feed();
    feed.format = FeedFormat::atom;
    feed.title = atom_text(child(root, "title", kAtomOwn), b.feed_base()).text();
    feed.link = choose_link(b, root, trim(raw_content(child(root, "id", kAtomOwn), {})));
    feed.updated = first_date(root, {{"updated", kAtomOwn}, {"modified", kAtomOwn}});
    std::string feed_author = authors_of(root);
    std::vector<pugi::xml_node> entries = children(root, "entry", kAtomOwn);
    for (std::size_t i = 0; i < entries.size(); ++i) read_entry(b, entries[i], feed_author, i);
}

void read_atom_entry_document(FeedBuilder& b, const pugi::xml_node& root) {
    b.feed().format = FeedFormat::atom;
    read_entry(b, root, {}, 0);
}

}  // namespace brief
