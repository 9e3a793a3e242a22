// One story, several feeds: items at one canonical URL, or with the same normalised title from
// different sources within two days, are one story; the inbox lists it once with "also in …",
// and a briefing that began from any of its items covers them all.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "feeds/archive.h"
#include "helpers.h"
#include "model/archive_index.h"
#include "model/inbox.h"
#include "model/stories.h"
#include "util/dates.h"
#include "util/url.h"

using namespace brief;
using namespace brief::test;

namespace {

ArchiveItem item(const std::string& id, const std::string& source, const std::string& url,
                 const std::string& title, const char* when) {
    ArchiveItem it;
    it.id = id;
    it.source_id = source;
    it.guid = url;
    it.url = url;
    it.canonical_url = canonical_url(url);
    it.title = title;
    it.published = at(when);
    it.fetched = *it.published;
    it.summary_text = "A summary of " + title + ".";
    it.matched = {"ascend"};
    return it;
}

// The ids of the story `id` is in, lead first.
std::vector<std::string> story(const std::vector<ArchiveItem>& archive, const std::string& id) {
    const Stories stories(archive);
    for (std::size_t i = 0; i < archive.size(); ++i)
        if (archive[i].id == id) {
            std::vector<std::string> ids;
            for (std::size_t m : stories.story_of(i)) ids.push_back(archive[m].id);
            return ids;
        }
    return {};
}

using Ids = std::vector<std::string>;

const std::string kTitle = "Huawei launches an Atlas SuperPoD cloud region";

}  // namespace

TEST_CASE("a story title is case-folded with punctuation and whitespace collapsed", "[stories]") {
    CHECK(story_title_key("Huawei\u2019s Ascend 950: Launch!") == "huawei s ascend 950 launch");
    CHECK(story_title_key("  HUAWEI'S  ASCEND 950 \u2014 LAUNCH ") == "huawei s ascend 950 launch");
    CHECK(story_title_key("\uFF21\uFF53\uFF43\uFF45\uFF4E\uFF44\u3000\uFF19\uFF15\uFF10") ==
          "ascend 950");
    CHECK(story_title_key("华为发布昇腾950：新一代芯片。") == "华为发布昇腾950 新一代芯片");
    CHECK(story_title_key("ÜBER DIE GRÖẞE: Straße") == "über die größe straße");
    CHECK(story_title_key("ŁÓDŹ «Ćwiczenia»") == "łódź ćwiczenia");
    CHECK(story_title_key("ΕΛΛΆΔΑ Σ / МОСКВА Ё") == "ελλάδα σ москва ё");
    CHECK(story_title_key("...!?") == "");
    CHECK(story_title_key("bad \xFF byte") == "bad byte");
}

TEST_CASE("a title names a story with three words or six characters of an unspaced script",
          "[stories]") {
    CHECK(title_key_names_a_story("additions to the entity list"));
    CHECK(title_key_names_a_story("ascend 950 launch"));
    CHECK_FALSE(title_key_names_a_story("press release"));
    CHECK_FALSE(title_key_names_a_story(""));
    CHECK(title_key_names_a_story("华为发布新芯片"));
    CHECK_FALSE(title_key_names_a_story("华为更新"));
}

TEST_CASE("items at one canonical URL are one story whenever they were published", "[stories]") {
    const std::string url = "https://www.huawei.com/en/news/2026/11/atlas-region";
    std::vector<ArchiveItem> archive = {
        item("x1", "xinhua", url + "?utm_source=rss#top", "Xinhua's headline for it",
             "2026-11-23T09:00:00Z"),
        item("h1", "huawei-news", url, "Huawei's own headline", "2026-11-10T02:00:00Z"),
        item("o1", "scmp", "https://www.scmp.com/tech/other", "A different story entirely",
             "2026-11-23T09:00:00Z")};
    CHECK(story(archive, "x1") == Ids{"h1", "x1"});
    CHECK(story(archive, "h1") == Ids{"h1", "x1"});
    CHECK(story(archive, "o1") == Ids{"o1"});
}

TEST_CASE("the same title from different sources is one story within two days of its lead",
          "[stories]") {
    std::vector<ArchiveItem> archive = {
        item("h1", "huawei-news", "https://h.example/1", kTitle, "2026-11-20T00:00:00Z"),
        item("x1", "xinhua", "https://x.example/1",
             "HUAWEI LAUNCHES AN ATLAS SUPERPOD CLOUD REGION!",
             "2026-11-22T00:00:00Z"),  // exactly two days later: in
        item("s1", "scmp", "https://s.example/1", "Huawei launches an Atlas SuperPoD cloud region.",
             "2026-11-22T00:00:01Z"),  // a second more: a story of its own
    };
    CHECK(story(archive, "h1") == Ids{"h1", "x1"});
    CHECK(story(archive, "s1") == Ids{"s1"});
}

TEST_CASE("one source's items with the same title are separate stories", "[stories]") {
    // The Federal Register titles every entity list rule alike.
    const std::string title = "Additions to the Entity List";
    std::vector<ArchiveItem> archive = {
        item("f1", "federal-register", "https://f.example/1", title, "2026-11-20T00:45:00Z"),
        item("f2", "federal-register", "https://f.example/2", title, "2026-11-21T00:45:00Z"),
        item("t1", "toms-hardware", "https://t.example/1", title, "2026-11-21T03:00:00Z"),
        item("t2", "toms-hardware", "https://t.example/2", title, "2026-11-21T04:00:00Z"),
    };
    // Each joins the earliest open story its source is not in yet.
    CHECK(story(archive, "f1") == Ids{"f1", "t1"});
    CHECK(story(archive, "f2") == Ids{"f2", "t2"});
}

TEST_CASE("a short title groups nothing, a shared URL and a shared title chain into one story",
          "[stories]") {
    std::vector<ArchiveItem> archive = {
        item("h1", "huawei-news", "https://h.example/1", "Press release", "2026-11-20T00:00:00Z"),
        item("x1", "xinhua", "https://x.example/1", "Press release", "2026-11-20T01:00:00Z"),
        item("a1", "huawei-news", "https://h.example/2", kTitle, "2026-11-20T00:00:00Z"),
        item("b1", "xinhua", "https://h.example/2?utm_medium=feed", "Another title for it",
             "2026-11-20T02:00:00Z"),
        item("c1", "scmp", "https://s.example/9", "Another title, for it", "2026-11-21T02:00:00Z"),
    };
    CHECK(story(archive, "h1") == Ids{"h1"});
    CHECK(story(archive, "x1") == Ids{"x1"});
    CHECK(story(archive, "c1") == Ids{"a1", "b1", "c1"});
}

TEST_CASE("a story's lead is the earliest item, then the smallest source id, whatever the order",
          "[stories]") {
    std::vector<ArchiveItem> archive = {
        item("z9", "xinhua", "https://x.example/1", kTitle, "2026-11-20T00:00:00Z"),
        item("a9", "scmp", "https://s.example/1", kTitle, "2026-11-20T00:00:00Z"),
        item("m9", "huawei-news", "https://h.example/1", kTitle, "2026-11-21T00:00:00Z"),
        item("k1", "scmp", "https://s.example/2", "Another story from the same week",
             "2026-11-20T00:00:00Z"),
    };
    const Ids expected = {"a9", "z9", "m9"};
    CHECK(story(archive, "m9") == expected);
    std::mt19937 shuffle(7);
    for (int round = 0; round < 5; ++round) {
        std::shuffle(archive.begin(), archive.end(), shuffle);
        CHECK(story(archive, "z9") == expected);
        CHECK(story(archive, "k1") == Ids{"k1"});
    }
}

TEST_CASE("the inbox lists a story once, under its earliest item, with one copy per other feed",
          "[stories][inbox]") {
    std::vector<ArchiveItem> archive = {
        item("h1", "huawei-news", "https://h.example/1", kTitle, "2026-11-20T00:00:00Z"),
        item("x1", "xinhua", "https://x.example/1", kTitle, "2026-11-20T05:00:00Z"),
        item("x2", "xinhua", "https://x.example/1?utm_source=app", "Xinhua again",
             "2026-11-21T05:00:00Z"),
        item("s1", "scmp", "https://s.example/1", kTitle, "2026-11-21T00:00:00Z"),
        item("o1", "scmp", "https://s.example/2", "Another story from the same week",
             "2026-11-22T00:00:00Z"),
    };
    std::sort(archive.begin(), archive.end(), archive_order);
    ArchiveIndex index(archive);
    auto id = [&](std::size_t i) { return archive[i].id; };
    auto ids = [&](const std::vector<std::size_t>& v) {
        Ids out;
        for (std::size_t i : v) out.push_back(id(i));
        return out;
    };
    auto entries = inbox_entries(archive, index, {}, at("2026-11-25T00:00:00Z"), 14);
    REQUIRE(entries.size() == 2);
    CHECK(id(entries[0].lead) == "o1");
    CHECK(entries[0].also.empty());
    CHECK(id(entries[1].lead) == "h1");
    CHECK(ids(entries[1].also) == Ids{"x1", "s1"});

    // Only what the window holds: two days back, the story begins at its first Xinhua copy.
    entries = inbox_entries(archive, index, {}, at("2026-11-22T03:00:00Z"), 2);
    REQUIRE(entries.size() == 2);
    CHECK(id(entries[1].lead) == "x1");
    CHECK(ids(entries[1].also) == Ids{"s1"});

    // A draft that began from a copy takes the whole story out.
    Document draft;
    draft.draft = true;
    draft.discovered_from = "https://x.example/1?utm_source=app";
    entries = inbox_entries(archive, index, {draft}, at("2026-11-25T00:00:00Z"), 14);
    REQUIRE(entries.size() == 1);
    CHECK(id(entries[0].lead) == "o1");
}

TEST_CASE("a briefing covers every item of the story it names, the item it names by itself",
          "[stories]") {
    std::vector<ArchiveItem> archive = {
        item("h1", "huawei-news", "https://h.example/1", kTitle, "2026-11-20T00:00:00Z"),
        item("x1", "xinhua", "https://x.example/1", kTitle, "2026-11-20T05:00:00Z"),
        item("s1", "scmp", "https://s.example/1", kTitle, "2026-11-21T00:00:00Z"),
        item("o1", "scmp", "https://s.example/2", "Another story from the same week",
             "2026-11-22T00:00:00Z"),
    };
    ArchiveIndex index(archive);
    // Newest first: briefing 0 began from the Xinhua copy, briefing 1 from Huawei's item.
    auto covered = covering_briefings({"x1", "https://h.example/1", "nothing", ""}, index);
    CHECK(covered == std::map<std::size_t, std::size_t>{{0, 1}, {1, 0}, {2, 0}});
}

TEST_CASE(
    "brief inbox and /inbox/ show a story once with also in, and a briefing from a copy "
    "covers it in the inbox and the digest",
    "[stories][inbox]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "src");
    write(dir / "src/sources.yaml",
          "- id: huawei-news\n  name: Huawei Newsroom\n  url: https://www.huawei.com/en/rss/\n"
          "  kind: company\n  lang: en\n"
          "- id: xinhua\n  name: Xinhua Business\n  url: https://english.news.cn/rss/\n"
          "  kind: state-media\n  lang: en\n"
          "- id: scmp\n  name: SCMP Tech\n  url: https://www.scmp.com/rss/tech\n"
          "  kind: aggregator\n  lang: en\n");
    const std::string lead_url = "https://www.huawei.com/en/news/2026/11/atlas-region";
    const std::string copy_url = "https://english.news.cn/20261123/atlas";
    const std::string tagged_url = lead_url + "?utm_source=scmp&utm_medium=rss";
    std::string lines;
    for (const auto& it :
         {item("h1", "huawei-news", lead_url, kTitle, "2026-11-23T02:00:00Z"),
          item("x1", "xinhua", copy_url, "HUAWEI LAUNCHES AN ATLAS SUPERPOD CLOUD REGION!",
               "2026-11-23T09:00:00Z"),
          item("s1", "scmp", tagged_url, "Huawei's new cloud region runs on Atlas SuperPoDs",
               "2026-11-24T01:00:00Z"),
          item("o1", "scmp", "https://www.scmp.com/tech/packaging",
               "Chinese AI chip designers race for packaging capacity", "2026-11-24T05:00:00Z")})
        lines += serialize_item(it) + "\n";
    write(dir / "src/content/feeds/2026-W48.jsonl", lines);
    const std::string env =
        "SOURCE_DATE_EPOCH=1795572000 NO_COLOR=1 HOME=" + (dir / "home").string();
    const std::string src = " --source " + (dir / "src").string();

    auto text = run_brief("inbox" + src, env);
    REQUIRE(text.exit_code == 0);
    CHECK(contains(text.out,
                   "2026-11-23  Huawei Newsroom       " + kTitle + "\n            " + lead_url +
                       "\n            id h1  matched: ascend\n"
                       "            also in Xinhua Business (id x1), SCMP Tech (id s1)\n"));
    CHECK_FALSE(contains(text.out, "HUAWEI LAUNCHES"));
    CHECK(contains(text.out,
                   "2 items from the last 14 days not covered by a briefing (and 2 "
                   "copies of them in other feeds).\n"));

    auto json = nlohmann::json::parse(run_brief("inbox --json" + src, env).out);
    REQUIRE(json.size() == 2);
    CHECK(json[0]["id"] == "o1");
    CHECK(json[0]["also_in"].empty());
    CHECK(json[1]["id"] == "h1");
    REQUIRE(json[1]["also_in"].size() == 2);
    CHECK(json[1]["also_in"][0] ==
          nlohmann::json{{"id", "x1"},
                         {"source", "xinhua"},
                         {"publisher", "Xinhua Business"},
                         {"title", "HUAWEI LAUNCHES AN ATLAS SUPERPOD CLOUD REGION!"},
                         {"url", copy_url},
                         {"published", "2026-11-23T17:00:00+08:00"}});
    CHECK(json[1]["also_in"][1]["id"] == "s1");

    const std::string out = " --output " + (dir / "out").string();
    auto build = run_brief("build --drafts" + src + out, env);
    INFO(build.out << build.err);
    REQUIRE(build.exit_code == 0);
    std::string page = slurp(dir / "out/inbox/index.html");
    CHECK(contains(page, "<p class=\"meta also-in\">Also in <a href=\"" + copy_url +
                             "\" rel=\"nofollow noopener\">Xinhua Business</a>, <a href=\"" +
                             lead_url +
                             "?utm_source=scmp&amp;utm_medium=rss\" rel=\"nofollow "
                             "noopener\">SCMP Tech</a></p>"));
    CHECK(contains(page, kTitle));
    CHECK_FALSE(contains(page, "HUAWEI LAUNCHES"));
    CHECK_FALSE(contains(page, "runs on Atlas SuperPoDs"));

    // A briefing that began from the Xinhua copy covers the story.
    write(dir / "src/content/briefings/2026/atlas-region.md",
          "---\ntitle: Atlas SuperPoD region opens\ndate: 2026-11-24 09:00\nkind: news\n"
          "sources:\n  - title: Release\n    publisher: Huawei\n    url: " +
              lead_url + "\n    primary: true\ndiscovered_from: x1\n---\nBody.\n");
    text = run_brief("inbox" + src, env);
    CHECK_FALSE(contains(text.out, "Atlas"));
    CHECK(contains(text.out, "1 item from the last 14 days not covered by a briefing.\n"));
    build = run_brief("build --drafts" + src + out, env);
    REQUIRE(build.exit_code == 0);
    CHECK_FALSE(contains(slurp(dir / "out/inbox/index.html"), "Atlas"));
    const std::string digest = slurp(dir / "out/weeks/2026-W48/index.html");
    auto covered_by = [&](const std::string& title) {
        std::size_t from = digest.find(title + "</a>");
        if (from == std::string::npos) return std::string("(not listed)");
        std::string line = digest.substr(from, digest.find("</li>", from) - from);
        std::size_t c = line.find("class=\"covered\"");
        return c == std::string::npos ? std::string("(not covered)") : line.substr(c);
    };
    const std::string by_briefing =
        "class=\"covered\">covered in <a href=\"/briefings/atlas-region/\">Atlas SuperPoD region "
        "opens</a></span>";
    CHECK(covered_by(kTitle) == by_briefing);
    CHECK(covered_by("HUAWEI LAUNCHES AN ATLAS SUPERPOD CLOUD REGION!") == by_briefing);
    CHECK(covered_by("Huawei&apos;s new cloud region runs on Atlas SuperPoDs") == by_briefing);
    CHECK(covered_by("Chinese AI chip designers race for packaging capacity") == "(not covered)");
}
