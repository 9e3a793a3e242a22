// End-to-end: the briefing-site pages (digests, terms, boards, translations) of a fixture site.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "pipeline/build.h"
#include "util/dates.h"

using namespace brief;
using namespace brief::test;

namespace {

BuildResult build_at(const std::filesystem::path& source, const std::filesystem::path& output,
                     const char* now = "2026-11-25T12:00:00+08:00") {
    BuildRequest r;
    r.source = source;
    r.output = output;
    r.jobs = 2;
    r.now = parse_rfc3339(now)->utc_seconds;
    return run_build(r);
}

bool has(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a weekly digest shows the note, its briefings with key points and primary sources",
          "[e2e][site]") {
    TempDir out;
    REQUIRE(build_at(kSites / "minimal", out / "site").ok());
    std::string w = slurp(out / "site/weeks/2026-W47/index.html");
    CHECK(has(w, "<h1>Week 2026-W47</h1>"));
    CHECK(has(w, "16 November 2026 – 22 November 2026"));
    CHECK(has(w, "<h2 id=\"note\">A roadmap week</h2>"));
    CHECK(has(w, "<h3>What became more usable</h3><ul><li>Vendor schedules</li></ul>"));
    CHECK(has(w, "<h3>What became less reliable</h3><ul><li>Peak FLOPS claims</li></ul>"));
    // Both W47 briefings, newest first (the German one is an hour later).
    auto de = w.find("<h3><a href=\"/briefings/ascend-fahrplan/\">");
    auto en = w.find("<h3><a href=\"/briefings/ascend-roadmap/\">");
    REQUIRE(de != std::string::npos);
    REQUIRE(en != std::string::npos);
    CHECK(de < en);
    CHECK(has(w, "<li>Four chips, three generations</li>"));
    CHECK(has(w, "<a href=\"https://www.huawei.com/en/news/\">Keynote</a> (Huawei)"));
    CHECK_FALSE(has(w, "news.example/coverage"));  // secondary sources stay on the briefing page
    CHECK(has(w, "Orderable 950PR servers"));      // signals added that week
    CHECK(has(w, "2 briefings · 0 discovered items · weekly note"));
    CHECK(has(w, "<a rel=\"next\" href=\"/weeks/2026-W48/\">2026-W48 →</a>"));
    std::string archive = slurp(out / "site/weeks/index.html");
    CHECK(has(archive, "<h2 id=\"y2026\">2026</h2>"));
    CHECK(archive.find("2026-W48") < archive.find("2026-W47"));
    // The home page opens with the current week's digest.
    std::string home = slurp(out / "site/index.html");
    CHECK(has(home, "This week: <a href=\"/weeks/2026-W48/\">2026-W48</a>"));
}

TEST_CASE("a briefing in a new week creates its digest and updates the neighbours' links",
          "[e2e][site]") {
    TempDir work;
    copy_site(kSites / "minimal", work / "src");
    REQUIRE(build_at(work / "src", work / "site", "2026-12-20T12:00:00+08:00").ok());
    CHECK_FALSE(std::filesystem::exists(work / "site/weeks/2026-W50/index.html"));
    write(work / "src/content/briefings/2026/december.md",
          "---\ntitle: December news\ndate: 2026-12-09\nkind: analysis\n---\nBody\n");
    REQUIRE(build_at(work / "src", work / "site", "2026-12-20T12:00:00+08:00").ok());
    std::string w50 = slurp(work / "site/weeks/2026-W50/index.html");
    CHECK(has(w50, "<a rel=\"prev\" href=\"/weeks/2026-W48/\">← 2026-W48</a>"));
    CHECK_FALSE(has(w50, "rel=\"next\""));
    std::string w48 = slurp(work / "site/weeks/2026-W48/index.html");
    CHECK(has(w48, "<a rel=\"next\" href=\"/weeks/2026-W50/\">2026-W50 →</a>"));
}

TEST_CASE("topic and entity pages, with index pages and counts", "[e2e][site]") {
    TempDir out;
    REQUIRE(build_at(kSites / "minimal", out / "site").ok());
    std::string topics = slurp(out / "site/topics/index.html");
    CHECK(has(topics,
              "<li><a href=\"/topics/ascend/\">ascend</a> <span class=\"count\">3</span></li>"));
    CHECK(
        has(topics,
            "<li><a href=\"/topics/clusters/\">clusters</a> <span class=\"count\">1</span></li>"));
    std::string ascend = slurp(out / "site/topics/ascend/index.html");
    CHECK(has(ascend, "<h1>ascend</h1>"));
    CHECK(has(ascend, "/briefings/cluster-online/"));
    CHECK(std::filesystem::exists(out / "site/topics/ascend/feed.xml"));
    // An entity named in Chinese gets a readable slug.
    std::string entity = slurp(out / "site/entities/华为/index.html");
    CHECK(has(entity, "<h1>华为</h1>"));
    CHECK(has(slurp(out / "site/entities/index.html"), "href=\"/entities/华为/\""));
}

TEST_CASE("the signals, tools and FAQ boards gather every briefing and data file", "[e2e][site]") {
    TempDir out;
    REQUIRE(build_at(kSites / "minimal", out / "site").ok());
    std::string signals = slurp(out / "site/signals/index.html");
    CHECK(has(signals,
              "<h2 id=\"silicon-roadmap\">Silicon roadmap <span class=\"count\">1</span></h2>"));
    CHECK(has(signals,
              "<h2 id=\"policy-export\">Policy and export <span class=\"count\">1</span></h2>"));
    CHECK(has(signals,
              "<td><a href=\"/briefings/ascend-roadmap/\">Ascend roadmap published</a></td>"));
    CHECK(has(signals, "<td>Standing watchlist</td>"));
    std::string tools = slurp(out / "site/tools/index.html");
    CHECK(has(tools, "<h2 id=\"tools-porting\">Porting</h2>"));
    CHECK(has(tools, "<a href=\"https://volcano.sh/\">Volcano</a>"));
    CHECK(has(tools, "(from <a href=\"/guides/follow-the-news/\">How to follow the news</a>)"));
    std::string faq = slurp(out / "site/faq/index.html");
    CHECK(has(faq, "<h2 id=\"faq-ascend\">ascend</h2>"));
    CHECK(has(faq, "<dt>Is it shipping?</dt>"));
    CHECK(has(faq, "\"@type\":\"FAQPage\""));
    // The briefing with an FAQ carries its own FAQPage JSON-LD too.
    CHECK(has(slurp(out / "site/briefings/ascend-roadmap/index.html"), "\"@type\":\"FAQPage\""));
}

TEST_CASE("feeds, sitemap and robots are written with absolute links", "[e2e][site]") {
    TempDir out;
    REQUIRE(build_at(kSites / "minimal", out / "site").ok());
    std::string atom = slurp(out / "site/feed.xml");
    CHECK(has(atom, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    CHECK(has(atom, "<id>https://minimal.example/briefings/ascend-roadmap/</id>"));
    CHECK_FALSE(has(atom, "draft-piece"));
    CHECK(has(slurp(out / "site/rss.xml"), "<pubDate>Tue, 17 Nov 2026 01:00:00 +0000</pubDate>"));
    CHECK(has(slurp(out / "site/feed.json"), "\"version\": \"https://jsonfeed.org/version/1.1\""));
    CHECK(
        has(slurp(out / "site/sitemap.xml"), "<loc>https://minimal.example/weeks/2026-W47/</loc>"));
    CHECK(slurp(out / "site/robots.txt") ==
          "User-agent: *\nAllow: /\n\nSitemap: https://minimal.example/sitemap.xml\n");
}

TEST_CASE("a page in another language keeps the site's header and footer in the site's language",
          "[e2e][site]") {
    TempDir out;
    REQUIRE(build_at(kSites / "minimal", out / "site").ok());
    std::string de = slurp(out / "site/briefings/ascend-fahrplan/index.html");
    CHECK(has(de, "<html lang=\"de\""));
    CHECK(has(de, "<header class=\"site-header\" lang=\"en\">"));
    CHECK(has(de, "<footer class=\"site-footer\" lang=\"en\">"));
    CHECK(has(de, "<a href=\"/search/\">Search</a>"));
    CHECK_FALSE(has(de, ">Suche</a>"));
    std::string en = slurp(out / "site/briefings/ascend-roadmap/index.html");
    CHECK(has(en, "<header class=\"site-header\">"));
}
