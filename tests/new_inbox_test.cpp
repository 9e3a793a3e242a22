// brief new and brief inbox, run as an editor would: the real binary on a site in a temp folder.
#include <catch2/catch.hpp>

#include "feeds/archive.h"
#include "helpers.h"
#include "pipeline/build.h"
#include "util/dates.h"

using namespace brief;
using namespace brief::test;

namespace {

ArchiveItem item(const std::string& id, const std::string& url, const std::string& title,
                 const char* when) {
    ArchiveItem it;
    it.id = id;
    it.source_id = "huawei-news";
    it.guid = url;
    it.url = url;
    it.canonical_url = url;
    it.title = title;
    it.published = parse_rfc3339(when)->utc_seconds;
    it.fetched = *it.published;
    it.summary_text = "Huawei said its cluster of Ascend chips: now online.";
    it.matched = {"ascend"};
    return it;
}

// A copy of the minimal site with a source and three discovered items in W48.
void make_site(const TempDir& dir) {
    copy_site(kSites / "minimal", dir / "src");
    write(
        dir / "src/sources.yaml",
        "- id: huawei-news\n  name: Huawei Newsroom\n  url: https://www.huawei.com/en/rss-feeds/\n"
        "  kind: company\n  lang: en\n  topics: [ascend, clusters]\n  include: [ascend]\n");
    std::string lines;
    for (const auto& it : {item("a1", "https://www.huawei.com/en/news/2026/11/cluster",
                                "Cluster online", "2026-11-23T02:00:00Z"),
                           item("a2", "https://www.huawei.com/en/news/2026/11/roadmap",
                                "Roadmap: an update", "2026-11-24T02:00:00Z"),
                           item("a3", "https://www.huawei.com/en/news/2026/10/old", "An old item",
                                "2026-09-01T02:00:00Z")})
        lines += serialize_item(it) + "\n";
    write(dir / "src/content/feeds/2026-W48.jsonl", lines);
}

const std::string kNow = "SOURCE_DATE_EPOCH=1795572000 NO_COLOR=1";  // 2026-11-25T10:00:00+08:00

}  // namespace

TEST_CASE(
    "new briefing writes front matter with the date in the site's zone and a Unicode-safe slug",
    "[new]") {
    TempDir dir;
    make_site(dir);
    auto r = run_brief(
        "new briefing \"Huawei's 华为 cluster: online\" --source " + (dir / "src").string(), kNow);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "content/briefings/2026/huaweis-华为-cluster-online.md\n");
    std::string text = slurp(dir / "src/content/briefings/2026/huaweis-华为-cluster-online.md");
    CHECK(text.find(
              "\ntitle: \"Huawei's 华为 cluster: online\"\ndate: 2026-11-25 10:00\nkind: news\n") !=
          std::string::npos);
    CHECK(text.starts_with("---\n# Add at least one source"));
    CHECK(text.find("draft: true") != std::string::npos);
    // It builds as it is (a draft until it has a source).
    auto b = run_brief(
        "build --drafts --source " + (dir / "src").string() + " --output " + (dir / "out").string(),
        kNow);
    CHECK(b.exit_code == 0);
    CHECK(std::filesystem::exists(dir / "out/briefings/huaweis-华为-cluster-online/index.html"));
}

TEST_CASE("new briefing --from fills the source, discovered_from, topics and a quote, and builds",
          "[new]") {
    TempDir dir;
    make_site(dir);
    auto r = run_brief("new briefing \"A cluster comes online\" --from a1 --lang en --source " +
                           (dir / "src").string(),
                       kNow);
    REQUIRE(r.exit_code == 0);
    std::string text = slurp(dir / "src/content/briefings/2026/a-cluster-comes-online.md");
    CHECK(text.find("topics: [ascend, clusters]") != std::string::npos);
    CHECK(text.find("  - title: \"Cluster online\"\n    publisher: \"Huawei Newsroom\"\n    url: "
                    "https://www.huawei.com/en/news/2026/11/cluster\n    primary: true") !=
          std::string::npos);
    CHECK(text.find("discovered_from: a1") != std::string::npos);
    CHECK(text.find("> Huawei said its cluster of Ascend chips: now online.") != std::string::npos);
    CHECK(text.find("draft") == std::string::npos);
    auto b = run_brief(
        "build --strict --source " + (dir / "src").string() + " --output " + (dir / "out").string(),
        kNow);
    INFO(b.err);
    REQUIRE(b.exit_code == 0);
    std::string page = slurp(dir / "out/briefings/a-cluster-comes-online/index.html");
    CHECK(page.find("This briefing began from an item discovered in Huawei Newsroom") !=
          std::string::npos);
    CHECK(page.find(
              "<a href=\"https://www.huawei.com/en/news/2026/11/cluster\">Cluster online</a>") !=
          std::string::npos);
    // By URL works too, and the item is now covered, so the inbox no longer lists it.
    auto inbox = run_brief("inbox --source " + (dir / "src").string(), kNow);
    CHECK(inbox.out.find("Cluster online") == std::string::npos);
    CHECK(inbox.out.find("Roadmap: an update") != std::string::npos);
}

TEST_CASE("new never overwrites an existing file", "[new]") {
    TempDir dir;
    make_site(dir);
    const std::string args = "new briefing \"Ascend update\" --source " + (dir / "src").string();
    REQUIRE(run_brief(args, kNow).exit_code == 0);
    write(dir / "src/content/briefings/2026/ascend-update.md", "edited by hand\n");
    auto again = run_brief(args, kNow);
    CHECK(again.exit_code == 1);
    CHECK(again.err.find("content/briefings/2026/ascend-update.md exists already; brief new never "
                         "overwrites a file") != std::string::npos);
    CHECK(slurp(dir / "src/content/briefings/2026/ascend-update.md") == "edited by hand\n");
}

TEST_CASE("new refuses an unknown item and bad options", "[new]") {
    TempDir dir;
    make_site(dir);
    auto r = run_brief("new briefing \"X\" --from nope --source " + (dir / "src").string(), kNow);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("no discovered item has the id or URL 'nope'") != std::string::npos);
    CHECK(run_brief("new briefing \"X\" --kind blog --source " + (dir / "src").string(), kNow)
              .exit_code == 2);
    CHECK(run_brief("new --source " + (dir / "src").string(), kNow).exit_code == 2);
}

TEST_CASE("new week writes this ISO week's note once", "[new]") {
    TempDir dir;
    make_site(dir);
    auto r = run_brief("new week --source " + (dir / "src").string(), kNow);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "content/weeks/2026-W48.md\n");
    CHECK(
        slurp(dir / "src/content/weeks/2026-W48.md").find("\ntitle: \"The week of 2026-W48\"\n") !=
        std::string::npos);
    CHECK(run_brief("new week --source " + (dir / "src").string(), kNow).exit_code == 1);
}

TEST_CASE("inbox lists recent uncovered items newest first with their keywords", "[inbox]") {
    TempDir dir;
    make_site(dir);
    auto r = run_brief("inbox --source " + (dir / "src").string(), kNow);
    REQUIRE(r.exit_code == 0);
    auto roadmap = r.out.find("Roadmap: an update");
    auto cluster = r.out.find("Cluster online");
    REQUIRE(roadmap != std::string::npos);
    REQUIRE(cluster != std::string::npos);
    CHECK(roadmap < cluster);
    CHECK(r.out.find("An old item") == std::string::npos);  // older than 14 days
    CHECK(r.out.find("id a1  matched: ascend") != std::string::npos);
    CHECK(r.out.find("2 items from the last 14 days not covered by a briefing.") !=
          std::string::npos);
    auto wide = run_brief("inbox --days 120 --json --source " + (dir / "src").string(), kNow);
    CHECK(wide.out.find("\"title\": \"An old item\"") != std::string::npos);
}

TEST_CASE("the inbox page is built only with --drafts", "[inbox]") {
    TempDir dir;
    make_site(dir);
    auto plain = run_brief(
        "build --source " + (dir / "src").string() + " --output " + (dir / "a").string(), kNow);
    REQUIRE(plain.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "a/inbox/index.html"));
    auto drafts = run_brief(
        "build --drafts --source " + (dir / "src").string() + " --output " + (dir / "b").string(),
        kNow);
    REQUIRE(drafts.exit_code == 0);
    std::string page = slurp(dir / "b/inbox/index.html");
    CHECK(page.find("Roadmap: an update") != std::string::npos);
    CHECK(page.find("brief new briefing") != std::string::npos);
}
