#include "feeds/feed_parser.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "feeds/charset.h"
#include "feeds/feed_dates.h"
#include "feeds/sanitize.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {

namespace {

std::string_view local_name(const pugi::xml_node& n) {
    std::string_view name = n.name();
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool has_prefix(const pugi::xml_node& n) {
    return std::string_view(n.name()).find(':') != std::string_view::npos;
}

// The first child element called `name`: an unprefixed one first, else any with that local
// name (feeds mix namespaces freely; "atom:link" must not shadow RSS's own "link").
pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
    pugi::xml_node any;
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || local_name(c) != name) continue;
        if (!has_prefix(c)) return c;
        if (!any) any = c;
    }
    return any;
}

// The first child element with the exact (prefixed) name, e.g. "dc:date".
pugi::xml_node child_exact(const pugi::xml_node& parent, std::string_view name) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && std::string_view(c.name()) == name) return c;
    return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& parent, std::string_view name) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == name) out.push_back(c);
    return out;
}

std::string_view attr(const pugi::xml_node& n, std::string_view name) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        std::string_view an = a.name();
        if (an == name) return a.value();
    }
    // Prefixed attributes ("rdf:about", "rdf:resource").
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        std::string_view an = a.name();
        auto colon = an.find(':');
        if (colon != std::string_view::npos && an.substr(colon + 1) == name &&
            an.substr(0, colon) != "xml" && an.substr(0, colon) != "xmlns")
            return a.value();
    }
    return {};
}

// Raw markup of a node's children: text and CDATA as they were decoded, elements serialised.
std::string inner_text(const pugi::xml_node& n) {
    std::string out;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            out += c.value();
        } else if (c.type() == pugi::node_element) {
            std::ostringstream ss;
            c.print(ss, "", pugi::format_raw);
            out += ss.str();
        }
    }
    return out;
}

// The xml:base in force at `n` (its own and its ancestors', RFC 3986-resolved from the top).
std::string base_of(const pugi::xml_node& n, std::string_view feed_base) {
    std::vector<std::string_view> bases;
    for (pugi::xml_node p = n; p && p.type() == pugi::node_element; p = p.parent()) {
        pugi::xml_attribute a = p.attribute("xml:base");
        if (a) bases.push_back(a.value());
    }
    std::string base(feed_base);
    for (auto it = bases.rbegin(); it != bases.rend(); ++it) base = resolve_url(base, *it);
    return base;
}

std::string resolve_link(std::string_view base, std::string_view href) {
    std::string_view h = trim(href);
    if (h.empty()) return {};
    std::string r = resolve_url(base, h);
    return r;
}

std::string plain_from_maybe_html(std::string_view s) {
    if (s.find_first_of("<&") == std::string_view::npos) return collapse_whitespace(s);
    return html_to_text(s);
}

// An Atom text construct (RFC 4287 §3.1) as HTML and as plain text.
struct TextConstruct {
    std::string html;
    std::string plain;  ///< set for type="text"; markup is made plain only on demand
    bool present = false;
    bool markup = false;  ///< type="html" or "xhtml"
    /// The plain text (parses the markup, so callers that sanitise anyway use their own).
    std::string text() const { return markup ? html_to_text(html) : plain; }
};

TextConstruct atom_text(const pugi::xml_node& n) {
    TextConstruct t;
    if (!n) return t;
    t.present = true;
    std::string type = to_lower_ascii(trim(attr(n, "type")));
    if (type.empty() || type == "text" || type == "text/plain") {
        std::string raw = inner_text(n);
        t.plain = collapse_whitespace(raw);
        t.html = html_escape(raw);
    } else if (type == "html" || type == "text/html") {
        t.html = inner_text(n);
        t.markup = true;
    } else if (type == "xhtml" || type.ends_with("xml")) {
        pugi::xml_node div = child(n, "div");
        pugi::xml_node holder = div ? div : n;
        std::string html;
        for (pugi::xml_node c = holder.first_child(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                html += html_escape(c.value());
            } else if (c.type() == pugi::node_element) {
                std::ostringstream ss;
                c.print(ss, "", pugi::format_raw);
                html += ss.str();
            }
        }
        t.html = html;
        t.markup = true;
    } else {
        t.present = false;  // out-of-line or binary content (src=, base64)
    }
    return t;
}

std::optional<std::int64_t> date_of(const pugi::xml_node& n) {
    if (!n) return std::nullopt;
    return parse_feed_date(inner_text(n));
}

void add_category(std::vector<std::string>& cats, std::string_view c) {
    std::string v = plain_from_maybe_html(c);
    if (v.empty() || v.size() > 200) return;
    if (std::find(cats.begin(), cats.end(), v) == cats.end()) cats.push_back(v);
}

// "editor@example.com (Jane Doe)" reads as "Jane Doe".
std::string rss_author(std::string_view s) {
    std::string v = plain_from_maybe_html(s);
    auto open = v.find('('), close = v.rfind(')');
    if (open != std::string::npos && close != std::string::npos && close > open &&
        v.substr(0, open).find('@') != std::string::npos)
        return std::string(trim(std::string_view(v).substr(open + 1, close - open - 1)));
    return v;
}

struct Builder {
    const FeedParseOptions& options;
    ParsedFeed& feed;
    std::string feed_base;

    // Fills the summary fields from the best available HTML: summary, else content.
    void summarise(FeedItem& item, const std::string& summary_html, const std::string& content_html,
                   std::string_view base, const std::string& plain_hint = {}) {
        const std::string& source = !trim(summary_html).empty() ? summary_html : content_html;
        SanitizedHtml clean = sanitize_with_text(source, base);
        item.summary_html = std::move(clean.html);
        item.summary_text = truncate_words(!plain_hint.empty() ? plain_hint : clean.text,
                                           options.summary_text_bytes);
    }

    void finish(FeedItem item, std::size_t index) {
        // A link is followed by readers: only http(s) survives (a relative one is kept when
        // there was no base to resolve it against).
        std::string scheme = effective_scheme(item.url);
        if (!scheme.empty() && scheme != "http" && scheme != "https") {
            feed.warnings.push_back("item " + std::to_string(index + 1) + ": link '" +
                                    truncate_words(item.url, 60) +
                                    "' is not http or https; dropped");
            if (item.id == item.url) item.id.clear();
            item.url.clear();
        }
        if (item.id.empty()) item.id = item.url;
        if (item.id.empty()) {
            feed.warnings.push_back("item " + std::to_string(index + 1) +
                                    " has neither an id nor a link; skipped");
            return;
        }
        feed.items.push_back(std::move(item));
    }
};

void read_rss_item(Builder& b, const pugi::xml_node& it, std::size_t index, bool rdf) {
    FeedItem item;
    std::string base = base_of(it, b.feed_base);
    item.title = plain_from_maybe_html(inner_text(child(it, "title")));

    std::string link = std::string(trim(inner_text(child_exact(it, "link"))));
    if (link.empty()) {
        for (auto l : children(it, "link")) {
            std::string_view rel = attr(l, "rel");
            if (!attr(l, "href").empty() && (rel.empty() || rel == "alternate")) {
                link = std::string(attr(l, "href"));
                break;
            }
        }
    }
    pugi::xml_node guid = child(it, "guid");
    std::string guid_text = std::string(trim(inner_text(guid)));
    if (link.empty() && !guid_text.empty() && attr(guid, "isPermaLink") != "false" &&
        is_http_url(resolve_url(base, guid_text)))
        link = guid_text;
    if (rdf && link.empty()) link = std::string(attr(it, "about"));
    item.url = resolve_link(base, link);

    item.id = guid_text;
    if (item.id.empty() && rdf) item.id = std::string(trim(attr(it, "about")));
    if (item.id.empty()) item.id = item.url;

    item.published = date_of(child_exact(it, "pubDate"));
    if (!item.published) item.published = date_of(child(it, "date"));  // dc:date
    if (!item.published) item.published = date_of(child(it, "published"));
    item.updated = date_of(child(it, "modified"));  // dcterms:modified
    if (!item.updated) item.updated = date_of(child(it, "updated"));

    std::vector<std::string> authors;
    for (auto a : children(it, "author")) {
        pugi::xml_node name = child(a, "name");  // atom:author inside RSS
        std::string v = name ? plain_from_maybe_html(inner_text(name)) : rss_author(inner_text(a));
        if (!v.empty()) authors.push_back(v);
    }
    for (auto a : children(it, "creator")) {
        std::string v = plain_from_maybe_html(inner_text(a));
        if (!v.empty()) authors.push_back(v);
    }
    for (std::size_t i = 0; i < authors.size(); ++i)
        if (std::find(authors.begin(), authors.begin() + i, authors[i]) == authors.begin() + i)
            item.author += (item.author.empty() ? "" : ", ") + authors[i];

    for (auto c : children(it, "category")) {
        std::string_view term = attr(c, "term");
        add_category(item.categories, term.empty() ? std::string_view(inner_text(c)) : term);
    }
    for (auto c : children(it, "subject")) add_category(item.categories, inner_text(c));

    std::string summary = inner_text(child(it, "description"));
    if (trim(summary).empty()) summary = inner_text(child(it, "summary"));
    std::string content = inner_text(child(it, "encoded"));  // content:encoded
    b.summarise(item, summary, content, base);
    b.finish(std::move(item), index);
}

void read_atom_entry(Builder& b, const pugi::xml_node& e, const std::string& feed_author,
                     std::size_t index) {
    FeedItem item;
    std::string base = base_of(e, b.feed_base);
    item.title = atom_text(child(e, "title")).text();
    item.id = std::string(trim(inner_text(child(e, "id"))));

    // rel="alternate" (or no rel, which means alternate) first; then any other link.
    pugi::xml_node chosen, fallback;
    for (auto l : children(e, "link")) {
        std::string_view rel = trim(attr(l, "rel"));
        if (attr(l, "href").empty()) continue;
        if (rel.empty() || rel == "alternate") {
            // Prefer an HTML alternate when there are several.
            std::string_view type = attr(l, "type");
            if (!chosen || (type.find("html") != std::string_view::npos &&
                            attr(chosen, "type").find("html") == std::string_view::npos))
                chosen = l;
        } else if (!fallback && rel != "self" && rel != "edit" && rel != "enclosure" &&
                   rel != "replies" && rel != "license") {
            fallback = l;
        }
    }
    if (!chosen) chosen = fallback;
    if (chosen) item.url = resolve_link(base_of(chosen, b.feed_base), attr(chosen, "href"));
    if (item.id.empty()) item.id = item.url;

    item.updated = date_of(child(e, "updated"));
    if (!item.updated) item.updated = date_of(child(e, "modified"));  // Atom 0.3
    item.published = date_of(child(e, "published"));
    if (!item.published) item.published = date_of(child(e, "issued"));  // Atom 0.3
    // Atom requires only <updated>; an entry without <published> (GitHub releases, for one)
    // was published when it was last significantly updated, not when Brief happened to see it.
    if (!item.published) item.published = item.updated;

    for (auto a : children(e, "author")) {
        std::string v = plain_from_maybe_html(inner_text(child(a, "name")));
        if (!v.empty()) item.author += (item.author.empty() ? "" : ", ") + v;
    }
    if (item.author.empty()) item.author = feed_author;

    for (auto c : children(e, "category")) {
        std::string_view label = attr(c, "label");
        add_category(item.categories, label.empty() ? attr(c, "term") : label);
    }

    pugi::xml_node summary_node = child(e, "summary");
    pugi::xml_node content_node = child(e, "content");
    TextConstruct summary = atom_text(summary_node);
    TextConstruct content = atom_text(content_node);
    std::string summary_base = summary_node ? base_of(summary_node, b.feed_base) : base;
    std::string content_base = content_node ? base_of(content_node, b.feed_base) : base;
    bool use_summary = summary.present && !trim(summary.html).empty();
    b.summarise(item, use_summary ? summary.html : std::string{},
                use_summary ? std::string{} : content.html,
                use_summary ? summary_base : content_base,
                use_summary ? summary.plain : content.plain);  // empty for markup
    b.finish(std::move(item), index);
}

void read_xml_feed(Builder& b, const pugi::xml_node& root) {
    ParsedFeed& feed = b.feed;
    std::string_view root_name = local_name(root);
    if (root_name == "rss") {
        std::string_view version = trim(attr(root, "version"));
        feed.format = (version.starts_with("0.9")) ? FeedFormat::rss09x : FeedFormat::rss2;
        pugi::xml_node channel = child(root, "channel");
        pugi::xml_node holder = channel ? channel : root;
        std::string base = base_of(holder, b.feed_base);
        feed.title = plain_from_maybe_html(inner_text(child(holder, "title")));
        feed.link = resolve_link(base, trim(inner_text(child_exact(holder, "link"))));
        feed.updated = date_of(child(holder, "lastBuildDate"));
        if (!feed.updated) feed.updated = date_of(child_exact(holder, "pubDate"));
        if (!feed.updated) feed.updated = date_of(child(holder, "date"));
        std::vector<pugi::xml_node> items = children(holder, "item");
        // Some feeds put <item> beside <channel> instead of inside it.
        if (items.empty() && channel) items = children(root, "item");
        for (std::size_t i = 0; i < items.size(); ++i) read_rss_item(b, items[i], i, false);
    } else if (root_name == "RDF") {
        feed.format = FeedFormat::rss1;
        pugi::xml_node channel = child(root, "channel");
        std::string base = base_of(channel ? channel : root, b.feed_base);
        if (channel) {
            feed.title = plain_from_maybe_html(inner_text(child(channel, "title")));
            feed.link = resolve_link(base, trim(inner_text(child_exact(channel, "link"))));
            feed.updated = date_of(child(channel, "date"));
        }
        std::vector<pugi::xml_node> items = children(root, "item");
        if (items.empty() && channel) items = children(channel, "item");
        for (std::size_t i = 0; i < items.size(); ++i) read_rss_item(b, items[i], i, true);
    } else if (root_name == "feed") {
        feed.format = FeedFormat::atom;
        feed.title = atom_text(child(root, "title")).text();
        for (auto l : children(root, "link")) {
            std::string_view rel = trim(attr(l, "rel"));
            if ((rel.empty() || rel == "alternate") && !attr(l, "href").empty()) {
                feed.link = resolve_link(base_of(l, b.feed_base), attr(l, "href"));
                break;
            }
        }
        feed.updated = date_of(child(root, "updated"));
        if (!feed.updated) feed.updated = date_of(child(root, "modified"));
        std::string feed_author;
        if (pugi::xml_node a = child(root, "author"))
            feed_author = plain_from_maybe_html(inner_text(child(a, "name")));
        std::vector<pugi::xml_node> entries = children(root, "entry");
        for (std::size_t i = 0; i < entries.size(); ++i)
            read_atom_entry(b, entries[i], feed_author, i);
    } else {
        std::string name = root.name();
        std::string lower = to_lower_ascii(name);
        feed.error = "not a feed: the document's root element is <" + name + ">" +
                     (lower == "html" ? " (an HTML page, not RSS, Atom or JSON Feed)" : "");
    }
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    int line = 1, col = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return {line, col};
}

void parse_xml(Builder& b, std::string_view text) {
    pugi::xml_document doc;
    unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata;
    pugi::xml_parse_result r =
        doc.load_buffer(text.data(), text.size(), flags, pugi::encoding_utf8);
    pugi::xml_node root = doc.document_element();
    if (!r) {
        auto [line, col] = line_column(text, static_cast<std::size_t>(r.offset));
        std::string where = "line " + std::to_string(line) + ", column " + std::to_string(col);
        if (!root) {
            b.feed.error = "not a feed: malformed XML at " + where + ": " + r.description();
            return;
        }
        b.feed.warnings.push_back("malformed XML at " + where + ": " + r.description() +
                                  "; kept what was read before it");
    }
    if (!root) {
        b.feed.error = "not a feed: the document is empty";
        return;
    }
    read_xml_feed(b, root);
}

// JSON Feed (https://www.jsonfeed.org/version/1.1/).
std::string json_string(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    return {};
}

void parse_json(Builder& b, std::string_view text) {
    ParsedFeed& feed = b.feed;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        auto [line, col] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
        feed.error = "not a feed: malformed JSON at line " + std::to_string(line) + ", column " +
                     std::to_string(col);
        return;
    }
    if (!j.is_object()) {
        feed.error = "not a feed: the JSON document is not an object";
        return;
    }
    std::string version = json_string(j, "version");
    if (version.find("jsonfeed.org/version/") == std::string::npos) {
        if (!j.contains("items")) {
            feed.error = "not a feed: a JSON document without a JSON Feed \"version\"";
            return;
        }
        feed.warnings.push_back("the JSON Feed has no recognisable \"version\"; read as 1.1");
    }
    feed.format = FeedFormat::jsonfeed;
    feed.title = collapse_whitespace(json_string(j, "title"));
    std::string feed_url = json_string(j, "feed_url");
    std::string base = b.feed_base.empty() && is_http_url(feed_url) ? feed_url : b.feed_base;
    std::string home = json_string(j, "home_page_url");
    if (!home.empty()) feed.link = resolve_link(base, home);

    auto authors_of = [](const nlohmann::json& obj) {
        std::string out;
        auto add = [&](const nlohmann::json& a) {
            if (!a.is_object()) return;
            std::string n = collapse_whitespace(json_string(a, "name"));
            if (!n.empty()) out += (out.empty() ? "" : ", ") + n;
        };
        if (auto it = obj.find("authors"); it != obj.end() && it->is_array())
            for (const auto& a : *it) add(a);
        if (out.empty())
            if (auto it = obj.find("author"); it != obj.end()) add(*it);
        return out;
    };
    std::string feed_author = authors_of(j);

    auto items = j.find("items");
    if (items == j.end() || !items->is_array()) {
        feed.warnings.push_back("the JSON Feed has no \"items\" list");
        return;
    }
    std::size_t index = 0;
    for (const auto& it : *items) {
        if (!it.is_object()) {
            feed.warnings.push_back("item " + std::to_string(index + 1) +
                                    " is not an object; skipped");
            ++index;
            continue;
        }
        FeedItem item;
        item.id = std::string(trim(json_string(it, "id")));
        std::string url = json_string(it, "url");
        if (url.empty()) url = json_string(it, "external_url");
        item.url = resolve_link(base, url);
        std::string title = json_string(it, "title");
        item.title = collapse_whitespace(title);
        item.published = parse_feed_date(json_string(it, "date_published"));
        item.updated = parse_feed_date(json_string(it, "date_modified"));
        item.author = authors_of(it);
        if (item.author.empty()) item.author = feed_author;
        if (auto tags = it.find("tags"); tags != it.end() && tags->is_array())
            for (const auto& t : *tags)
                if (t.is_string()) add_category(item.categories, t.get<std::string>());
        std::string summary = json_string(it, "summary");
        std::string content_html = json_string(it, "content_html");
        std::string content_text = json_string(it, "content_text");
        if (!summary.empty()) {
            // JSON Feed's summary is plain text.
            b.summarise(item, html_escape(summary), {}, base, collapse_whitespace(summary));
        } else if (!content_html.empty()) {
            b.summarise(item, {}, content_html, base);
        } else {
            b.summarise(item, {}, html_escape(content_text), base,
                        collapse_whitespace(content_text));
        }
        b.finish(std::move(item), index);
        ++index;
    }
}

}  // namespace

std::string_view feed_format_name(FeedFormat format) {
    switch (format) {
        case FeedFormat::rss2:
            return "rss2";
        case FeedFormat::rss1:
            return "rss1";
        case FeedFormat::rss09x:
            return "rss09x";
        case FeedFormat::atom:
            return "atom";
        case FeedFormat::jsonfeed:
            return "jsonfeed";
        default:
            return "unknown";
    }
}

ParsedFeed parse_feed(std::string_view text, std::string_view base_url,
                      const FeedParseOptions& options) {
    ParsedFeed feed;
    Builder b{options, feed, std::string(trim(base_url))};
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::size_t start = 0;
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t' ||
                                   text[start] == '\n' || text[start] == '\r'))
        ++start;
    if (start == text.size()) {
        feed.error = "not a feed: the document is empty";
        return feed;
    }
    try {
        if (text[start] == '{' || text[start] == '[')
            parse_json(b, text);
        else if (text[start] == '<')
            parse_xml(b, text);
        else
            feed.error = "not a feed: the document starts with neither '<' nor '{'";
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        // A last line of defence: a library surprise must not take the whole fetch down.
        feed.error = std::string("could not read the feed: ") + e.what();
    }
    return feed;
}

ParsedFeed parse_feed_bytes(std::string_view bytes, std::string_view content_type,
                            std::string_view base_url, const FeedParseOptions& options) {
    DecodedText decoded = decode_feed_bytes(bytes, content_type);
    ParsedFeed feed = parse_feed(decoded.text, base_url, options);
    feed.warnings.insert(feed.warnings.begin(), decoded.warnings.begin(), decoded.warnings.end());
    return feed;
}

}  // namespace brief
