// The machine-readable outputs of a built site: feeds, sitemap and search index.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "pipeline/build.h"
#include "util/dates.h"

using namespace brief;
using namespace brief::test;

namespace {

bool has(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

// The minimal fixture plus one briefing whose body links inside the site.
void build_with_links(const TempDir& dir) {
    copy_site(kSites / "minimal", dir / "src");
    write(dir / "src/content/briefings/2026/links-inside.md",
          "---\ntitle: Links inside\ndate: 2026-11-24 08:00\nkind: analysis\nsummary: Links.\n---\n"
          "See [the roadmap](/briefings/ascend-roadmap/), [the digest](/weeks/2026-W47/) and "
          "[a mirror](//mirror.example/x).\n");
    BuildRequest r;
    r.source = dir / "src";
    r.output = dir / "site";
    r.jobs = 2;
    r.now = parse_rfc3339("2026-11-25T12:00:00+08:00")->utc_seconds;
    REQUIRE(run_build(r).ok());
}

}  // namespace

TEST_CASE("feed content links are absolute, because readers show it away from the site",
          "[syndication]") {
    TempDir dir;
    build_with_links(dir);
    for (const char* feed : {"feed.xml", "rss.xml", "topics/ascend/feed.xml"}) {
        INFO(feed);
        std::string xml = slurp(dir / "site" / feed);
        if (std::string(feed) != "topics/ascend/feed.xml")
            CHECK(has(xml, "href=\"https://minimal.example/briefings/ascend-roadmap/\""));
        CHECK_FALSE(has(xml, "href=\"/briefings/"));
        CHECK_FALSE(has(xml, "href=\"/weeks/"));
    }
    std::string json = slurp(dir / "site/feed.json");
    CHECK(has(json, "href=\\\"https://minimal.example/weeks/2026-W47/\\\""));
    CHECK_FALSE(has(json, "href=\\\"/briefings/"));
    // A protocol-relative link already names its host and is left alone.
    CHECK(has(json, "href=\\\"//mirror.example/x\\\""));
    // The page itself keeps its short root-relative links.
    CHECK(has(slurp(dir / "site/briefings/links-inside/index.html"),
              "href=\"/briefings/ascend-roadmap/\""));
}

TEST_CASE("the sitemap dates a digest or term page by its newest briefing", "[syndication]") {
    TempDir dir;
    build_with_links(dir);
    std::string sitemap = slurp(dir / "site/sitemap.xml");
    // 2026-11-17 10:00 in Shanghai: the German briefing, the newer of the two in that week.
    CHECK(has(sitemap,
              "<loc>https://minimal.example/weeks/2026-W47/</loc>\n    "
              "<lastmod>2026-11-17T02:00:00Z</lastmod>"));
    CHECK(has(sitemap,
              "<loc>https://minimal.example/topics/roadmap/</loc>\n    "
              "<lastmod>2026-11-17T01:00:00Z</lastmod>"));
    CHECK(has(sitemap,
              "<loc>https://minimal.example/briefings/links-inside/</loc>\n    "
              "<lastmod>2026-11-24T00:00:00Z</lastmod>"));
}

TEST_CASE("the search index finds a page by its entities as well as its topics", "[syndication]") {
    TempDir dir;
    build_with_links(dir);
    std::string index = slurp(dir / "site/search-index.json");
    CHECK(has(index, "\"u\":\"/briefings/ascend-roadmap/\""));
    CHECK(has(index, "\"k\":[\"ascend\",\"roadmap\",\"华为\"]"));
}
