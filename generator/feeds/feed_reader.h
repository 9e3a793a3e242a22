#pragma once
// What the feed readers share. In: a parsed XML root or JSON text, and the ParsedFeed being
// filled. Out: items added through FeedBuilder, which chooses each summary, resolves and
// checks links and scrubs every field (no control character, no double-encoded UTF-8, no
// e-mail address as an author). One reader per format: rss_reader.cpp (RSS 0.9x, 1.0, 2.0),
// atom_reader.cpp (Atom 1.0 and 0.3), json_feed_reader.cpp. Internal to feeds/.

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/feed_parser.h"

namespace brief {

/// One candidate for an item's summary: markup (plain text arrives escaped) and the base its
/// relative URLs resolve against.
struct SummarySource {
    std::string html;
    std::string base;
};

/// Collects a feed's items; every reader adds them through finish().
class FeedBuilder {
  public:
    FeedBuilder(ParsedFeed& feed, std::string feed_base, const FeedParseOptions& options)
        : feed_(feed), feed_base_(std::move(feed_base)), options_(options) {}

    /// The feed being filled.
    ParsedFeed& feed() { return feed_; }
    /// The feed's own URL: the base of last resort.
    const std::string& feed_base() const { return feed_base_; }

    /// Fills the summary from the first source with any text (a summary that is only an image
    /// or only whitespace gives way to the content), else the first with any markup.
    void summarise(FeedItem& item, const std::vector<SummarySource>& sources) const;

    /// Adds `base`-resolved `url` as an enclosure, when it is http(s) and not there yet.
    static void add_enclosure(FeedItem& item, std::string_view url, std::string_view base,
                              std::string_view type, std::string_view length);

    /// Scrubs the item's fields, drops a link that is not http(s), and adds the item (skipped,
    /// with a warning naming `index`, when it has neither id nor link).
    void finish(FeedItem item, std::size_t index);

  private:
    ParsedFeed& feed_;
    std::string feed_base_;
    const FeedParseOptions& options_;
};

/// The plain text of a field that may hold HTML (entities decoded, tags dropped).
std::string plain_text(std::string_view s);

/// A single-line field made clean: double-encoded UTF-8 repaired, control characters
/// removed, whitespace collapsed.
std::string clean_line(std::string_view s);

/// Adds a category (plain text, at most 200 bytes) unless it is already there.
void add_category(std::vector<std::string>& categories, std::string_view c);

/// The first of the listed children that holds a readable date.
struct DateField {
    std::string_view name;
    unsigned ns;
};
std::optional<std::int64_t> first_date(const pugi::xml_node& parent,
                                       std::initializer_list<DateField> fields);

/// An Atom text construct (RFC 4287 §3.1, and Atom 0.3's mode="escaped" / "base64").
struct TextConstruct {
    std::string html;  ///< markup (plain text escaped)
    std::string base;  ///< xml:base in force at the element
    bool present = false;
    /// Its plain text.
    std::string text() const { return plain_text(html); }
};
TextConstruct atom_text(const pugi::xml_node& n, std::string_view feed_base);

/// RSS 0.9x / 2.0 (root <rss>) and RSS 1.0 / 0.90 (root <RDF>).
void read_rss(FeedBuilder& b, const pugi::xml_node& root);
void read_rdf(FeedBuilder& b, const pugi::xml_node& root);
/// Atom: a whole <feed>, or one <entry> standing alone.
void read_atom_feed(FeedBuilder& b, const pugi::xml_node& root);
void read_atom_entry_document(FeedBuilder& b, const pugi::xml_node& root);
/// JSON Feed 1.0 / 1.1.
void read_json_feed(FeedBuilder& b, std::string_view text);

/// Line and column (1-based, in characters) of a byte offset.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

}  // namespace brief
