// One story, several feeds: items at one canonical URL, or with the same normalised title from
// different sources within two days, are one story.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "feeds/archive.h"
#include "helpers.h"
#include "model/stories.h"
#include "util/dates.h"
#include "util/url.h"

using namespace brief;
using namespace brief::test;

namespace {

std::int64_t at(const char* when) {
    return parse_rfc3339(when)->utc_seconds;
}

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
