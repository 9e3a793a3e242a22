// The feed parser over the fixture corpus: every format, date variant, relative links,
// xml:base, CDATA, escaped HTML, missing fields, malformed and empty feeds.
#include <catch2/catch.hpp>

#include <string>

#include "feeds/feed_dates.h"
#include "feeds/feed_parser.h"
#include "util/dates.h"
#include "util/fs.h"

using namespace brief;

namespace {

std::string fixture(const std::string& name) {
    auto text = read_file(std::string(BRIEF_TEST_FIXTURES) + "/feeds/" + name);
    REQUIRE(text);
    return *text;
}

ParsedFeed parse_fixture(const std::string& name, const std::string& base = {}) {
    return parse_feed_bytes(fixture(name), "", base);
}

std::string utc(const std::optional<std::int64_t>& t) {
    return t ? format_rfc3339_utc(*t) : "null";
}

}  // namespace

TEST_CASE("an RSS 2.0 feed gives plain titles, absolute links and UTC dates", "[feeds]") {
    ParsedFeed f = parse_fixture("rss2.xml", "https://news.example.com/compute/feed.xml");
    REQUIRE(f.ok());
    CHECK(f.format == FeedFormat::rss2);
    CHECK(f.title == "Example Compute Desk & Friends");
    CHECK(f.link == "https://news.example.com/compute/");
    CHECK(utc(f.updated) == "2026-11-23T00:00:00Z");
    REQUIRE(f.items.size() == 3);

    const FeedItem& a = f.items[0];
    CHECK(a.id == "compute-2026-1101");
    CHECK(a.title == "Example: Ascend cluster doubles in size");  // CDATA, tags stripped
    CHECK(a.url ==
          "https://news.example.com/compute/2026/11/ascend-cluster?utm_source=rss&utm_medium=feed");
    CHECK(utc(a.published) == "2026-11-22T23:30:00Z");
    CHECK(a.author == "Li Wen");
    CHECK(a.categories == std::vector<std::string>{"Chips", "Clusters"});
    // Entity-escaped HTML in <description> is HTML; its relative link is made absolute.
    CHECK(a.summary_html ==
          "<p>An example operator says its <strong>Ascend</strong> cluster now has 16,384 "
          "accelerators. <a href=\"https://news.example.com/compute/context\" "
          "rel=\"nofollow noopener\">Context</a>.</p>");
    CHECK(a.summary_text ==
          "An example operator says its Ascend cluster now has 16,384 accelerators. Context.");

    const FeedItem& b = f.items[1];
    CHECK(b.title == "Export rule update \u2013 what changed");
    CHECK(b.url == "https://news.example.com/compute/2026/11/export-rule");
    CHECK(b.id == b.url);  // no guid: the link is the id
    CHECK(b.author == "Example Policy Desk");
    CHECK(b.summary_html ==
          "<p>Only content:encoded here, with an <img src=\"https://news.example.com/img/"
          "chart.png\" alt=\"chart\"> image.</p>");

    const FeedItem& c = f.items[2];
    CHECK(c.title == "Entity-escaped title & more");
    CHECK(c.url == "https://news.example.com/compute/2026/11/permalink-guid");  // permalink guid
    CHECK(c.summary_html == "Plain description, no markup.");
}

TEST_CASE("RSS 0.91 and 0.92 feeds are read as rss09x", "[feeds]") {
    ParsedFeed f91 = parse_fixture("rss091.xml");
    REQUIRE(f91.ok());
    CHECK(f91.format == FeedFormat::rss09x);
    REQUIRE(f91.items.size() == 2);
    CHECK(f91.items[1].title == "Legacy item two");
    CHECK(f91.items[1].id == "http://legacy.example.org/two.html");
    CHECK_FALSE(f91.items[0].published);

    ParsedFeed f92 = parse_fixture("rss092.xml");
    REQUIRE(f92.ok());
    CHECK(f92.format == FeedFormat::rss09x);
    REQUIRE(f92.items.size() == 1);
    CHECK(f92.items[0].title.empty());
    CHECK(f92.items[0].summary_html == "An item <i>with only</i> a description and a link.");
    CHECK(f92.items[0].categories == std::vector<std::string>{"Semiconductors"});
}

TEST_CASE("an RSS 1.0 (RDF) feed reads items beside the channel and dc: fields", "[feeds]") {
    ParsedFeed f = parse_fixture("rss1.rdf");
    REQUIRE(f.ok());
    CHECK(f.format == FeedFormat::rss1);
    CHECK(f.title == "cs.DC updates (example)");
    CHECK(utc(f.updated) == "2026-11-25T01:30:00Z");
    REQUIRE(f.items.size() == 2);
    CHECK(f.items[0].id == "http://arxiv.example.org/abs/2611.00001");
    CHECK(f.items[0].author == "A. Author, B. Author");
    CHECK(utc(f.items[0].published) == "2026-11-25T01:30:00Z");
    CHECK(f.items[0].categories == std::vector<std::string>{"Distributed Computing"});
    CHECK(f.items[1].url == "http://arxiv.example.org/abs/2611.00002");  // from rdf:about
}

TEST_CASE("an Atom feed honours rel=alternate, xml:base and text construct types", "[feeds]") {
    ParsedFeed f = parse_fixture("atom.xml", "https://models.example.com/feeds/releases.atom");
    REQUIRE(f.ok());
    CHECK(f.format == FeedFormat::atom);
    CHECK(f.title == "Example Model Releases");                  // type="html" made plain
    CHECK(f.link == "https://models.example.com/org/releases");  // xml:base on <feed>
    REQUIRE(f.items.size() == 3);

    const FeedItem& a = f.items[0];
    CHECK(a.id == "tag:models.example.com,2026:release/v3.2");
    CHECK(a.title == "v3.2: <faster> inference kernels");  // type="text" keeps its brackets
    CHECK(a.url == "https://models.example.com/org/releases/tag/v3.2");  // alternate, not edit
    CHECK(utc(a.published) == "2026-11-24T02:00:00Z");
    CHECK(utc(a.updated) == "2026-11-24T12:00:00Z");
    CHECK(a.author == "Example Org");  // the feed's author
    CHECK(a.categories == std::vector<std::string>{"Release"});
    CHECK(a.summary_html ==
          "<p>New kernels; see <a href=\"https://models.example.com/org/docs/kernels\" "
          "rel=\"nofollow noopener\">the docs</a>.</p>");

    const FeedItem& b = f.items[1];
    CHECK(b.url == "https://mirror.example.net/base/notes/v3.1.html");  // the entry's xml:base
    CHECK(b.summary_html ==
          "<p>XHTML <b>content</b> with a <a href=\"https://mirror.example.net/base/rel/x\" "
          "rel=\"nofollow noopener\">relative link</a>.</p>");
    CHECK(utc(b.published) == "2026-11-17T08:00:00Z");  // no <published>: <updated>

    const FeedItem& c = f.items[2];
    CHECK(c.title == "v3.0 initial");                    // type="xhtml"
    CHECK(c.url == "https://elsewhere.example.org/v3");  // only a related link
    CHECK(c.author == "Release Bot");
    CHECK(c.summary_html == "Plain text content with &lt;tags&gt; that stay text.");
    CHECK(c.summary_text == "Plain text content with <tags> that stay text.");
}

TEST_CASE("JSON Feed 1.1 and 1.0 are read, with relative URLs resolved", "[feeds]") {
    ParsedFeed f = parse_fixture("jsonfeed11.json");
    REQUIRE(f.ok());
    CHECK(f.format == FeedFormat::jsonfeed);
    CHECK(f.link == "https://json.example.com/");
    REQUIRE(f.items.size() == 2);
    CHECK(f.items[0].url == "https://json.example.com/posts/cambricon-revenue");  // feed_url base
    CHECK(f.items[0].summary_html == "<p>Revenue <em>rose</em> sharply. </p>");
    CHECK(utc(f.items[0].published) == "2026-11-20T01:00:00Z");
    CHECK(utc(f.items[0].updated) == "2026-11-21T01:00:00Z");
    CHECK(f.items[0].author == "Example Desk");
    CHECK(f.items[0].categories == std::vector<std::string>{"earnings", "Cambricon"});
    CHECK(f.items[1].id == "42");
    CHECK(f.items[1].url == "https://other.example.org/story");
    CHECK_FALSE(f.items[1].published);  // "not a date" is null, never a guess
    CHECK(f.items[1].summary_html == "A plain summary with &lt;angle&gt; brackets.");
    CHECK(f.items[1].author == "Guest Writer");

    ParsedFeed f10 = parse_fixture("jsonfeed10.json");
    REQUIRE(f10.ok());
    REQUIRE(f10.items.size() == 1);
    CHECK(f10.items[0].author == "Old Style Author");
    CHECK(f10.items[0].summary_text == "Text only with spacing.");
}

TEST_CASE("every date variant of the corpus reads as the instant its title names", "[feeds]") {
    ParsedFeed f = parse_fixture("dates.xml");
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 61);
    for (const auto& item : f.items) {
        INFO("item " << item.id << " expected " << item.title);
        CHECK(utc(item.published) == item.title);
    }
}

TEST_CASE("relative links resolve against xml:base, then the feed's address", "[feeds]") {
    ParsedFeed f = parse_fixture("xml-base-rss.xml", "https://feeds.example.com/rss");
    REQUIRE(f.ok());
    CHECK(f.link == "https://base.example.com/section/");
    REQUIRE(f.items.size() == 2);
    CHECK(f.items[0].url == "https://base.example.com/stories/1.html#top");
    CHECK(f.items[0].summary_html ==
          "<a href=\"https://base.example.com/section/more.html\" rel=\"nofollow "
          "noopener\">more</a> <img src=\"https://cdn.example.com/p.png\">");
    CHECK(f.items[1].url == "https://other.example.org/deep/path/child.html?q=1");
}

TEST_CASE("items with missing fields keep what they have; an item with no id or link is skipped",
          "[feeds]") {
    ParsedFeed f = parse_fixture("missing-fields.xml");
    REQUIRE(f.ok());
    CHECK(f.title.empty());
    REQUIRE(f.items.size() == 3);
    CHECK(f.items[0].id == "https://sparse.example.com/only-a-link");
    CHECK(f.items[0].title.empty());
    CHECK(f.items[1].id == "only-a-guid");
    CHECK(f.items[1].url.empty());
    CHECK(f.items[2].url == "https://sparse.example.com/padded");
    CHECK_FALSE(f.items[2].published);
    REQUIRE(f.warnings.size() == 1);
    CHECK(f.warnings[0] == "item 3 has neither an id nor a link; skipped");
}

TEST_CASE("malformed XML is read as far as it goes, with a warning naming the place", "[feeds]") {
    ParsedFeed f = parse_fixture("malformed.xml");
    REQUIRE(f.ok());
    CHECK(f.title == "Cut short");
    REQUIRE(f.items.size() >= 2);
    CHECK(f.items[0].title == "First item is whole");
    CHECK(f.items[1].title == "Second item is whole too");
    REQUIRE_FALSE(f.warnings.empty());
    CHECK(f.warnings[0].starts_with("malformed XML at line 16, column"));
    CHECK(f.warnings[0].ends_with("; kept what was read before it"));

    ParsedFeed m = parse_fixture("mismatched.xml");
    REQUIRE(m.ok());
    REQUIRE_FALSE(m.items.empty());
    CHECK(m.items[0].title == "Good one");
    CHECK_FALSE(m.warnings.empty());
}

TEST_CASE("an empty channel has no items and no warnings; an empty file is not a feed", "[feeds]") {
    ParsedFeed f = parse_fixture("empty-channel.xml");
    REQUIRE(f.ok());
    CHECK(f.items.empty());
    CHECK(f.warnings.empty());
    CHECK(f.title == "Nothing yet");

    ParsedFeed e = parse_fixture("empty-file.xml");
    CHECK_FALSE(e.ok());
    CHECK(e.error == "not a feed: the document is empty");
}

TEST_CASE("an HTML page is not a feed, and says so", "[feeds]") {
    ParsedFeed f = parse_fixture("not-a-feed.html");
    CHECK_FALSE(f.ok());
    CHECK(f.error.starts_with("not a feed"));
}

TEST_CASE("markup in a hostile feed never reaches the summary", "[feeds]") {
    ParsedFeed f = parse_fixture("xss.xml", "https://hostile.example.com/feed");
    REQUIRE(f.ok());
    CHECK(f.title == "Hostile feed");
    REQUIRE(f.items.size() == 1);
    const FeedItem& i = f.items[0];
    CHECK(i.title == "Payload title");
    CHECK(i.url.empty());  // a javascript: link is dropped
    CHECK(f.warnings == std::vector<std::string>{
                            "item 1: link 'javascript:alert(document.cookie)' is not http or "
                            "https; dropped"});
    CHECK(i.summary_html ==
          "<p>Text</p>splitencodeddatavb<a href=\"https://ok.example.com/\" rel=\"nofollow "
          "noopener\">fine</a>");
}

TEST_CASE("a feed of 20,000 items is read whole", "[feeds]") {
    std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>";
    for (int i = 0; i < 20000; ++i)
        xml += "<item><title>Item " + std::to_string(i) + "</title><link>https://big.example.com/" +
               std::to_string(i) +
               "</link><pubDate>Tue, 24 Nov 2026 10:00:00 +0800</pubDate>"
               "<description>&lt;p&gt;Body " +
               std::to_string(i) + "&lt;/p&gt;</description></item>";
    xml += "</channel></rss>";
    ParsedFeed f = parse_feed(xml, "https://big.example.com/feed");
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 20000);
    CHECK(f.items[19999].title == "Item 19999");
    CHECK(f.items[19999].summary_html == "<p>Body 19999</p>");
}

TEST_CASE("a long summary is cut at a word boundary near 300 bytes", "[feeds]") {
    std::string words;
    for (int i = 0; i < 200; ++i) words += "word" + std::to_string(i) + "   \n ";
    std::string xml = "<rss version=\"2.0\"><channel><item><guid>x</guid><description>" + words +
                      "</description></item></channel></rss>";
    ParsedFeed f = parse_feed(xml, "");
    REQUIRE(f.items.size() == 1);
    const std::string& s = f.items[0].summary_text;
    CHECK(s.size() <= 300 + 3);
    CHECK(s.size() > 200);
    CHECK(s.ends_with("\u2026"));
    CHECK(s.find("  ") == std::string::npos);
    CHECK(s.starts_with("word0 word1 word2"));
}

TEST_CASE("a date with absurdly long numbers is no date (found by fuzz_feed_dates)", "[feeds]") {
    // Each of these once overflowed an int while reading the digits.
    CHECK_FALSE(parse_feed_date("2202888080-01-01T00:00:00Z"));
    CHECK_FALSE(parse_feed_date("Mon, 99999999999 Jan 2026 10:00:00 GMT"));
    CHECK_FALSE(parse_feed_date("2026-01-01T00:00:00+99999999999"));
    CHECK_FALSE(parse_feed_date("20260101999999999999"));
    REQUIRE(parse_feed_date("2026-01-01T00:00:00Z"));
    CHECK(*parse_feed_date("2026-01-01T00:00:00Z") == 1767225600);
}
