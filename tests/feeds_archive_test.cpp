// The archive: one JSON object a line with a fixed key order, one file per ISO week in the
// site's time zone, merged without duplicates, written atomically under a lock.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "feeds/archive.h"
#include "feeds/fetch.h"
#include "util/fs.h"

using namespace brief;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the system temp directory, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "brief-archive-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()));
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

ArchiveItem item(const std::string& guid, std::optional<std::int64_t> published,
                 const std::string& title = "Title") {
    ArchiveItem i;
    i.source_id = "src";
    i.guid = guid;
    i.url = "https://example.com/" + guid;
    i.canonical_url = i.url;
    i.id = archive_item_id(i.source_id, guid, i.canonical_url);
    i.title = title;
    i.published = published;
    i.fetched = 1795564800;  // 2026-11-25T00:00:00Z
    i.summary_text = "Summary";
    i.summary_html = "<p>Summary</p>";
    return i;
}

TimeZone shanghai() {
    auto tz = TimeZone::load("Asia/Shanghai");
    REQUIRE(tz);
    return *tz;
}

}  // namespace

TEST_CASE("an archive line has a fixed key order and reads back the same", "[feeds]") {
    ArchiveItem i = item("g1", 1795485600);  // 2026-11-24T02:00:00Z
    i.author = "Li Wen";
    i.categories = {"chips"};
    i.matched = {"Ascend"};
    std::string line = serialize_item(i);
    CHECK(line == "{\"id\":\"" + i.id +
                      "\",\"source\":\"src\",\"guid\":\"g1\",\"url\":\"https://example.com/g1\","
                      "\"canonical_url\":\"https://example.com/g1\",\"title\":\"Title\","
                      "\"published\":\"2026-11-24T02:00:00Z\",\"updated\":null,"
                      "\"fetched\":\"2026-11-25T00:00:00Z\",\"author\":\"Li Wen\","
                      "\"summary_text\":\"Summary\",\"summary_html\":\"<p>Summary</p>\","
                      "\"categories\":[\"chips\"],\"matched\":[\"Ascend\"]}");
    std::string error;
    auto back = parse_item(line, error);
    REQUIRE(back);
    CHECK(serialize_item(*back) == line);
}

TEST_CASE("the archive id is stable and depends on source and guid", "[feeds]") {
    CHECK(archive_item_id("a", "g", "https://x/") == archive_item_id("a", "g", "https://y/"));
    CHECK(archive_item_id("a", "g", "") != archive_item_id("b", "g", ""));
    CHECK(archive_item_id("a", "", "https://x/") == archive_item_id("a", "", "https://x/"));
    CHECK(archive_item_id("a", "", "https://x/").size() == 16);
}

TEST_CASE("a bad archive line is a warning naming file and line, and the rest load", "[feeds]") {
    TempDir dir;
    fs::create_directories(dir.path / "content/feeds");
    std::string good1 = serialize_item(item("a", 1795485600));
    std::string good2 = serialize_item(item("b", 1795400000));
    REQUIRE(write_file_atomic(dir.path / "content/feeds/2026-W48.jsonl",
                              good1 + "\n{\"id\": broken\n\n" + good2 + "\n[1,2]\n")
                .ok());
    Diagnostics diags;
    auto items = load_archive(dir.path, diags);
    REQUIRE(items.size() == 2);
    CHECK(items[0].guid == "b");  // sorted by published time
    CHECK(items[1].guid == "a");
    REQUIRE(diags.items().size() == 2);
    CHECK(format_diagnostic(diags.items()[0]) ==
          "content/feeds/2026-W48.jsonl:2: warning: archive line skipped: not valid JSON\n"
          "  hint: each line must be one JSON object as 'brief fetch' writes it\n");
    CHECK(diags.items()[1].line == 5);
    CHECK(diags.items()[1].message == "archive line skipped: not a JSON object");
}

TEST_CASE("items are filed by ISO week in the site's time zone, fetch time without a date",
          "[feeds]") {
    TimeZone tz = shanghai();
    // 2026-11-22T17:00:00Z is Monday 01:00 in Shanghai (W48) but Sunday in UTC (W47).
    CHECK(archive_file_name(item("x", 1795366800), tz) == "2026-W48.jsonl");
    CHECK(archive_file_name(item("x", 1795366800), TimeZone{}) == "2026-W47.jsonl");
    CHECK(archive_file_name(item("x", std::nullopt), tz) == "2026-W48.jsonl");  // fetched
}

TEST_CASE("merging adds new items once and updates changed ones in place", "[feeds]") {
    TempDir dir;
    Diagnostics diags;
    ArchiveStore store(dir.path, shanghai(), diags);
    MergeResult first = store.merge({item("a", 1795485600), item("b", 1794800000)});
    CHECK(first.added == 2);
    CHECK(store.save().empty());
    CHECK(fs::exists(dir.path / "content/feeds/2026-W48.jsonl"));
    CHECK(fs::exists(dir.path / "content/feeds/2026-W47.jsonl"));

    ArchiveStore again(dir.path, shanghai(), diags);
    CHECK(again.items().size() == 2);
    auto changed = item("a", 1795999999, "New title");  // a moved date does not move the item
    changed.fetched = 1796000000;
    MergeResult second = again.merge({item("b", 1794800000), changed, changed});
    CHECK(second.added == 0);
    CHECK(second.updated == 1);
    CHECK(again.save().empty());

    Diagnostics d2;
    auto items = load_archive(dir.path, d2);
    REQUIRE(items.size() == 2);
    const ArchiveItem& a = items[1];
    CHECK(a.title == "New title");
    CHECK(a.published == 1795485600);
    CHECK(a.fetched == 1795564800);  // first seen
    CHECK(d2.items().empty());
}

TEST_CASE("the same story in two feeds is kept for each source with one canonical URL", "[feeds]") {
    SourceConfig s1{"one", "One", "https://one.example/feed", "company", "en", {}, {}, {}, true,
                    0,     0};
    SourceConfig s2 = s1;
    s2.id = "two";
    ParsedFeed feed;
    FeedItem f;
    f.url = "https://story.example.com/a?utm_source=one#x";
    f.id = f.url;
    f.title = "Same story";
    feed.items.push_back(f);
    auto a = items_from_feed(s1, feed, 1795564800);
    feed.items[0].url = "https://STORY.example.com:443/a?utm_campaign=two";
    feed.items[0].id = feed.items[0].url;
    auto b = items_from_feed(s2, feed, 1795564800);
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    CHECK(a[0].canonical_url == "https://story.example.com/a");
    CHECK(b[0].canonical_url == a[0].canonical_url);
    CHECK(a[0].id != b[0].id);
}

TEST_CASE("only week files that changed are rewritten", "[feeds]") {
    TempDir dir;
    Diagnostics diags;
    {
        ArchiveStore store(dir.path, shanghai(), diags);
        store.merge({item("a", 1795485600), item("b", 1794800000)});
        REQUIRE(store.save().empty());
    }
    auto w47 = dir.path / "content/feeds/2026-W47.jsonl";
    auto before = fs::last_write_time(w47);
    usleep(20000);
    ArchiveStore store(dir.path, shanghai(), diags);
    store.merge({item("c", 1795485700)});  // W48 only
    REQUIRE(store.save().empty());
    CHECK(fs::last_write_time(w47) == before);
}

TEST_CASE("a week file with unreadable lines is not rewritten, and that is an error", "[feeds]") {
    TempDir dir;
    fs::create_directories(dir.path / "content/feeds");
    auto w48 = dir.path / "content/feeds/2026-W48.jsonl";
    std::string original = "this line is not JSON\n";
    REQUIRE(write_file_atomic(w48, original).ok());
    Diagnostics diags;
    ArchiveStore store(dir.path, shanghai(), diags);
    store.merge({item("a", 1795485600)});
    auto errors = store.save();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] ==
          "content/feeds/2026-W48.jsonl has 1 unreadable line(s); it was not rewritten, so its "
          "new items were not saved (fix or remove those lines)");
    CHECK(*read_file(w48) == original);
}

TEST_CASE("only one process at a time holds the archive lock", "[feeds]") {
    TempDir dir;
    ArchiveLock first(dir.path);
    REQUIRE(first.ok());
    pid_t pid = fork();
    if (pid == 0) {
        ArchiveLock second(dir.path);
        _exit(second.ok() ? 1 : 0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("temporary files a killed fetch left behind are removed", "[feeds]") {
    TempDir dir;
    fs::create_directories(dir.path / "content/feeds");
    REQUIRE(
        write_file_atomic(dir.path / "content/feeds/2026-W48.jsonl.tmp-123-0", "x", false).ok());
    REQUIRE(write_file_atomic(dir.path / "content/feeds/2026-W48.jsonl", "", false).ok());
    remove_stale_temp_files(dir.path);
    CHECK_FALSE(fs::exists(dir.path / "content/feeds/2026-W48.jsonl.tmp-123-0"));
    CHECK(fs::exists(dir.path / "content/feeds/2026-W48.jsonl"));
}
