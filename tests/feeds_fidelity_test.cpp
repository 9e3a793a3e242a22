// What real feeds send that a strict reader loses: addresses in ids, guids and link text,
// standalone entries and bare RDF roots, prefixed RSS, content in every place feeds put it,
// Atom 0.3 modes, DOCTYPE entities, several authors and addresses, nested xml:base,
// double-encoded UTF-8 and control characters in every field.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "feeds/feed_parser.h"
#include "util/dates.h"
#include "util/fs.h"

using namespace brief;

namespace {

ParsedFeed parse_fixture(const std::string& name, const std::string& base = {}) {
    auto text = read_file(std::string(BRIEF_TEST_FIXTURES) + "/feeds/" + name);
    REQUIRE(text);
    return parse_feed_bytes(*text, "", base);
}

std::string utc(const std::optional<std::int64_t>& t) {
    return t ? format_rfc3339_utc(*t) : "null";
}

}  // namespace

TEST_CASE("an Atom entry's http id is its link, after an alternate and before a related link",
          "[feeds]") {
    ParsedFeed f = parse_fixture("atom-addresses.xml");
    REQUIRE(f.ok());
    CHECK(f.link == "https://accel.example.com/notes/");  // the feed's <link> text
    REQUIRE(f.items.size() == 5);
    CHECK(f.items[0].url == "https://accel.example.com/notes/2026/11/only-id");
    CHECK(f.items[1].url == "https://accel.example.com/notes/2026/11/text-link");
    CHECK(f.items[1].id == "tag:accel.example.com,2026:text-link");
    CHECK(f.items[2].url == "https://accel.example.com/notes/2026/11/alternate");
    CHECK(f.items[3].url == "https://accel.example.com/notes/2026/11/id-first");
    CHECK(f.items[4].url.empty());  // a tag: id is no address
    CHECK(f.items[4].id == "tag:accel.example.com,2026:no-link");
    CHECK(f.warnings.empty());
}

TEST_CASE("an RSS guid is the link only when it is a permalink and an http(s) URL", "[feeds]") {
    ParsedFeed f = parse_fixture("rss-guid-permalink.xml", "https://guid.example.com/feed.xml");
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 5);
    CHECK(f.items[0].url == "https://guid.example.com/a");
    CHECK(f.items[1].url == "https://guid.example.com/b");
    CHECK(f.items[2].url.empty());  // isPermaLink=" False "
    CHECK(f.items[2].id == "https://guid.example.com/c");
    CHECK(f.items[3].url.empty());  // relative: not resolved into an address
    CHECK(f.items[3].id == "items/d");
    CHECK(f.items[4].url.empty());
}

TEST_CASE("a standalone Atom entry is a feed of one item", "[feeds]") {
    ParsedFeed f = parse_fixture("atom-entry.xml");
    REQUIRE(f.ok());
    CHECK(f.format == FeedFormat::atom);
    REQUIRE(f.items.size() == 1);
    const FeedItem& e = f.items[0];
    CHECK(e.title == "A model release, published as one entry");
    CHECK(e.url == "https://models.example.com/blog/2026/11/entry-only.html");
    CHECK(utc(e.published) == "2026-11-21T01:00:00Z");
    CHECK(e.author == "Model Desk");
    CHECK(e.summary_text == "An entry document holds exactly one item.");
}

TEST_CASE("RDF roots without the usual namespaces are RSS 1.0", "[feeds]") {
    ParsedFeed bare = parse_fixture("rdf-no-namespace.rdf");
    REQUIRE(bare.ok());
    CHECK(bare.format == FeedFormat::rss1);
    CHECK(bare.title == "Bare RDF listing");
    REQUIRE(bare.items.size() == 1);
    CHECK(bare.items[0].url == "https://bare.example.com/papers/1");  // from about=

    ParsedFeed old = parse_fixture("rdf-rss090.rdf");
    REQUIRE(old.ok());
    CHECK(old.format == FeedFormat::rss1);
    CHECK(old.title == "RSS 0.90 listing");
    REQUIRE(old.items.size() == 1);
    CHECK(old.items[0].url == "https://old.example.com/items/1");
}

TEST_CASE("RSS in a prefixed namespace reads like plain RSS, and atom:link does not shadow it",
          "[feeds]") {
    ParsedFeed f = parse_fixture("rss-prefixed.xml");
    REQUIRE(f.ok());
    CHECK(f.format == FeedFormat::rss2);
    CHECK(f.title == "Prefixed RSS desk");
    CHECK(f.link == "https://prefixed.example.com/");
    REQUIRE(f.items.size() == 1);
    const FeedItem& i = f.items[0];
    CHECK(i.id == "prefixed-1");
    CHECK(i.title == "Every element carries the rss: prefix");
    CHECK(i.url == "https://prefixed.example.com/2026/11/prefixed");
    CHECK(utc(i.published) == "2026-11-20T02:00:00Z");
    CHECK(i.categories == std::vector<std::string>{"Compute"});
    CHECK(i.summary_html == "A <b>prefixed</b> description.");
}

TEST_CASE("the summary is the description; content stands in when the description has no text",
          "[feeds]") {
    ParsedFeed f = parse_fixture("rss-content.xml", "https://content.example.com/feed");
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 6);
    CHECK(f.items[0].summary_text == "The publisher's short summary.");
    CHECK(f.items[1].summary_html ==
          "<p>A cluster of <b>8,192</b> accelerators went live.</p>");  // description: an image
    CHECK(f.items[2].summary_html == "<p>Only the content has text.</p>");
    CHECK(f.items[3].summary_html ==
          "<p>Inline <em>XHTML</em> with a <a href=\"https://content.example.com/notes/x\" "
          "rel=\"nofollow noopener\">link</a>.</p>");                    // <xhtml:body>
    CHECK(f.items[4].summary_html == "<p>The full item, escaped.</p>");  // <fullitem>
    CHECK(f.items[5].summary_html == "<p>Markup written <i>as elements</i>.</p>");
}

TEST_CASE("Atom 0.3 content in mode=\"escaped\" and mode=\"base64\" is read", "[feeds]") {
    ParsedFeed f = parse_fixture("atom03.xml");
    REQUIRE(f.ok());
    CHECK(f.format == FeedFormat::atom);
    CHECK(f.title == "Atom 0.3 <desk>");
    CHECK(f.link == "https://atom03.example.com/");
    CHECK(utc(f.updated) == "2026-11-22T10:00:00Z");  // <modified>
    REQUIRE(f.items.size() == 4);
    CHECK(f.items[0].summary_html == "<p>Escaped <b>HTML</b> content.</p>");
    CHECK(utc(f.items[0].published) == "2026-11-22T01:00:00Z");  // <issued>
    CHECK(utc(f.items[0].updated) == "2026-11-22T10:00:00Z");    // <modified>
    CHECK(f.items[1].summary_html == "<p>Base64 <i>HTML</i> content, 昇腾.</p>");
    CHECK(utc(f.items[1].published) == "2026-11-21T09:00:00Z");  // <created>
    CHECK(f.items[2].summary_html == "Plain &lt;text&gt; in base64");
    CHECK(f.items[2].summary_text == "Plain <text> in base64");
    CHECK(f.items[3].summary_html == "<p>Read as HTML.</p>");
    for (const auto& i : f.items) CHECK(i.author == "Old Desk");
}

TEST_CASE("entities declared in the DOCTYPE are expanded; external ones are never read",
          "[feeds]") {
    ParsedFeed f = parse_fixture("rss-doctype-entities.xml");
    REQUIRE(f.ok());
    CHECK(f.title == "Compute & Policy Desk (entities)");
    CHECK(f.link == "https://entities.example.com/");
    REQUIRE(f.items.size() == 2);
    const FeedItem& i = f.items[0];
    CHECK(i.id == "https://entities.example.com/2026/11/entity-guid");  // nested: &story; &site;
    CHECK(i.url == i.id);
    CHECK(i.title == "Café notes from the Compute & Policy Desk");
    CHECK(i.summary_html ==
          "See <a href=\"https://entities.example.com/more\" rel=\"nofollow noopener\">more</a>. "
          "&amp;secret;");
    CHECK(f.items[1].title == "CDATA keeps &desk; as it is");
    CHECK(f.warnings == std::vector<std::string>{
                            "the DOCTYPE declares the external entity 'secret'; Brief does not "
                            "read external entities"});
}

TEST_CASE("a billion-laughs DOCTYPE is refused quickly and the rest of the feed reads", "[feeds]") {
    auto start = std::chrono::steady_clock::now();
    ParsedFeed f = parse_fixture("billion-laughs.xml");
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 1.0);
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 1);
    CHECK(f.items[0].title == "&lol9;");
    std::string lol2;  // &lol2; is 300 bytes: small enough to expand
    for (int i = 0; i < 100; ++i) lol2 += "lol";
    CHECK(f.items[0].summary_text == lol2);
    CHECK(f.warnings == std::vector<std::string>{
                            "the DOCTYPE's entity 'lol9' expands to more than 64 KiB, nests more "
                            "than 16 deep or refers to itself; left as it is"});
}

TEST_CASE("several authors are joined, names are kept and e-mail addresses never", "[feeds]") {
    ParsedFeed f = parse_fixture("rss-authors.xml");
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 8);
    CHECK(f.items[0].author == "Li Wen, Zhang Min");
    CHECK(f.items[1].author == "Li Wen");  // email (name)
    CHECK(f.items[2].author == "Li Wen");  // name (email)
    CHECK(f.items[3].author == "Zhang Min");
    CHECK(f.items[4].author.empty());      // only an address
    CHECK(f.items[5].author == "Li Wen");  // the same person once
    CHECK(f.items[6].author == "Zhang Min");
    CHECK(f.items[7].author == "Wang Lei");
}

TEST_CASE("nested xml:base resolves each against its parent's, down to URLs inside content",
          "[feeds]") {
    ParsedFeed f = parse_fixture("xml-base-nested.xml", "https://base.example.com/feeds/all.xml");
    REQUIRE(f.ok());
    CHECK(f.link == "https://base.example.com/feeds/releases/");  // relative xml:base on <feed>
    REQUIRE(f.items.size() == 1);
    const FeedItem& i = f.items[0];
    CHECK(i.url == "https://base.example.com/feeds/releases/2026/11/notes.html");
    REQUIRE(i.enclosures.size() == 1);
    CHECK(i.enclosures[0].url == "https://base.example.com/feeds/releases/audio/briefing.mp3");
    CHECK(i.enclosures[0].type == "audio/mpeg");
    CHECK(i.enclosures[0].length == 1048576);
    // The xhtml wrapper <div> is dropped, the nested one kept; an xml:base on an element
    // inside the content applies to the links inside it.
    CHECK(i.summary_html ==
          "<div><p>See <img src=\"https://cdn.example.net/media/chart.png\" alt=\"chart\"> and "
          "<a href=\"https://cdn.example.net/top\" rel=\"nofollow noopener\">the top</a>.</p>"
          "</div>\n        <div><a href=\"https://cdn.example.net/media/deep/page.html\" "
          "rel=\"nofollow noopener\">deep link</a></div>");
}

TEST_CASE("enclosures and summary links resolve against their own element's xml:base", "[feeds]") {
    ParsedFeed f = parse_fixture("xml-base-enclosure.xml", "https://feeds.example.com/podcast");
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 1);
    const FeedItem& i = f.items[0];
    CHECK(i.url == "https://podcast.example.com/shows/weekly/episode-12.html");
    REQUIRE(i.enclosures.size() == 2);  // the javascript: one is dropped
    CHECK(i.enclosures[0].url == "https://media.example.net/files/episode-12.mp3");
    CHECK(i.enclosures[0].length == 2048);
    CHECK(i.enclosures[1].url == "https://podcast.example.com/shows/weekly/episode-12.pdf");
    CHECK(i.enclosures[1].length == 0);
    CHECK(i.summary_html ==
          "<a href=\"https://notes.example.org/ep12\" rel=\"nofollow noopener\">notes</a>");
}

TEST_CASE("JSON Feed attachments are enclosures, resolved against the feed's address", "[feeds]") {
    std::string json = R"json({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "j1", "url": "/posts/1", "authors": [{"name": "desk@json.example.com (Desk)"}],
         "attachments": [{"url": "/media/1.mp3", "mime_type": "audio/mpeg",
                          "size_in_bytes": 4096}, {"url": "ftp://json.example.com/x"}]}]})json";
    ParsedFeed f = parse_feed(json, "https://json.example.com/feed.json");
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 1);
    CHECK(f.items[0].url == "https://json.example.com/posts/1");
    CHECK(f.items[0].author == "Desk");
    REQUIRE(f.items[0].enclosures.size() == 1);
    CHECK(f.items[0].enclosures[0].url == "https://json.example.com/media/1.mp3");
    CHECK(f.items[0].enclosures[0].type == "audio/mpeg");
    CHECK(f.items[0].enclosures[0].length == 4096);
}

TEST_CASE("double-encoded UTF-8 is repaired in every field of a feed, and only there", "[feeds]") {
    ParsedFeed f = parse_fixture("double-encoded.xml");
    REQUIRE(f.ok());
    CHECK(f.title == "Double-encoded desk \u2013 test");
    REQUIRE(f.items.size() == 5);
    CHECK(f.items[0].title == "Huawei\u2019s Ascend \u2013 a caf\u00E9 note");
    CHECK(f.items[0].summary_html == "Z\u00FCrich\u2019s \u201Ccompute\u201D desk");
    CHECK(f.items[0].author == "Jos\u00E9 Garc\u00EDa");
    CHECK(f.items[0].categories == std::vector<std::string>{"Pol\u00EDticas"});
    CHECK(f.items[1].title == "\u5BD2\u6B66\u7EAA revenue");
    CHECK(f.items[1].summary_html == "<p>\u5BD2\u6B66\u7EAA <b>revenue</b> rose.</p>");
    CHECK(f.items[2].title == "Export rule \u2013 text");  // ISO-8859-1's C1 row
    CHECK(f.items[3].title == "\u00C3\u00A9 is how \u00E9 looks when mangled");
    CHECK(f.items[4].title == "S\u00E3o Paulo \u00D1and\u00FA");
}

TEST_CASE("no C0 or C1 control character reaches any item field", "[feeds]") {
    ParsedFeed f = parse_fixture("controls.xml", "https://controls.example.com/");
    REQUIRE(f.ok());
    CHECK(f.title == "Control desk");
    REQUIRE(f.items.size() == 1);
    const FeedItem& i = f.items[0];
    CHECK(i.title == "Ascend 910C");
    CHECK(i.id == "id-1");
    CHECK(i.author == "Li Wen");
    CHECK(i.categories == std::vector<std::string>{"Chips"});
    // Controls in a URL are percent-encoded, as browsers do; the tab (&#x9;) too.
    CHECK(i.url == "https://controls.example.com/a%01%08%0B%1B%7F%C2%85%C2%9Fb%09c");
    // &#x85; in HTML is windows-1252's 0x85, an ellipsis (HTML5 §13.2.5.80); TAB and LF stay
    // where HTML needs them.
    CHECK(i.summary_html ==
          "<p>Body text\u2026</p><pre>a\tb\nc</pre><a href=\"https://controls.example.com/xy\" "
          "rel=\"nofollow noopener\">l</a>");
    CHECK(i.summary_text == "Body text\u2026 a b c l");
}
