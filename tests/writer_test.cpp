// The write stage: only changed bytes are written, and every build says what it added, changed
// and removed compared with the output folder it found.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "helpers.h"
#include "output/writer.h"

using namespace brief;
using namespace brief::test;

namespace {

std::vector<Output> site(std::initializer_list<std::pair<const char*, const char*>> files) {
    std::vector<Output> out;
    for (const auto& [path, bytes] : files) out.push_back({path, bytes});
    return out;
}

ino_t inode(const std::filesystem::path& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

// The folder as the build would accept it (no site folder, no --force).
OutputDecision at(const std::filesystem::path& dir) {
    return decide_output({}, dir, false);
}

std::vector<std::string> list(std::initializer_list<const char*> l) {
    return {l.begin(), l.end()};
}

}  // namespace

TEST_CASE("a first write adds every file and leaves no temporary folder", "[write]") {
    TempDir dir;
    auto w = write_site(dir / "site", site({{"index.html", "home"}, {"a/index.html", "a"}}));
    REQUIRE(w.ok());
    CHECK(w->added == list({"a/index.html", "index.html"}));
    CHECK(w->changed.empty());
    CHECK(w->removed.empty());
    CHECK(w->files == 2);
    CHECK(w->bytes == 5);
    CHECK(site_files(dir / "site") ==
          std::map<std::string, std::string>{{"a/index.html", "a"}, {"index.html", "home"}});
    std::vector<std::string> listed;
    REQUIRE(parse_output_marker(slurp(dir / "site/.brief-site.json"), listed));
    CHECK(listed == list({"a/index.html", "index.html"}));
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK(e.path().filename() == "site");
}

TEST_CASE("a rewrite lists what changed and leaves unchanged files alone", "[write]") {
    TempDir dir;
    REQUIRE(write_site(dir / "site",
                       site({{"index.html", "home"}, {"a/index.html", "a"}, {"b/index.html", "b"}}))
                .ok());
    auto kept = inode(dir / "site/index.html");
    auto w = write_site(dir / "site",
                        site({{"index.html", "home"}, {"a/index.html", "A!"}, {"c/x.xml", "c"}}));
    REQUIRE(w.ok());
    CHECK(w->added == list({"c/x.xml"}));
    CHECK(w->changed == list({"a/index.html"}));
    CHECK(w->removed == list({"b/index.html"}));
    CHECK(w->written == 2);
    CHECK(inode(dir / "site/index.html") == kept);
    CHECK(site_files(dir / "site") == std::map<std::string, std::string>{{"a/index.html", "A!"},
                                                                         {"c/x.xml", "c"},
                                                                         {"index.html", "home"}});
    CHECK_FALSE(std::filesystem::exists(dir / "site/b"));
}

TEST_CASE("a manifest lets the writer trust untouched files and notice touched ones", "[write]") {
    TempDir dir;
    SiteWriter first(at(dir / "site"));
    REQUIRE(first.open().ok());
    first.put("index.html", "home", hash_bytes("key-1"));
    first.put("other.html", "other");
    REQUIRE(first.commit().ok());
    OutputManifest manifest = first.manifest();

    SiteWriter second(at(dir / "site"), manifest);
    REQUIRE(second.open().ok());
    CHECK(second.unchanged("index.html", hash_bytes("key-1")));
    CHECK_FALSE(second.unchanged("index.html", hash_bytes("key-2")));
    CHECK_FALSE(second.unchanged("other.html", {}));
    second.keep("index.html");
    second.put("other.html", "other");
    auto w = second.commit();
    REQUIRE(w.ok());
    CHECK(w->written == 0);
    CHECK(w->added.empty());
    CHECK(w->changed.empty());
    CHECK(w->removed.empty());

    // Someone edits the page in the output folder: it is no longer trusted.
    write(dir / "site/index.html", "edited by hand");
    SiteWriter third(at(dir / "site"), second.manifest());
    REQUIRE(third.open().ok());
    CHECK_FALSE(third.unchanged("index.html", hash_bytes("key-1")));
    third.put("index.html", "home");
    third.put("other.html", "other");
    auto w3 = third.commit();
    CHECK(w3->changed == list({"index.html"}));
    CHECK(slurp(dir / "site/index.html") == "home");
}

TEST_CASE("an aborted write leaves the output folder byte for byte", "[write]") {
    TempDir dir;
    REQUIRE(write_site(dir / "site", site({{"index.html", "home"}})).ok());
    auto before = tree(dir / "site");
    {
        SiteWriter w(at(dir / "site"));
        REQUIRE(w.open().ok());
        w.put("index.html", "new home");
        w.put("new/index.html", "new");
        w.abort();
    }
    {
        SiteWriter w(at(dir / "site"));
        REQUIRE(w.open().ok());
        w.put("index.html", "new home");
    }  // destroyed without commit
    CHECK(tree(dir / "site") == before);
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK(e.path().filename() == "site");
}

TEST_CASE("a file may become a folder and a folder a file", "[write]") {
    TempDir dir;
    REQUIRE(write_site(dir / "site", site({{"feed", "file"}, {"dir/index.html", "x"}})).ok());
    auto w = write_site(dir / "site",
                        site({{"feed/index.html", "now a folder"}, {"dir", "now a file"}}));
    REQUIRE(w.ok());
    CHECK(site_files(dir / "site") ==
          std::map<std::string, std::string>{{"dir", "now a file"},
                                             {"feed/index.html", "now a folder"}});
}

TEST_CASE("the writer refuses paths outside the site", "[write]") {
    TempDir dir;
    auto w = write_site(dir / "site", site({{"../escape.html", "x"}}));
    CHECK(w.error() == "refusing to write outside the site: ../escape.html");
    CHECK_FALSE(std::filesystem::exists(dir / "site"));
    CHECK_FALSE(std::filesystem::exists(dir / "escape.html"));
}

TEST_CASE("a rewrite keeps the output folder's permissions and publishes in one swap", "[write]") {
    TempDir dir;
    REQUIRE(write_site(dir / "site", site({{"index.html", "home"}, {"a/index.html", "a"}})).ok());
    std::filesystem::permissions(dir / "site", std::filesystem::perms::owner_all |
                                                   std::filesystem::perms::group_read |
                                                   std::filesystem::perms::group_exec);
    struct stat before;
    REQUIRE(::stat((dir / "site").c_str(), &before) == 0);
    auto w = write_site(dir / "site", site({{"index.html", "new home"}, {"a/index.html", "a"}}));
    REQUIRE(w.ok());
    struct stat after;
    REQUIRE(::stat((dir / "site").c_str(), &after) == 0);
    CHECK((after.st_mode & 07777) == 0750);
    // A new folder took the old one's place (the swap); the old one is kept beside it as the
    // previous generation, and nothing else is left.
    CHECK(after.st_ino != before.st_ino);
    CHECK(slurp(dir / "site/index.html") == "new home");
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK((e.path().filename() == "site" || e.path().filename() == ".site.brief-prev"));
}

TEST_CASE("a rebuild updates the generation kept beside the site and swaps it in", "[write]") {
    TempDir dir;
    const auto live = dir / "site", prev = dir / ".site.brief-prev";
    REQUIRE(
        write_site(live, site({{"index.html", "one"}, {"a/index.html", "a"}, {"b", "b"}})).ok());
    CHECK_FALSE(std::filesystem::exists(prev));
    const auto first = tree(live);
    REQUIRE(
        write_site(live, site({{"index.html", "two"}, {"a/index.html", "a"}, {"b", "b"}})).ok());
    CHECK(tree(prev) == first);  // the old site, whole
    const auto second = tree(live);
    const auto a_inode = inode(live / "a/index.html");
    // The third build starts from the first generation: it rewrites index.html, links what the
    // live site has, turns a file into a folder and drops what went.
    auto w = write_site(live, site({{"index.html", "two"},
                                    {"a/index.html", "a"},
                                    {"b/index.html", "now a folder"},
                                    {"c.xml", "c"}}));
    REQUIRE(w.ok());
    CHECK(site_files(live) == std::map<std::string, std::string>{{"a/index.html", "a"},
                                                                 {"b/index.html", "now a folder"},
                                                                 {"c.xml", "c"},
                                                                 {"index.html", "two"}});
    CHECK(tree(prev) == second);
    CHECK(inode(live / "a/index.html") == a_inode);
    CHECK(w->changed.empty());
    CHECK(w->added == list({"b/index.html", "c.xml"}));
    CHECK(w->removed == list({"b"}));
}

TEST_CASE("a kept generation left half-updated by a killed build is finished by the next",
          "[write]") {
    TempDir dir;
    const auto live = dir / "site", prev = dir / ".site.brief-prev";
    auto files = site({{"index.html", "home"}, {"a/index.html", "a"}, {"b/index.html", "b"}});
    REQUIRE(write_site(live, files).ok());
    REQUIRE(write_site(live, files).ok());
    REQUIRE(std::filesystem::exists(prev));
    // What a build killed while updating it leaves: its marker, a temporary file, a page
    // rewritten, a folder of a page that went.
    write(prev / ".brief-staging", "");
    write(prev / "a/index.html.brief-tmp", "half");
    std::filesystem::remove(prev / "b/index.html");
    write(prev / "b/index.html", "stale bytes");
    write(prev / "gone/index.html", "gone");
    auto w = write_site(
        live, site({{"index.html", "home"}, {"a/index.html", "a2"}, {"b/index.html", "b"}}));
    REQUIRE(w.ok());
    CHECK(site_files(live) == std::map<std::string, std::string>{{"a/index.html", "a2"},
                                                                 {"b/index.html", "b"},
                                                                 {"index.html", "home"}});
    CHECK_FALSE(std::filesystem::exists(live / ".brief-staging"));
    CHECK(w->changed == list({"a/index.html"}));
}
