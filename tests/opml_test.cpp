// OPML in and out: nested folders and categories as topics, OPML 1 and 2, Brief's own
// attributes, malformed files named at file:line:column, and the import -> export -> import
// round trip through the real binary.
#include <catch2/catch.hpp>

#include "feeds/opml.h"
#include "feeds/sources.h"
#include "helpers.h"
#include "pipeline/build.h"
#include "util/dates.h"

using namespace brief;
using namespace brief::test;

namespace {

const char* kReaderExport =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<opml version=\"2.0\">\n"
    "  <head><title>My reading list</title></head>\n"
    "  <body>\n"
    "    <outline text=\"Hardware\">\n"
    "      <outline text=\"Accelerators\" title=\"Accelerators\">\n"
    "        <outline type=\"rss\" text=\"Quarry Lane Silicon\" xmlUrl=\"https://quarry.example/"
    "feed.xml\" htmlUrl=\"https://quarry.example/\" category=\"/Chips/HBM,/Packaging\"/>\n"
    "      </outline>\n"
    "      <outline type=\"rss\" text=\"Rack Notes\" title=\"Rack Notes weekly\" "
    "xmlUrl=\"  https://racks.example/rss  \" language=\"zh-Hans\"/>\n"
    "    </outline>\n"
    "    <outline text=\"Policy\">\n"
    "      <outline type=\"rss\" text=\"Quarry Lane (again)\" xmlUrl=\"https://QUARRY.example/"
    "feed.xml\"/>\n"
    "    </outline>\n"
    "    <outline type=\"rss\" text=\"Old style\" xmlurl=\"feed://old.example/index.rss\"/>\n"
    "    <outline type=\"link\" text=\"A bookmark, not a feed\" "
    "url=\"https://bookmark.example/\"/>\n"
    "    <outline type=\"rss\" text=\"Gopher hole\" xmlUrl=\"gopher://hole.example/\"/>\n"
    "  </body>\n"
    "</opml>\n";

}  // namespace

TEST_CASE("an OPML file's folders and categories become topics; a feed filed twice is one",
          "[opml]") {
    Diagnostics diags;
    auto doc = parse_opml("list.opml", kReaderExport, diags);
    REQUIRE(doc);
    CHECK(doc->title == "My reading list");
    REQUIRE(doc->feeds.size() == 3);
    const OpmlFeed& quarry = doc->feeds[0];
    CHECK(quarry.title == "Quarry Lane Silicon");
    CHECK(quarry.xml_url == "https://quarry.example/feed.xml");
    CHECK(quarry.topics == std::vector<std::string>{"Hardware", "Accelerators", "Chips", "HBM",
                                                    "Packaging", "Policy"});
    CHECK(quarry.line == 7);
    CHECK(quarry.column == 9);
    const OpmlFeed& racks = doc->feeds[1];
    CHECK(racks.title == "Rack Notes weekly");
    CHECK(racks.xml_url == "https://racks.example/rss");
    CHECK(racks.language == "zh-Hans");
    CHECK(racks.topics == std::vector<std::string>{"Hardware"});
    CHECK(doc->feeds[2].xml_url == "http://old.example/index.rss");
    CHECK(doc->feeds[2].topics.empty());
    REQUIRE(diags.items().size() == 1);
    CHECK(format_diagnostic(diags.items()[0]) ==
          "list.opml:16:5: warning: outline 'Gopher hole': xmlUrl 'gopher://hole.example/' is "
          "not an http or https URL; left out\n"
          "        <outline type=\"rss\" text=\"Gopher hole\" xmlUrl=\"gopher://hole.example/\"/>\n"
          "        ^\n"
          "  hint: Brief fetches only http:// and https:// feeds\n");
}

TEST_CASE("OPML 1.0 files in another charset are read", "[opml]") {
    const std::string latin1 =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        "<opml version=\"1.0\"><head><title>Caf\xE9 list</title></head><body>"
        "<outline title=\"Caf\xE9 Chips\" type=\"rss\" xmlUrl=\"http://cafe.example/rss\"/>"
        "</body></opml>";
    Diagnostics diags;
    auto doc = parse_opml("old.opml", latin1, diags);
    REQUIRE(doc);
    CHECK(diags.items().empty());
    CHECK(doc->title == "Café list");
    REQUIRE(doc->feeds.size() == 1);
    CHECK(doc->feeds[0].title == "Café Chips");
}

TEST_CASE("malformed OPML, another root and a missing body are errors at file:line:column",
          "[opml]") {
    auto first_error = [](const std::string& text) {
        Diagnostics diags;
        auto doc = parse_opml("subs.opml", text, diags);
        CHECK_FALSE(doc);
        REQUIRE(diags.items().size() == 1);
        return format_diagnostic(diags.items()[0]);
    };
    CHECK(first_error("<opml version=\"2.0\">\n  <body>\n    <outline text=\"a\">\n  </body>\n"
                      "</opml>\n") ==
          "subs.opml:4:5: error: malformed XML: start-end tags mismatch\n"
          "      </body>\n"
          "        ^\n");
    CHECK(first_error("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>\n") ==
          "subs.opml:2:1: error: not an OPML file: the root element is <rss>, not <opml>\n"
          "    <rss version=\"2.0\"><channel/></rss>\n"
          "    ^\n"
          "  hint: this is a feed; add it with 'brief sources add URL'\n");
    CHECK(first_error("<opml version=\"2.0\">\n  <head><title>t</title></head>\n</opml>\n") ==
          "subs.opml:1:1: error: <opml> has no <body>\n"
          "    <opml version=\"2.0\">\n"
          "    ^\n"
          "  hint: an OPML file lists its feeds as <outline> elements inside <body>\n");
    CHECK(first_error("  \n") ==
          "subs.opml:2:1: error: not an OPML file: it holds no XML element\n"
          "  hint: an OPML file starts with <opml version=\"2.0\">\n");
}

TEST_CASE("OPML written from sources lists the enabled ones with Brief's id and kind", "[opml]") {
    Diagnostics diags;
    auto sources = parse_sources("sources.yaml",
                                 "sources:\n"
                                 "  - id: quarry\n"
                                 "    name: Quarry & Lane <Silicon>\n"
                                 "    url: https://quarry.example/feed.xml?a=1&b=2\n"
                                 "    kind: company\n"
                                 "    topics: [chips, export controls]\n"
                                 "  - id: paused\n"
                                 "    name: Paused\n"
                                 "    url: https://paused.example/feed\n"
                                 "    kind: research\n"
                                 "    enabled: false\n",
                                 diags);
    REQUIRE(sources.size() == 2);
    CHECK(write_opml("Desk \"One\"", sources) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<opml version=\"2.0\" xmlns:brief=\"https://brief.example.org/ns/opml\">\n"
          "  <head>\n"
          "    <title>Desk \"One\"</title>\n"
          "    <docs>https://opml.org/spec2.opml</docs>\n"
          "  </head>\n"
          "  <body>\n"
          "    <outline type=\"rss\" text=\"Quarry &amp; Lane &lt;Silicon>\" title=\"Quarry "
          "&amp; Lane &lt;Silicon>\" xmlUrl=\"https://quarry.example/feed.xml?a=1&amp;b=2\" "
          "language=\"en\" category=\"/chips,/export controls\" brief:id=\"quarry\" "
          "brief:kind=\"company\" />\n"
          "  </body>\n"
          "</opml>\n");
    auto back = parse_opml("x.opml", write_opml("t", sources), diags);
    REQUIRE(back);
    REQUIRE(back->feeds.size() == 1);
    CHECK(back->feeds[0].id == "quarry");
    CHECK(back->feeds[0].kind == "company");
    CHECK(back->feeds[0].title == "Quarry & Lane <Silicon>");
    CHECK(back->feeds[0].xml_url == "https://quarry.example/feed.xml?a=1&b=2");
    CHECK(back->feeds[0].topics == std::vector<std::string>{"chips", "export controls"});
}

TEST_CASE("Brief's attributes are read under whatever prefix the file binds them to", "[opml]") {
    Diagnostics diags;
    auto doc = parse_opml("x.opml",
                          "<opml version=\"2.0\" xmlns:b=\"https://brief.example.org/ns/opml\">"
                          "<body><outline text=\"x\" xmlUrl=\"https://x.example/\" b:id=\"ex\" "
                          "b:kind=\"research\" brief:id=\"ignored\"/></body></opml>",
                          diags);
    REQUIRE(doc);
    REQUIRE(doc->feeds.size() == 1);
    CHECK(doc->feeds[0].id == "ex");
    CHECK(doc->feeds[0].kind == "research");
}

namespace {

// A desk with a site.yaml and the sources.yaml `sources` (may be empty); HOME in a temp dir.
struct Desk {
    TempDir dir, home;
    explicit Desk(const std::string& sources) {
        write(dir / "content/site.yaml", kSiteYaml);
        if (!sources.empty()) write(dir / "sources.yaml", sources);
    }
    RunResult brief(const std::string& args) const {
        return run_brief(args + " --source " + dir.path().string(),
                         "NO_COLOR=1 HOME=" + home.path().string());
    }
    std::vector<SourceConfig> sources() const {
        Diagnostics diags;
        auto out = load_sources(dir.path(), diags);
        CHECK_FALSE(diags.has_errors());
        return out;
    }
};

std::string summary(const std::vector<SourceConfig>& sources) {
    std::string out;
    for (const auto& s : sources) {
        out += s.id + " | " + s.name + " | " + s.url + " | " + s.kind + " | " + s.lang + " |";
        for (const auto& t : s.topics) out += " " + t;
        out += "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("brief sources import appends the new feeds and leaves out those it has", "[opml][cli]") {
    const std::string before =
        "# Our feeds.\n"
        "sources:\n"
        "  - id: racks\n"
        "    name: Rack Notes\n"
        "    url: https://racks.example/rss\n"
        "    kind: research\n";
    Desk desk(before);
    write(desk.dir / "list.opml", kReaderExport);
    auto r = desk.brief("sources import " + (desk.dir / "list.opml").string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string opml = (desk.dir / "list.opml").string();
    CHECK(r.err == opml +
                       ":16:5: warning: outline 'Gopher hole': xmlUrl 'gopher://hole.example/' "
                       "is not an http or https URL; left out\n"
                       "        <outline type=\"rss\" text=\"Gopher hole\" "
                       "xmlUrl=\"gopher://hole.example/\"/>\n"
                       "        ^\n"
                       "  hint: Brief fetches only http:// and https:// feeds\n");
    CHECK(r.out == "imported 2 sources from " + opml +
                       " into sources.yaml (from line 8):\n"
                       "  quarry-lane-silicon  https://quarry.example/feed.xml  topics: "
                       "Hardware, Accelerators, Chips, HBM, Packaging, Policy\n"
                       "  old-style  http://old.example/index.rss\n"
                       "left out 1 already in sources.yaml:\n"
                       "  https://racks.example/rss  (as 'racks', line 3)\n");
    CHECK(slurp(desk.dir / "sources.yaml") ==
          before +
              "\n"
              "  - id: quarry-lane-silicon\n"
              "    name: Quarry Lane Silicon\n"
              "    url: https://quarry.example/feed.xml\n"
              "    kind: aggregator\n"
              "    topics: [Hardware, Accelerators, Chips, HBM, Packaging, Policy]\n"
              "\n"
              "  - id: old-style\n"
              "    name: Old style\n"
              "    url: http://old.example/index.rss\n"
              "    kind: aggregator\n");
    auto again = desk.brief("sources import --kind research " + opml);
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "nothing to import: every feed is in sources.yaml already\n"));
}

TEST_CASE("a malformed OPML file is named at file:line:column and nothing is imported",
          "[opml][cli]") {
    const std::string before = "sources:\n";
    Desk desk(before);
    write(desk.dir / "bad.opml",
          "<?xml version=\"1.0\"?>\n"
          "<opml version=\"2.0\"><body>\n"
          "  <outline text=\"ok\" xmlUrl=\"https://ok.example/feed\"/>\n"
          "  <outline text=\"broken\" xmlUrl=\"https://b.example/feed\">\n"
          "</body></opml>\n");
    auto r = desk.brief("sources import " + (desk.dir / "bad.opml").string());
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == (desk.dir / "bad.opml").string() +
                       ":5:3: error: malformed XML: start-end tags mismatch\n"
                       "    </body></opml>\n"
                       "      ^\n"
                       "brief sources import: nothing imported\n");
    CHECK(slurp(desk.dir / "sources.yaml") == before);
}

TEST_CASE("OPML round-trips: import, export, import gives the same sources", "[opml][cli]") {
    Desk first("");
    write(first.dir / "list.opml", kReaderExport);
    REQUIRE(first.brief("sources import --kind research " + (first.dir / "list.opml").string())
                .exit_code == 0);
    auto exported = first.brief("sources export");
    REQUIRE(exported.exit_code == 0);
    auto to_file = first.brief("sources export --output " + (first.dir / "out.opml").string());
    REQUIRE(to_file.exit_code == 0);
    CHECK(slurp(first.dir / "out.opml") == exported.out);
    CHECK(first.brief("sources export").out == exported.out);  // deterministic

    Desk second("");
    write(second.dir / "exported.opml", exported.out);
    auto r = second.brief("sources import " + (second.dir / "exported.opml").string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(summary(second.sources()) == summary(first.sources()));
    CHECK(summary(first.sources()) ==
          "quarry-lane-silicon | Quarry Lane Silicon | https://quarry.example/feed.xml | "
          "research | en | Hardware Accelerators Chips HBM Packaging Policy\n"
          "rack-notes-weekly | Rack Notes weekly | https://racks.example/rss | research | "
          "zh-Hans | Hardware\n"
          "old-style | Old style | http://old.example/index.rss | research | en |\n");
    CHECK(second.brief("sources export").out == exported.out);
}

TEST_CASE("the site publishes its enabled sources at /sources.opml and links it from /sources/",
          "[opml][site]") {
    TempDir dir, home;
    copy_site(kSites / "minimal", dir / "src");
    write(dir / "src/sources.yaml",
          "sources:\n"
          "  - id: quarry\n"
          "    name: Quarry Lane Silicon\n"
          "    url: https://quarry.example/feed.xml\n"
          "    kind: company\n"
          "    topics: [chips]\n"
          "  - id: paused\n"
          "    name: Paused\n"
          "    url: https://paused.example/feed\n"
          "    kind: research\n"
          "    enabled: false\n");
    BuildRequest req;
    req.source = dir / "src";
    req.output = dir / "site";
    req.jobs = 2;
    req.now = parse_rfc3339("2026-11-25T12:00:00+08:00")->utc_seconds;
    auto built = run_build(req);
    INFO(messages(built));
    REQUIRE(built.ok());
    const std::string opml = slurp(dir / "site/sources.opml");
    auto exported = run_brief("sources export --source " + (dir / "src").string(),
                              "NO_COLOR=1 HOME=" + home.path().string());
    REQUIRE(exported.exit_code == 0);
    CHECK(opml == exported.out);
    CHECK(contains(opml, "brief:id=\"quarry\""));
    CHECK_FALSE(contains(opml, "paused"));
    CHECK(contains(slurp(dir / "site/sources/index.html"),
                   "<p class=\"see-also\"><a href=\"/sources.opml\" type=\"text/x-opml\">Follow "
                   "the same feeds in your own reader: sources.opml (OPML)</a></p>"));
    // Like /feed.xml, it is not a page of the sitemap.
    CHECK_FALSE(contains(slurp(dir / "site/sitemap.xml"), "sources.opml"));
}
