#include "feeds/feed_parser.h"

#include <pugixml.hpp>

#include "feeds/charset.h"
#include "feeds/feed_reader.h"
#include "feeds/field_text.h"
#include "feeds/xml_entities.h"
#include "feeds/xml_nodes.h"
#include "util/text.h"

namespace brief {

namespace {

// Which reader a document's root element calls for (root names are matched without their
// prefix and case: <rss:rss>, <rdf:RDF>, <RDF>, <rdf:rdf>).
void read_xml_root(FeedBuilder& b, const pugi::xml_node& root) {
    std::string name = to_lower_ascii(xml::local_name(root));
    if (name == "rss") {
        read_rss(b, root);
    } else if (name == "rdf") {
        read_rdf(b, root);
    } else if (name == "feed") {
        read_atom_feed(b, root);
    } else if (name == "entry") {
        read_atom_entry_document(b, root);
    } else {
        b.feed().error = "not a feed: the document's root element is <" + std::string(root.name()) +
                         ">" +
                         (name == "html" ? " (an HTML page, not RSS, Atom or JSON Feed)" : "");
    }
}

void parse_xml(FeedBuilder& b, std::string_view text) {
    ParsedFeed& feed = b.feed();
    std::optional<std::string> expanded = xml::expand_declared_entities(text, feed.warnings);
    if (expanded) text = *expanded;
    pugi::xml_document doc;
    unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata;
    pugi::xml_parse_result r =
        doc.load_buffer(text.data(), text.size(), flags, pugi::encoding_utf8);
    pugi::xml_node root = doc.document_element();
    if (!r) {
        auto [line, col] = line_column(text, static_cast<std::size_t>(r.offset));
        std::string where = "line " + std::to_string(line) + ", column " + std::to_string(col);
        if (!root) {
            feed.error = "not a feed: malformed XML at " + where + ": " + r.description();
            return;
        }
        feed.warnings.push_back("malformed XML at " + where + ": " + r.description() +
                                "; kept what was read before it");
    }
    if (!root) {
        feed.error = "not a feed: the document is empty";
        return;
    }
    read_xml_root(b, root);
}

}  // namespace

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
    FeedBuilder b(feed, std::string(trim(base_url)), options);
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
            read_json_feed(b, text);
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
    feed.title = clean_line(feed.title);
    feed.link = url_without_controls(feed.link);
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
