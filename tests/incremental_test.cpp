// Incremental builds are exactly right: after each kind of change, a build that reuses the
// cache and the previous output folder writes byte for byte what a clean build writes.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "pipeline/build.h"
#include "util/dates.h"

using namespace brief;
using namespace brief::test;

namespace {

const std::int64_t kNow = at("2026-11-25T12:00:00+08:00");

std::string briefing(const std::string& title, const std::string& date, const std::string& topics,
                     const std::string& entities, const std::string& body,
                     const std::string& extra = "") {
    return "---\ntitle: " + title + "\ndate: " + date + "\nkind: news\nsummary: About " + title +
           ".\ntopics: [" + topics + "]\nentities: [" + entities +
           "]\nlayer: silicon-roadmap\nkey_points:\n  - First point of " + title +
           "\n  - Second point\nsources:\n  - title: Source of " + title +
           "\n    publisher: Publisher\n    url: https://example.org/" +
           std::to_string(title.size()) + "\n    primary: true\nsignals:\n  - signal: Signal of " +
           title + "\n    why: Because\n    where: There\nfaq:\n  - q: What about " + title +
           "?\n    a: This.\n" + extra + "---\n" + body;
}

// A small site with everything an incremental build has to get right: related briefings, term
// pages, digests, feeds, boards, a guide, a page, a weekly note, the archive and a briefing
// dated after the build time.
void write_fixture(const std::filesystem::path& src) {
    write(src / "content/site.yaml", kSiteYaml);
    const std::string b = "content/briefings/2026/";
    write(src / (b + "ascend-roadmap.md"),
          briefing("Ascend roadmap", "2026-11-17 09:00", "ascend, roadmap", "Huawei",
                   "## What happened\n\nA dated roadmap for **four** chips.\n\n| a | b "
                   "|\n|---|---|\n| 1 | 2 |\n"));
    write(src / (b + "cluster-online.md"),
          briefing("Cluster online", "2026-11-18 10:00", "ascend, clusters",
                   "Huawei, China Telecom", "A cluster came online.\n"));
    write(src / (b + "kunlun-dates.md"),
          briefing("Kunlun dates", "2026-11-10 08:00", "kunlun, roadmap", "Baidu",
                   "Two chips, two dates.\n"));
    write(src / (b + "h200-rule.md"), briefing("H200 rule", "2026-11-03 09:00", "export controls",
                                               "BIS, Nvidia", "A rule changed.\n"));
    write(src / (b + "fp8-formats.md"),
          briefing("FP8 formats", "2026-11-19 11:00", "fp8, ascend", "DeepSeek",
                   "Formats explained.\n", "discovered_from: https://feeds.example/item/2\n"));
    write(src / (b + "future-piece.md"),
          briefing("Future piece", "2026-12-02 09:00", "roadmap", "Huawei", "Not yet.\n"));
    write(src / "content/guides/follow.md",
          "---\ntitle: Follow the news\nsummary: How to.\ntools:\n  - purpose: Read rules\n    "
          "name: Register\n"
          "    url: https://example.org/register\n---\n## Steps\n\n1. Read.\n");
    write(src / "content/pages/standards.md", "---\ntitle: Standards\n---\nWe cite sources.\n");
    write(src / "content/weeks/2026-W47.md",
          "---\ntitle: A roadmap week\nmore_usable:\n  - Vendor schedules\nless_reliable:\n  - "
          "Peak claims\n---\n"
          "The week in one paragraph.\n");
    write(src / "content/data/tools.yaml",
          "- purpose: Track filings\n  name: EDGAR\n  url: https://www.sec.gov/edgar\n  note: "
          "Filings.\n");
    write(src / "sources.yaml",
          "sources:\n  - id: feeds\n    name: Example feed\n    url: "
          "https://feeds.example/feed.xml\n    kind: company\n");
    std::string items;
    for (int i = 1; i <= 3; ++i)
        items +=
            "{\"id\":\"item" + std::to_string(i) + "\",\"source\":\"feeds\",\"guid\":\"g" +
            std::to_string(i) + "\",\"url\":\"https://feeds.example/item/" + std::to_string(i) +
            "\",\"canonical_url\":\"\",\"title\":\"Item " + std::to_string(i) +
            "\",\"published\":\"2026-11-1" + std::to_string(i) +
            "T02:00:00Z\",\"updated\":null,\"fetched\":\"2026-11-20T00:00:00Z\",\"author\":\"\","
            "\"summary_text\":\"Text\",\"summary_html\":\"<p>Text</"
            "p>\",\"categories\":[],\"matched\":[]}\n";
    write(src / "content/feeds/2026-W46.jsonl", items);
    std::filesystem::copy(std::filesystem::path(BRIEF_REPO_DIR) / "templates", src / "templates",
                          std::filesystem::copy_options::recursive);
}

BuildResult build(const std::filesystem::path& src, const std::filesystem::path& out, bool cache,
                  std::int64_t now = kNow, unsigned jobs = 2) {
    BuildRequest r;
    r.source = src;
    r.output = out;
    r.jobs = jobs;
    r.now = now;
    if (cache) r.cache_dir = src / ".brief-cache";
    return run_build(r);
}

// Builds the fixture once with the cache, applies `change`, builds again with the cache into
// the same folder and from scratch into another, and returns both trees (checked equal).
struct Outcome {
    std::map<std::string, std::string> incremental, clean;
    WriteResult write;
};

template <typename Change>
Outcome after(Change&& change, std::int64_t now_before = kNow, std::int64_t now_after = kNow) {
    TempDir dir;
    write_fixture(dir / "src");
    auto first = build(dir / "src", dir / "site", true, now_before);
    INFO(messages(first));
    REQUIRE(first.ok());
    // A second build with nothing changed renders nothing and writes nothing.
    auto again = build(dir / "src", dir / "site", true, now_before);
    REQUIRE(again.ok());
    CHECK(again.write.written == 0);
    // Not one page is even rendered again.
    std::size_t pages = 0;
    for (const auto& [path, bytes] : tree(dir / "site")) pages += path.ends_with(".html");
    CHECK(again.write.kept == pages);
    change(dir.path() / "src");
    auto inc = build(dir / "src", dir / "site", true, now_after);
    INFO(messages(inc));
    REQUIRE(inc.ok());
    auto clean = build(dir / "src", dir / "clean", false, now_after, 1);
    REQUIRE(clean.ok());
    Outcome o{tree(dir / "site"), tree(dir / "clean"), inc.write};
    CHECK(o.incremental.size() == o.clean.size());
    for (const auto& [path, bytes] : o.clean) {
        INFO(path);
        CHECK(o.incremental.count(path));
        if (o.incremental.count(path)) CHECK(o.incremental.at(path) == bytes);
    }
    for (const auto& [path, bytes] : o.incremental) {
        INFO(path);
        CHECK(o.clean.count(path));
    }
    return o;
}

void replace_in(const std::filesystem::path& file, const std::string& from, const std::string& to) {
    std::string text = slurp(file);
    auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, from.size(), to);
    write(file, text);
}

const char* kRoadmap = "content/briefings/2026/ascend-roadmap.md";

}  // namespace

TEST_CASE("an incremental build after a body edit equals a clean build", "[incremental]") {
    auto o =
        after([](const auto& src) { replace_in(src / kRoadmap, "four** chips", "five** chips"); });
    CHECK(
        contains(o.clean.at("briefings/ascend-roadmap/index.html"), "<strong>five</strong> chips"));
    CHECK(std::count(o.write.changed.begin(), o.write.changed.end(),
                     "briefings/ascend-roadmap/index.html"));
    // Only what shows the body changes: the page, its digest, the home page (this week), feeds.
    CHECK_FALSE(std::count(o.write.changed.begin(), o.write.changed.end(),
                           "briefings/kunlun-dates/index.html"));
    CHECK(o.write.added.empty());
    CHECK(o.write.removed.empty());
}

TEST_CASE(
    "an incremental build after a title edit equals a clean build, and the title shows everywhere",
    "[incremental]") {
    auto o = after([](const auto& src) {
        replace_in(src / kRoadmap, "title: Ascend roadmap", "title: Ascend schedule");
    });
    for (const char* page : {"index.html", "briefings/index.html", "weeks/2026-W47/index.html",
                             "topics/ascend/index.html", "entities/huawei/index.html", "feed.xml",
                             "rss.xml", "feed.json", "search-index.json"})
        CHECK(contains(o.clean.at(page), "Ascend schedule"));
    // Related briefings list it too.
    bool related = false;
    for (const auto& [path, bytes] : o.clean)
        if (path.starts_with("briefings/") && path != "briefings/ascend-roadmap/index.html" &&
            contains(bytes, "class=\"related\"") && contains(bytes, "Ascend schedule"))
            related = true;
    CHECK(related);
}

TEST_CASE("an incremental build after adding a briefing equals a clean build", "[incremental]") {
    auto o = after([](const auto& src) {
        write(src / "content/briefings/2026/new-chip.md",
              briefing("New chip", "2026-11-20 09:00", "ascend, newtopic", "Huawei",
                       "A new chip.\n"));
    });
    CHECK(o.clean.count("briefings/new-chip/index.html"));
    CHECK(o.clean.count("topics/newtopic/index.html"));
    CHECK(std::count(o.write.added.begin(), o.write.added.end(), "briefings/new-chip/index.html"));
}

TEST_CASE(
    "an incremental build after deleting a briefing equals a clean build, and its mentions go",
    "[incremental]") {
    auto o = after([](const auto& src) {
        std::filesystem::remove(src / "content/briefings/2026/kunlun-dates.md");
    });
    CHECK_FALSE(o.incremental.count("briefings/kunlun-dates/index.html"));
    CHECK_FALSE(o.incremental.count("topics/kunlun/index.html"));
    for (const auto& [path, bytes] : o.incremental) {
        INFO(path);
        CHECK_FALSE(contains(bytes, "Kunlun dates"));
    }
    CHECK(std::count(o.write.removed.begin(), o.write.removed.end(),
                     "briefings/kunlun-dates/index.html"));
}

TEST_CASE("an incremental build after renaming a briefing's file equals a clean build",
          "[incremental]") {
    auto o = after([](const auto& src) {
        std::filesystem::rename(src / "content/briefings/2026/h200-rule.md",
                                src / "content/briefings/2026/h200-review.md");
    });
    CHECK(o.incremental.count("briefings/h200-review/index.html"));
    CHECK_FALSE(o.incremental.count("briefings/h200-rule/index.html"));
}

TEST_CASE("an incremental build after a template edit equals a clean build", "[incremental]") {
    auto o = after([](const auto& src) {
        std::string p = slurp(src / "templates/partials/foot.mustache");
        write(src / "templates/partials/foot.mustache", p + "<!-- edited -->\n");
    });
    CHECK(contains(o.clean.at("briefings/ascend-roadmap/index.html"), "<!-- edited -->"));
}

TEST_CASE("an incremental build after a label edit equals a clean build", "[incremental]") {
    auto o = after([](const auto& src) {
        replace_in(src / "templates/i18n/en.yaml", "key_points: Key points",
                   "key_points: Main points");
    });
    CHECK(contains(o.clean.at("briefings/ascend-roadmap/index.html"), "Main points"));
}

TEST_CASE("an incremental build after a site.yaml edit equals a clean build", "[incremental]") {
    auto o = after([](const auto& src) {
        replace_in(src / "content/site.yaml", "title: Test Brief", "title: Renamed Brief");
    });
    CHECK(contains(o.clean.at("briefings/ascend-roadmap/index.html"), "Renamed Brief"));
}

TEST_CASE("an incremental build after a time zone change equals a clean build", "[incremental]") {
    // Dates are read in the site's zone: the cached front matter must not be reused.
    auto o = after([](const auto& src) {
        replace_in(src / "content/site.yaml", "timezone: Asia/Shanghai",
                   "timezone: America/New_York");
    });
    CHECK(contains(o.clean.at("briefings/ascend-roadmap/index.html"), "2026-11-17T09:00:00-05:00"));
}

TEST_CASE("an incremental build after new archive items equals a clean build", "[incremental]") {
    auto o = after([](const auto& src) {
        std::string items = slurp(src / "content/feeds/2026-W46.jsonl");
        write(src / "content/feeds/2026-W47.jsonl",
              "{\"id\":\"item9\",\"source\":\"feeds\",\"guid\":\"g9\",\"url\":\"https://"
              "feeds.example/item/9\","
              "\"canonical_url\":\"\",\"title\":\"Brand new "
              "item\",\"published\":\"2026-11-18T02:00:00Z\","
              "\"updated\":null,\"fetched\":\"2026-11-20T00:00:00Z\",\"author\":\"\",\"summary_"
              "text\":\"Text\","
              "\"summary_html\":\"<p>Text</p>\",\"categories\":[],\"matched\":[]}\n");
    });
    CHECK(contains(o.clean.at("weeks/2026-W47/index.html"), "Brand new item"));
}

TEST_CASE("an incremental build after the build time passes a future briefing equals a clean build",
          "[incremental]") {
    auto o = after([](const auto&) {}, kNow, at("2026-12-03T12:00:00+08:00"));
    CHECK(o.incremental.count("briefings/future-piece/index.html"));
    CHECK(std::count(o.write.added.begin(), o.write.added.end(),
                     "briefings/future-piece/index.html"));
}

TEST_CASE("SOURCE_DATE_EPOCH moving past a future briefing publishes it in an incremental build",
          "[incremental][cli]") {
    TempDir dir;
    write_fixture(dir / "src");
    const std::string args = "build --quiet --source " + (dir / "src").string() + " --output ";
    auto before = run_brief(args + (dir / "site").string(),
                            "NO_COLOR=1 SOURCE_DATE_EPOCH=" + std::to_string(kNow));
    REQUIRE(before.exit_code == 0);
    REQUIRE(std::filesystem::exists(dir / "src/.brief-cache"));
    CHECK_FALSE(std::filesystem::exists(dir / "site/briefings/future-piece/index.html"));
    const std::string later = std::to_string(at("2026-12-03T12:00:00+08:00"));
    REQUIRE(run_brief(args + (dir / "site").string(), "NO_COLOR=1 SOURCE_DATE_EPOCH=" + later)
                .exit_code == 0);
    REQUIRE(run_brief("build --quiet --no-cache --source " + (dir / "src").string() + " --output " +
                          (dir / "clean").string(),
                      "NO_COLOR=1 SOURCE_DATE_EPOCH=" + later)
                .exit_code == 0);
    CHECK(std::filesystem::exists(dir / "site/briefings/future-piece/index.html"));
    CHECK(tree(dir / "site") == tree(dir / "clean"));
}

TEST_CASE("a build with --no-cache neither reads nor writes the cache folder",
          "[incremental][cli]") {
    TempDir dir;
    write_fixture(dir / "src");
    auto r = run_brief("build --quiet --no-cache --source " + (dir / "src").string() +
                       " --output " + (dir / "site").string());
    CHECK(r.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "src/.brief-cache"));
    CHECK(std::filesystem::exists(dir / "site/index.html"));
}

TEST_CASE("a page edited by hand in the output folder is rewritten by the next incremental build",
          "[incremental]") {
    TempDir dir;
    write_fixture(dir / "src");
    REQUIRE(build(dir / "src", dir / "site", true).ok());
    auto good = tree(dir / "site");
    write(dir / "site/briefings/ascend-roadmap/index.html", "tampered");
    std::filesystem::remove(dir / "site/topics/ascend/index.html");
    write(dir / "site/stray.html", "not ours");
    auto r = build(dir / "src", dir / "site", true);
    REQUIRE(r.ok());
    // The file Brief did not write is kept; everything Brief wrote is as a clean build has it.
    auto now = tree(dir / "site");
    CHECK(now["stray.html"] == "not ours");
    now.erase("stray.html");
    CHECK(now == good);
    CHECK(r.write.changed == std::vector<std::string>{"briefings/ascend-roadmap/index.html"});
    CHECK(r.write.added == std::vector<std::string>{"topics/ascend/index.html"});
    CHECK(r.write.removed.empty());
}

TEST_CASE("an incremental build with errors leaves the site and the cache as they were",
          "[incremental]") {
    TempDir dir;
    write_fixture(dir / "src");
    REQUIRE(build(dir / "src", dir / "site", true).ok());
    auto before = tree(dir / "site");
    replace_in(dir / "src" / kRoadmap, "four** chips", "six** chips");
    write(dir / "src/content/briefings/2026/broken.md",
          "---\ntitle: Broken\ndate: 2026-13-02\nkind: analysis\n---\n");
    auto r = build(dir / "src", dir / "site", true);
    CHECK_FALSE(r.ok());
    CHECK(tree(dir / "site") == before);
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK(e.path().filename().string().find(".st") == std::string::npos);
    // Fixed, the next build catches up with the edit.
    std::filesystem::remove(dir / "src/content/briefings/2026/broken.md");
    REQUIRE(build(dir / "src", dir / "site", true).ok());
    CHECK(contains(slurp(dir / "site/briefings/ascend-roadmap/index.html"),
                   "<strong>six</strong> chips"));
}

namespace {

// Makes every file under `dir` an hour old, as a site's files are when nobody just saved one.
void age(const std::filesystem::path& dir) {
    const auto past = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file()) std::filesystem::last_write_time(e.path(), past);
}

}  // namespace

TEST_CASE("a build with nothing changed is skipped, and every kind of change ends that",
          "[incremental]") {
    TempDir dir;
    write_fixture(dir / "src");
    age(dir / "src");
    auto first = build(dir / "src", dir / "site", true);
    REQUIRE(first.ok());
    CHECK_FALSE(first.unchanged);
    const auto good = tree(dir / "site");

    auto again = build(dir / "src", dir / "site", true);
    REQUIRE(again.ok());
    CHECK(again.unchanged);
    CHECK(again.write.written == 0);
    CHECK(again.documents == first.documents);
    CHECK(again.outputs.size() == site_files(dir / "site").size());
    CHECK(tree(dir / "site") == good);

    // A minute later nothing is due yet: still skipped.
    CHECK(build(dir / "src", dir / "site", true, kNow + 60).unchanged);

    // Other options, another output folder: built.
    BuildRequest drafts;
    drafts.source = dir / "src";
    drafts.output = dir / "site";
    drafts.now = kNow;
    drafts.drafts = true;
    drafts.cache_dir = dir / "src/.brief-cache";
    CHECK_FALSE(run_build(drafts).unchanged);
    REQUIRE(build(dir / "src", dir / "site", true).ok());  // back to the plain site, not skipped
    CHECK(tree(dir / "site") == good);
    CHECK(build(dir / "src", dir / "site", true).unchanged);
    CHECK_FALSE(build(dir / "src", dir / "other", true).unchanged);

    // The output folder touched by hand: built again, and put right.
    write(dir / "site/briefings/ascend-roadmap/index.html", "tampered");
    auto fixed = build(dir / "src", dir / "site", true);
    CHECK_FALSE(fixed.unchanged);
    CHECK(fixed.write.changed == std::vector<std::string>{"briefings/ascend-roadmap/index.html"});
    CHECK(tree(dir / "site") == good);

    // The build time passing a future briefing's date: built, and the briefing appears.
    const std::int64_t later = at("2026-12-03T12:00:00+08:00");
    auto due = build(dir / "src", dir / "site", true, later);
    CHECK_FALSE(due.unchanged);
    CHECK(tree(dir / "site").count("briefings/future-piece/index.html"));
    REQUIRE(build(dir / "src", dir / "clean", false, later).ok());
    CHECK(tree(dir / "site") == tree(dir / "clean"));

    // A saved file, even with the same bytes: built (and a just-saved file is never trusted
    // for skipping the build after).
    write(dir / "src" / kRoadmap, slurp(dir / "src" / kRoadmap));
    CHECK_FALSE(build(dir / "src", dir / "site", true, later).unchanged);
    CHECK_FALSE(build(dir / "src", dir / "site", true, later).unchanged);
    age(dir / "src");
    CHECK_FALSE(build(dir / "src", dir / "site", true, later).unchanged);
    CHECK(build(dir / "src", dir / "site", true, later).unchanged);
}

TEST_CASE("a tz database update ends the nothing-changed skip", "[incremental]") {
    // The site's zone from a copy of the tz database, then that file replaced by other rules.
    TempDir dir;
    std::filesystem::create_directories(dir / "zoneinfo/Asia");
    auto zone_file = [&](const char* from) {
        std::filesystem::copy_file(std::filesystem::path("/usr/share/zoneinfo") / from,
                                   dir / "zoneinfo/Asia/Shanghai",
                                   std::filesystem::copy_options::overwrite_existing);
    };
    zone_file("Asia/Shanghai");
    ScopedEnv tz("TZDIR", (dir / "zoneinfo").string());
    write_fixture(dir / "src");
    age(dir / "src");
    REQUIRE(build(dir / "src", dir / "site", true).ok());
    CHECK(build(dir / "src", dir / "site", true).unchanged);
    const char* page = "briefings/ascend-roadmap/index.html";
    CHECK(contains(tree(dir / "site").at(page), "2026-11-17T09:00:00+08:00"));

    zone_file("Asia/Tokyo");
    auto updated = build(dir / "src", dir / "site", true);
    REQUIRE(updated.ok());
    CHECK_FALSE(updated.unchanged);
    CHECK(contains(tree(dir / "site").at(page), "2026-11-17T09:00:00+09:00"));
    REQUIRE(build(dir / "src", dir / "clean", false).ok());
    CHECK(tree(dir / "site") == tree(dir / "clean"));
}

TEST_CASE("a build with warnings is never skipped: its warnings come back every time",
          "[incremental]") {
    TempDir dir;
    write_fixture(dir / "src");
    replace_in(dir / "src" / kRoadmap, "kind: news", "kind: news\nmood: upbeat");
    age(dir / "src");
    for (int i = 0; i < 2; ++i) {
        auto r = build(dir / "src", dir / "site", true);
        REQUIRE(r.ok());
        CHECK_FALSE(r.unchanged);
        CHECK(r.diagnostics.warning_count() == 1);
    }
}

TEST_CASE("brief build says when nothing changed", "[incremental][cli]") {
    TempDir dir;
    write_fixture(dir / "src");
    age(dir / "src");
    const std::string cmd =
        "build --source " + (dir / "src").string() + " --output " + (dir / "site").string();
    const std::string env = "NO_COLOR=1 SOURCE_DATE_EPOCH=" + std::to_string(kNow);
    REQUIRE(run_brief(cmd, env).exit_code == 0);
    auto r = run_brief(cmd, env);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("nothing changed since the last build") != std::string::npos);
}
