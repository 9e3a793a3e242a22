#include "feeds/xml_nodes.h"

#include <array>

#include "util/text.h"
#include "util/url.h"

namespace brief::xml {

namespace {

struct KnownNs {
    std::string_view key;
    Ns ns;
};

// Namespace URIs as compare_key() writes them: lower-case, without the scheme, without a
// trailing '/' or '#' (feeds write "https://www.w3.org/2005/Atom/" too).
constexpr std::array<KnownNs, 14> kUris = {{
    {"www.w3.org/2005/atom", kAtom},
    {"purl.org/atom/ns", kAtom},
    {"purl.org/rss/1.0", kRss},
    {"my.netscape.com/rdf/simple/0.9", kRss},
    {"backend.userland.com/rss2", kRss},
    {"backend.userland.com/rss", kRss},
    {"blogs.law.harvard.edu/tech/rss", kRss},
    {"purl.org/net/rss1.1", kRss},
    {"purl.org/dc/elements/1.1", kDc},
    {"purl.org/dc/elements/1.0", kDc},
    {"purl.org/dc/terms", kDcTerms},
    {"purl.org/rss/1.0/modules/content", kContent},
    {"www.w3.org/1999/xhtml", kXhtml},
    {"www.w3.org/1999/02/22-rdf-syntax-ns", kRdf},
}};

// What an undeclared prefix most likely means.
constexpr std::array<KnownNs, 8> kPrefixes = {{
    {"atom", kAtom},
    {"rss", kRss},
    {"dc", kDc},
    {"dcterms", kDcTerms},
    {"content", kContent},
    {"xhtml", kXhtml},
    {"html", kXhtml},
    {"rdf", kRdf},
}};

std::string compare_key(std::string_view uri) {
    std::string k = to_lower_ascii(trim(uri));
    for (std::string_view scheme : {"http://", "https://"})
        if (std::string_view(k).starts_with(scheme)) k.erase(0, scheme.size());
    while (!k.empty() && (k.back() == '/' || k.back() == '#')) k.pop_back();
    return k;
}

std::string_view prefix_of(const pugi::xml_node& n) {
    std::string_view name = n.name();
    auto colon = name.find(':');
    return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

// Where an element's namespace comes from: the declaring attribute's value, or (undeclared)
// its prefix alone.
struct NsSource {
    bool declared = false;
    std::string_view uri;
    std::string_view prefix;
};

NsSource source_of(const pugi::xml_node& n) {
    NsSource s;
    s.prefix = prefix_of(n);
    std::string attr_name = s.prefix.empty() ? "xmlns" : "xmlns:" + std::string(s.prefix);
    for (pugi::xml_node p = n; p && p.type() == pugi::node_element; p = p.parent()) {
        if (pugi::xml_attribute a = p.attribute(attr_name.c_str())) {
            s.declared = true;
            s.uri = a.value();
            return s;
        }
    }
    return s;
}

bool same_namespace(const pugi::xml_node& a, const pugi::xml_node& b) {
    NsSource x = source_of(a), y = source_of(b);
    if (x.declared != y.declared) return false;
    return x.declared ? compare_key(x.uri) == compare_key(y.uri) : x.prefix == y.prefix;
}

bool matches(const pugi::xml_node& c, const pugi::xml_node& parent, std::string_view name,
             unsigned ns) {
    if (c.type() != pugi::node_element || local_name(c) != name) return false;
    if (ns & namespace_of(c)) return true;
    return (ns & kParents) && same_namespace(c, parent);
}

bool void_html(std::string_view name) {
    static constexpr std::array<std::string_view, 14> kVoid = {
        "area",  "base", "br",   "col",   "embed",  "hr",    "img",
        "input", "link", "meta", "param", "source", "track", "wbr"};
    for (auto v : kVoid)
        if (v == name) return true;
    return false;
}

bool url_attribute(std::string_view name) {
    return name == "href" || name == "src" || name == "cite";
}

void open_tag(std::string& out, const pugi::xml_node& el, std::string_view feed_base) {
    out += '<';
    out += local_name(el);
    std::string base;
    bool have_base = false;
    for (pugi::xml_attribute a = el.first_attribute(); a; a = a.next_attribute()) {
        std::string_view name = a.name();
        if (name.find(':') != std::string_view::npos || name == "xmlns") continue;
        std::string value = a.value();
        if (url_attribute(name) && !trim(value).empty()) {
            if (!have_base) base = base_of(el, feed_base);
            have_base = true;
            value = resolve_url(base, value);
        }
        out += ' ';
        out += name;
        out += "=\"";
        out += html_escape(value);
        out += '"';
    }
    out += '>';
}

void close_tag(std::string& out, const pugi::xml_node& el) {
    out += "</";
    out += local_name(el);
    out += '>';
}

// Writes one element and everything in it, walking the tree through its parent links (hostile
// feeds nest tens of thousands deep: no recursion).
void append_element(std::string& out, const pugi::xml_node& top, std::string_view feed_base) {
    pugi::xml_node n = top;
    while (true) {
        bool descend = false;
        if (n.type() == pugi::node_element) {
            open_tag(out, n, feed_base);
            bool is_void = void_html(local_name(n));
            descend = !is_void && n.first_child();
            if (!is_void && !descend) close_tag(out, n);
        } else if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
            out += html_escape(n.value());
        }
        if (descend) {
            n = n.first_child();
            continue;
        }
        while (n != top && !n.next_sibling()) {
            n = n.parent();
            close_tag(out, n);
        }
        if (n == top) return;
        n = n.next_sibling();
    }
}

std::string content_of(const pugi::xml_node& n, std::string_view feed_base, bool escape_text) {
    std::string out;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
            out += escape_text ? html_escape(c.value()) : std::string(c.value());
        else if (c.type() == pugi::node_element)
            append_element(out, c, feed_base);
    }
    return out;
}

}  // namespace

std::string_view local_name(const pugi::xml_node& n) {
    std::string_view name = n.name();
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

Ns namespace_of(const pugi::xml_node& n) {
    NsSource s = source_of(n);
    if (!s.declared) {
        if (s.prefix.empty()) return kNoNs;
        for (const auto& p : kPrefixes)
            if (p.key == s.prefix) return p.ns;
        return kOther;
    }
    if (trim(s.uri).empty()) return kNoNs;
    std::string key = compare_key(s.uri);
    for (const auto& u : kUris)
        if (u.key == key) return u.ns;
    return kOther;
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name, unsigned ns) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (matches(c, parent, name, ns)) return c;
    return {};
}

pugi::xml_node first_child_of(const pugi::xml_node& parent,
                              std::initializer_list<std::string_view> names, unsigned ns) {
    for (std::string_view name : names)
        if (pugi::xml_node c = child(parent, name, ns)) return c;
    return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& parent, std::string_view name,
                                     unsigned ns) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (matches(c, parent, name, ns)) out.push_back(c);
    return out;
}

std::string_view attr(const pugi::xml_node& n, std::string_view name) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
        if (std::string_view(a.name()) == name) return a.value();
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        std::string_view an = a.name();
        auto colon = an.find(':');
        if (colon != std::string_view::npos && an.substr(colon + 1) == name &&
            an.substr(0, colon) != "xml" && an.substr(0, colon) != "xmlns")
            return a.value();
    }
    return {};
}

std::string raw_content(const pugi::xml_node& n, std::string_view feed_base) {
    return content_of(n, feed_base, false);
}

std::string xhtml_as_html(const pugi::xml_node& n, std::string_view feed_base) {
    return content_of(n, feed_base, true);
}

std::string base_of(const pugi::xml_node& n, std::string_view feed_base) {
    std::vector<std::string_view> bases;
    for (pugi::xml_node p = n; p && p.type() == pugi::node_element; p = p.parent())
        if (pugi::xml_attribute a = p.attribute("xml:base")) bases.push_back(a.value());
    std::string base(feed_base);
    for (auto it = bases.rbegin(); it != bases.rend(); ++it) base = resolve_url(base, *it);
    return base;
}

}  // namespace brief::xml
