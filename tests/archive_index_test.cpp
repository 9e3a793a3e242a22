// One ArchiveIndex decides which archive item a briefing's discovered_from names: the inbox,
// the week's digest and the briefing's "Source-assisted" line agree, by id, URL or a URL with
// tracking parameters.
#include <catch2/catch.hpp>

#include "feeds/archive.h"
#include "helpers.h"
#include "model/archive_index.h"
#include "model/inbox.h"
#include "util/dates.h"

using namespace brief;
using namespace brief::test;

namespace {

const std::string kNow = "SOURCE_DATE_EPOCH=1795572000 NO_COLOR=1";  // 2026-11-25T10:00:00+08:00

ArchiveItem item(const std::string& id, const std::string& url, const std::string& title) {
    ArchiveItem it;
    it.id = id;
    it.source_id = "huawei-news";
    it.guid = url;
    it.url = url;
    it.canonical_url = url;
    it.title = title;
    it.published = parse_rfc3339("2026-11-23T02:00:00Z")->utc_seconds;
    it.fetched = *it.published;
    it.summary_text = "Huawei said its Ascend cluster is online.";
    it.matched = {"ascend"};
    return it;
}

const std::string kBase = "https://www.huawei.com/en/news/2026/11/";

std::vector<ArchiveItem> items() {
    return {item("by-id", kBase + "one", "Item named by id"),
            item("by-url", kBase + "two", "Item named by URL"),
            item("by-utm", kBase + "three", "Item named by a tagged URL"),
            item("uncovered", kBase + "four", "Item nobody covers")};
}

void briefing(const TempDir& dir, const std::string& slug, const std::string& from) {
    write(dir / ("src/content/briefings/2026/" + slug + ".md"),
          "---\ntitle: Briefing " + slug +
              "\ndate: 2026-11-24 09:00\nkind: news\nsources:\n  - title: Release\n"
              "    publisher: Huawei\n    url: https://www.huawei.com/en/release\n"
              "    primary: true\ndiscovered_from: \"" +
              from + "\"\n---\nBody.\n");
}

}  // namespace

TEST_CASE("the archive index names an item by id, URL or canonical URL", "[archive-index]") {
    const auto archive = items();
    ArchiveIndex index(archive);
    CHECK(index.find("by-id") == 0u);
    CHECK(index.find(kBase + "two") == 1u);
    CHECK(index.find(kBase + "three?utm_source=x") == 2u);
    CHECK(index.find("HTTPS://WWW.HUAWEI.COM/en/news/2026/11/four#top") == 3u);
    CHECK_FALSE(index.find(""));
    CHECK_FALSE(index.find("nothing"));
    CHECK_FALSE(index.find(kBase + "five"));
    CHECK_FALSE(ArchiveIndex().find("by-id"));
}

TEST_CASE("inbox, digest and source-assisted line agree on the item a discovered_from names",
          "[archive-index]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "src");
    write(dir / "src/sources.yaml",
          "- id: huawei-news\n  name: Huawei Newsroom\n  url: https://www.huawei.com/en/rss/\n"
          "  kind: company\n  lang: en\n  topics: [ascend]\n  include: [ascend]\n");
    std::string lines;
    for (const auto& it : items()) lines += serialize_item(it) + "\n";
    write(dir / "src/content/feeds/2026-W48.jsonl", lines);
    briefing(dir, "from-id", "by-id");
    briefing(dir, "from-url", kBase + "two");
    briefing(dir, "from-utm", kBase + "three?utm_source=x");

    auto b = run_brief(
        "build --drafts --source " + (dir / "src").string() + " --output " + (dir / "out").string(),
        kNow);
    INFO(b.out << b.err);
    REQUIRE(b.exit_code == 0);
    const std::string inbox_page = slurp(dir / "out/inbox/index.html");
    const std::string digest = slurp(dir / "out/weeks/2026-W48/index.html");
    auto cli_inbox = run_brief("inbox --source " + (dir / "src").string(), kNow);
    REQUIRE(cli_inbox.exit_code == 0);

    struct Case {
        std::string slug, title, url;
    };
    for (const Case& c : {Case{"from-id", "Item named by id", kBase + "one"},
                          Case{"from-url", "Item named by URL", kBase + "two"},
                          Case{"from-utm", "Item named by a tagged URL", kBase + "three"}}) {
        INFO(c.slug);
        // (a) Not in the inbox, neither the page nor the command.
        CHECK_FALSE(contains(inbox_page, c.title));
        CHECK_FALSE(contains(cli_inbox.out, c.title));
        // (b) Covered in its week's digest, by that briefing.
        CHECK(contains(digest,
                       "<a href=\"" + c.url + "\" rel=\"nofollow noopener\">" + c.title + "</a>"));
        std::size_t at = digest.find(c.title + "</a>");
        REQUIRE(at != std::string::npos);
        std::string line = digest.substr(at, digest.find("</li>", at) - at);
        CHECK(contains(line, "class=\"covered\""));
        CHECK(contains(line, "/briefings/" + c.slug + "/"));
        // (c) The briefing says where it began, with the item's own link and title.
        std::string page = slurp(dir / ("out/briefings/" + c.slug + "/index.html"));
        CHECK(contains(page,
                       "This briefing began from an item discovered in Huawei Newsroom: "
                       "<a href=\"" +
                           c.url + "\">" + c.title + "</a>"));
    }
    // The item nobody names stays in the inbox and is not marked covered.
    CHECK(contains(inbox_page, "Item nobody covers"));
    CHECK(contains(cli_inbox.out, "Item nobody covers"));
    std::size_t at = digest.find("Item nobody covers</a>");
    REQUIRE(at != std::string::npos);
    CHECK_FALSE(contains(digest.substr(at, digest.find("</li>", at) - at), "class=\"covered\""));
}

TEST_CASE("a briefing that names a story takes every feed's copy of it out of the inbox",
          "[archive-index]") {
    auto archive = items();
    ArchiveItem copy = item("other-feed", kBase + "two", "The same story, another feed");
    copy.source_id = "xinhua";
    archive.push_back(copy);
    ArchiveIndex index(archive);
    CHECK(index.find(kBase + "two") == 1u);
    CHECK(index.named_by(kBase + "two?utm_medium=rss") == std::vector<std::size_t>{1, 4});
    CHECK(index.named_by("by-id") == std::vector<std::size_t>{0});
    CHECK(index.named_by("nothing").empty());
    Document d;
    d.discovered_from = kBase + "two";
    const std::int64_t now = parse_rfc3339("2026-11-25T00:00:00Z")->utc_seconds;
    std::vector<std::size_t> inbox;
    for (const InboxEntry& e : inbox_entries(archive, index, {d}, now, 14)) {
        inbox.push_back(e.lead);
        inbox.insert(inbox.end(), e.also.begin(), e.also.end());
    }
    CHECK(std::find(inbox.begin(), inbox.end(), 1u) == inbox.end());
    CHECK(std::find(inbox.begin(), inbox.end(), 4u) == inbox.end());
    CHECK(std::find(inbox.begin(), inbox.end(), 3u) != inbox.end());
}
