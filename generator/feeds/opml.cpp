#include "feeds/opml.h"

#include <pugixml.hpp>

#include <map>
#include <set>
#include <sstream>

#include "feeds/charset.h"
#include "feeds/sanitize.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {
namespace {

// Brief's own attributes (brief:id, brief:kind) live in this namespace; a file binds it to
// any prefix it likes.
constexpr const char* kBriefNamespace = "https://brief.example.org/ns/opml";

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && to_lower_ascii(a) == to_lower_ascii(b);
}

// An attribute by name, whatever its case ("xmlUrl", "xmlurl"), trimmed; "" when absent.
std::string attr(const pugi::xml_node& node, std::string_view name) {
    for (const pugi::xml_attribute& a : node.attributes())
        if (iequals(a.name(), name)) return std::string(trim(a.value()));
    return {};
}

// The prefix the root binds Brief's namespace to ("brief:"), or "" when it does not.
std::string brief_prefix(const pugi::xml_node& root) {
    for (const pugi::xml_attribute& a : root.attributes()) {
        std::string_view name = a.name();
        if (name.starts_with("xmlns:") && std::string_view(a.value()) == kBriefNamespace)
            return std::string(name.substr(6)) + ":";
    }
    return {};
}

// "feed://host/x" and "feed:https://host/x", as some readers write them, are plain http(s).
std::string feed_address(std::string url) {
    if (url.starts_with("feed://")) return "http://" + url.substr(7);
    if (url.starts_with("feed:")) return std::string(trim(url.substr(5)));
    return url;
}

// Adds `topic` (trimmed) unless it is empty or already there.
void add_topic(std::vector<std::string>& topics, std::set<std::string>& seen,
               std::string_view topic) {
    std::string t = collapse_whitespace(topic);
    if (!t.empty() && seen.insert(t).second) topics.push_back(std::move(t));
}

// Walks <body> in document order, keeping the name of each enclosing folder by depth.
class OutlineWalker : public pugi::xml_tree_walker {
  public:
    OutlineWalker(const std::string& file, std::string_view text, std::string prefix,
                  Diagnostics& diags)
        : file_(file), text_(text), prefix_(std::move(prefix)), diags_(diags) {}

    bool for_each(pugi::xml_node& node) override {
        if (node.type() != pugi::node_element) return true;
        folders_.resize(static_cast<std::size_t>(depth()));
        std::string folder;
        if (iequals(node.name(), "outline")) {
            std::string url = attr(node, "xmlUrl");
            if (url.empty()) {
                folder = collapse_whitespace(attr(node, "text"));
                if (folder.empty()) folder = collapse_whitespace(attr(node, "title"));
            } else {
                feed(node, url);
            }
        }
        folders_.push_back(std::move(folder));
        return true;
    }

    std::vector<OpmlFeed> feeds;

  private:
    void feed(const pugi::xml_node& node, const std::string& url) {
        OpmlFeed f;
        std::tie(f.line, f.column) = position(node);
        f.xml_url = feed_address(url);
        f.title = collapse_whitespace(attr(node, "title"));
        if (f.title.empty()) f.title = collapse_whitespace(attr(node, "text"));
        if (!is_http_url(f.xml_url)) {
            diags_.add({file_, f.line, f.column, Severity::warning,
                        "outline '" + f.title + "': xmlUrl '" + url +
                            "' is not an http or https URL; left out",
                        "Brief fetches only http:// and https:// feeds",
                        std::string(line_of(text_, f.line))});
            return;
        }
        f.language = attr(node, "language");
        if (!prefix_.empty()) {
            f.id = attr(node, prefix_ + "id");
            f.kind = attr(node, prefix_ + "kind");
        }
        std::vector<std::string> topics;
        std::set<std::string> seen;
        for (const auto& folder : folders_) add_topic(topics, seen, folder);
        const std::string categories = attr(node, "category");
        for (std::string_view category : split(categories, ','))
            for (std::string_view part : split(category, '/')) add_topic(topics, seen, part);
        // A feed filed in two folders is one source with the topics of both.
        std::string key = canonical_url(f.xml_url);
        if (auto it = index_.find(key); it != index_.end()) {
            OpmlFeed& first = feeds[it->second];
            std::set<std::string> had(first.topics.begin(), first.topics.end());
            for (const auto& t : topics) add_topic(first.topics, had, t);
            return;
        }
        f.topics = std::move(topics);
        index_[key] = feeds.size();
        feeds.push_back(std::move(f));
    }

    std::pair<int, int> position(const pugi::xml_node& node) const {
        std::ptrdiff_t at = node.offset_debug();
        if (at < 0) return {0, 0};
        // pugixml points at the element's name; the diagnostic points at its '<'.
        if (at > 0 && text_[static_cast<std::size_t>(at) - 1] == '<') --at;
        return text_position(text_, static_cast<std::size_t>(at));
    }

    const std::string& file_;
    std::string_view text_;
    std::string prefix_;
    Diagnostics& diags_;
    std::vector<std::string> folders_;
    std::map<std::string, std::size_t> index_;
};

void error_at(Diagnostics& diags, const std::string& file, std::string_view text,
              std::pair<int, int> at, std::string message, std::string hint = {}) {
    diags.add({file, at.first, at.second, Severity::error, std::move(message), std::move(hint),
               std::string(line_of(text, at.first))});
}

// Removes the control characters XML 1.0 cannot carry.
std::string xml_text(std::string_view text) {
    std::string out;
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    return out;
}

}  // namespace

std::optional<OpmlDocument> parse_opml(const std::string& file, std::string_view bytes,
                                       Diagnostics& diags) {
    const DecodedText decoded = decode_feed_bytes(bytes);
    const std::string& text = decoded.text;
    pugi::xml_document doc;
    pugi::xml_parse_result r =
        doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (r.status == pugi::status_no_document_element) {
        error_at(diags, file, text, text_position(text, text.size()),
                 "not an OPML file: it holds no XML element",
                 "an OPML file starts with <opml version=\"2.0\">");
        return std::nullopt;
    }
    if (!r) {
        std::string what = r.description();
        if (!what.empty()) what[0] = static_cast<char>(std::tolower(what[0]));
        error_at(diags, file, text, text_position(text, static_cast<std::size_t>(r.offset)),
                 "malformed XML: " + what);
        return std::nullopt;
    }
    pugi::xml_node root = doc.document_element();
    OutlineWalker walker(file, text, brief_prefix(root), diags);
    auto root_at = [&] {
        std::ptrdiff_t at = root.offset_debug();
        return text_position(text, at > 0 ? static_cast<std::size_t>(at) - 1 : 0);
    };
    if (!iequals(root.name(), "opml")) {
        std::string name = root.name();
        bool feed = name == "rss" || name == "feed" || name == "rdf:RDF";
        error_at(diags, file, text, root_at(),
                 "not an OPML file: the root element is <" + name + ">, not <opml>",
                 feed ? "this is a feed; add it with 'brief sources add URL'" : std::string{});
        return std::nullopt;
    }
    pugi::xml_node body;
    for (pugi::xml_node child : root.children())
        if (child.type() == pugi::node_element && iequals(child.name(), "body")) body = child;
    if (!body) {
        error_at(diags, file, text, root_at(), "<opml> has no <body>",
                 "an OPML file lists its feeds as <outline> elements inside <body>");
        return std::nullopt;
    }
    OpmlDocument out;
    for (pugi::xml_node child : root.children())
        if (iequals(child.name(), "head"))
            out.title = collapse_whitespace(child.child_value("title"));
    body.traverse(walker);
    out.feeds = std::move(walker.feeds);
    return out;
}

std::string write_opml(std::string_view title, const std::vector<SourceConfig>& sources) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto opml = doc.append_child("opml");
    opml.append_attribute("version") = "2.0";
    opml.append_attribute("xmlns:brief") = kBriefNamespace;
    auto head = opml.append_child("head");
    head.append_child("title").text() = xml_text(title).c_str();
    head.append_child("docs").text() = "https://opml.org/spec2.opml";
    auto body = opml.append_child("body");
    for (const SourceConfig& s : sources) {
        if (!s.enabled) continue;  // a reader cannot follow a paused feed
        auto o = body.append_child("outline");
        const std::string name = xml_text(s.name);
        o.append_attribute("type") = "rss";
        o.append_attribute("text") = name.c_str();
        o.append_attribute("title") = name.c_str();
        o.append_attribute("xmlUrl") = xml_text(s.url).c_str();
        if (!s.lang.empty()) o.append_attribute("language") = xml_text(s.lang).c_str();
        std::string category;
        for (const auto& t : s.topics) category += (category.empty() ? "/" : ",/") + xml_text(t);
        if (!category.empty()) o.append_attribute("category") = category.c_str();
        o.append_attribute("brief:id") = xml_text(s.id).c_str();
        o.append_attribute("brief:kind") = xml_text(s.kind).c_str();
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace brief
