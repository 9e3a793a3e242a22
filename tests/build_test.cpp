// End-to-end: whole fixture sites built into temporary folders, asserting on what is written.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "pipeline/build.h"
#include "util/dates.h"

using namespace brief;
using namespace brief::test;

namespace {

BuildResult build(const std::filesystem::path& source, const std::filesystem::path& output,
                  unsigned jobs = 2, bool drafts = false, bool future = false) {
    BuildRequest r;
    r.source = source;
    r.output = output;
    r.jobs = jobs;
    r.drafts = drafts;
    r.future = future;
    r.now = at("2026-11-25T12:00:00+08:00");
    return run_build(r);
}

}  // namespace

TEST_CASE("building the minimal site writes the home page and a page for every briefing", "[e2e]") {
    TempDir out;
    auto r = build(kSites / "minimal", out / "site");
    INFO(messages(r));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.items().empty());
    auto files = site_files(out / "site");
    CHECK(files.count("index.html"));
    CHECK(files.count("briefings/ascend-roadmap/index.html"));
    CHECK(files.count("briefings/ascend-fahrplan/index.html"));
    CHECK(files.count("briefings/cluster-online/index.html"));
    CHECK(files.count("guides/follow-the-news/index.html"));
    CHECK(files.count("standards/index.html"));
    CHECK(files.count("static/style.css"));
    CHECK(r.pages_written == files.size());
    const std::string& home = files["index.html"];
    CHECK(contains(home, "<a href=\"/briefings/ascend-roadmap/\">Ascend roadmap published</a>"));
    CHECK(contains(home, "<html lang=\"en\">"));
}

TEST_CASE("a briefing page shows every part of the briefing", "[e2e]") {
    TempDir out;
    REQUIRE(build(kSites / "minimal", out / "site").ok());
    std::string page = slurp(out / "site/briefings/ascend-roadmap/index.html");
    CHECK(contains(page, "<h1>Ascend roadmap published</h1>"));
    CHECK(contains(page, "<time datetime=\"2026-11-17T09:00:00+08:00\">17 November 2026</time>"));
    CHECK(contains(page, ">Silicon roadmap</a>"));
    CHECK(contains(page, "<h2 id=\"key-points\">Key points</h2>"));
    CHECK(contains(page, "<h2 id=\"what-to-watch\">What to watch</h2>"));
    CHECK(contains(page, "Possibilities, not facts"));
    CHECK(contains(page, "possible · within months"));
    CHECK(contains(page, "<h2 id=\"open-questions\">Open questions</h2>"));
    CHECK(
        contains(page, "<strong class=\"score-value\">8</strong>/10 — A public schedule is new."));
    CHECK(contains(page,
                   "<th scope=\"col\">Signal</th><th scope=\"col\">Why it matters</th><th "
                   "scope=\"col\">Where to find it</th>"));
    CHECK(contains(page, "<dt>Is it shipping?</dt><dd>Not yet.</dd>"));
    // Primary sources come first and name their publisher.
    auto primary = page.find(
        "<span class=\"label label-primary\">Primary</span> <a "
        "href=\"https://www.huawei.com/en/news/\">Keynote</a> — Huawei");
    auto secondary =
        page.find("<a href=\"https://news.example/coverage\">Coverage</a> — A newspaper");
    CHECK(primary != std::string::npos);
    CHECK(secondary != std::string::npos);
    CHECK(primary < secondary);
    // The body's own "Sources" heading does not reuse the layout's id.
    CHECK(contains(page, "<h2 id=\"sources-1\">Sources</h2>"));
    CHECK(contains(page, "<h2 id=\"what-happened\">What happened</h2>"));
}

TEST_CASE("a machine-generated summary is labelled and the page uses its own language", "[e2e]") {
    TempDir out;
    REQUIRE(build(kSites / "minimal", out / "site").ok());
    std::string de = slurp(out / "site/briefings/ascend-fahrplan/index.html");
    CHECK(contains(de, "<html lang=\"de\">"));
    CHECK(contains(de, "Diese Zusammenfassung wurde maschinell erstellt"));
    CHECK(contains(de, "17. November 2026"));
    CHECK(contains(de, "<h2 id=\"sources\">Quellen</h2>"));
    CHECK(contains(de,
                   "<link rel=\"alternate\" hreflang=\"en\" "
                   "href=\"https://minimal.example/briefings/ascend-roadmap/\">"));
    std::string en = slurp(out / "site/briefings/ascend-roadmap/index.html");
    CHECK(contains(en,
                   "<link rel=\"alternate\" hreflang=\"de\" "
                   "href=\"https://minimal.example/briefings/ascend-fahrplan/\">"));
}

TEST_CASE("drafts and future briefings are left out unless asked for", "[e2e]") {
    TempDir out;
    REQUIRE(build(kSites / "minimal", out / "site").ok());
    CHECK_FALSE(std::filesystem::exists(out / "site/briefings/draft-piece/index.html"));
    CHECK_FALSE(std::filesystem::exists(out / "site/briefings/future-piece/index.html"));
    REQUIRE(build(kSites / "minimal", out / "all", 2, true, true).ok());
    CHECK(std::filesystem::exists(out / "all/briefings/draft-piece/index.html"));
    CHECK(std::filesystem::exists(out / "all/briefings/future-piece/index.html"));
}

TEST_CASE("an alias becomes a small redirect page", "[e2e]") {
    TempDir out;
    REQUIRE(build(kSites / "minimal", out / "site").ok());
    std::string alias = slurp(out / "site/old/ascend/index.html");
    CHECK(contains(alias,
                   "<meta http-equiv=\"refresh\" content=\"0; url=/briefings/ascend-roadmap/\">"));
    CHECK(contains(
        alias,
        "<link rel=\"canonical\" href=\"https://minimal.example/briefings/ascend-roadmap/\">"));
}

TEST_CASE("two builds of the same input are byte-identical whatever the thread count", "[e2e]") {
    TempDir out;
    REQUIRE(build(kSites / "minimal", out / "one", 1).ok());
    REQUIRE(build(kSites / "minimal", out / "two", 2).ok());
    REQUIRE(build(kSites / "minimal", out / "eight", 8).ok());
    auto one = tree(out / "one");
    CHECK(one == tree(out / "two"));
    CHECK(one == tree(out / "eight"));
}

TEST_CASE("a build with errors writes nothing and leaves the previous site byte for byte",
          "[e2e]") {
    TempDir work;
    copy_site(kSites / "minimal", work / "src");
    REQUIRE(build(work / "src", work / "site").ok());
    auto before = tree(work / "site");
    REQUIRE_FALSE(before.empty());
    write(work / "src/content/briefings/2026/broken.md",
          "---\ntitle: Broken\ndate: 2026-13-02\nkind: analysis\n---\n");
    auto r = build(work / "src", work / "site");
    CHECK_FALSE(r.ok());
    CHECK(r.pages_written == 0);
    CHECK(tree(work / "site") == before);
    // No temporary folder is left beside the site.
    for (const auto& e : std::filesystem::directory_iterator(work.path()))
        CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("a rebuild replaces pages that no longer exist", "[e2e]") {
    TempDir work;
    copy_site(kSites / "minimal", work / "src");
    REQUIRE(build(work / "src", work / "site").ok());
    REQUIRE(std::filesystem::exists(work / "site/briefings/cluster-online/index.html"));
    std::filesystem::remove(work / "src/content/briefings/2026/cluster-online.md");
    REQUIRE(build(work / "src", work / "site").ok());
    CHECK_FALSE(std::filesystem::exists(work / "site/briefings/cluster-online/index.html"));
}

TEST_CASE("duplicate slugs are an error naming both files", "[e2e]") {
    TempDir work;
    copy_site(kSites / "minimal", work / "src");
    write(work / "src/content/briefings/2025/ascend-roadmap.md",
          "---\ntitle: Older\ndate: 2025-01-01\nkind: analysis\n---\n");
    auto r = build(work / "src", work / "site");
    CHECK_FALSE(r.ok());
    CHECK(contains(
        messages(r),
        "content/briefings/2026/ascend-roadmap.md:1:1: error: duplicate slug 'ascend-roadmap': "
        "content/briefings/2025/ascend-roadmap.md has it already"));
}

TEST_CASE("the brief binary reports each invalid fixture with its position and exit code",
          "[e2e][cli]") {
    TempDir out;
    const std::string site = (out / "site").string();
    SECTION("a bad date") {
        auto r = run_brief("build --no-cache --source " + (kSites / "invalid/bad-date").string() +
                           " --output " + site);
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err,
                       "content/briefings/2026/tencent-capex.md:3:7: error: date: '2026-13-02' is "
                       "not a date"));
        CHECK(contains(r.err, "    date: 2026-13-02\n          ^\n"));
        CHECK(contains(r.err, "build failed: 1 document"));
    }
    SECTION("no title") {
        auto r = run_brief("build --no-cache --source " + (kSites / "invalid/no-title").string() +
                           " --output " + site);
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err,
                       "content/briefings/2026/untitled.md:1:1: error: missing required key "
                       "'title' in the front matter"));
    }
    SECTION("a misspelled key is only a warning, unless --strict") {
        auto r = run_brief("build --no-cache --source " +
                           (kSites / "invalid/misspelled-key").string() + " --output " + site);
        CHECK(r.exit_code == 0);
        CHECK(contains(r.err,
                       "content/briefings/2026/typo.md:5:1: warning: unknown key 'sumary' in the "
                       "front matter"));
        CHECK(contains(r.err, "hint: did you mean 'summary'?"));
        CHECK(contains(r.err, "1 warning, 0 errors"));
        auto strict = run_brief("build --no-cache --strict --source " +
                                (kSites / "invalid/misspelled-key").string() + " --output " +
                                (out / "strict").string());
        CHECK(strict.exit_code == 1);
        CHECK(contains(strict.err, "typo.md:5:1: error: unknown key 'sumary'"));
        CHECK_FALSE(std::filesystem::exists(out / "strict"));
    }
    SECTION("front matter never closed") {
        auto r = run_brief("build --no-cache --source " + (kSites / "invalid/unclosed").string() +
                           " --output " + site);
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err,
                       "content/briefings/2026/open.md:1:1: error: the front matter opened on line "
                       "1 is never closed"));
        CHECK(contains(r.err, "hint: did you forget the closing '---' after the last field?"));
    }
    if (!std::filesystem::exists(out / "site/index.html"))
        CHECK_FALSE(std::filesystem::exists(out / "site"));
}

TEST_CASE("the command line answers --version, help and usage errors", "[cli]") {
    auto v = run_brief("--version");
    CHECK(v.exit_code == 0);
    // The version, then the commit it was built from ("unknown" outside a git checkout).
    CHECK(v.out.starts_with(std::string("brief ") + BRIEF_VERSION + " (commit "));
    CHECK(v.out.ends_with(")\n"));
    auto help = run_brief("help");
    CHECK(help.exit_code == 0);
    CHECK(contains(help.out, "  build"));
    auto bh = run_brief("build --help");
    CHECK(bh.exit_code == 0);
    for (const char* opt : {"--source DIR", "--output DIR", "--drafts", "--future", "--strict",
                            "--jobs N", "--verbose", "--quiet"})
        CHECK(contains(bh.out, opt));
    auto bad = run_brief("build --outptu x");
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err,
                   "unknown option '--outptu' for 'brief build' (did you mean '--output'?)"));
    auto jobs = run_brief("build --jobs zero");
    CHECK(jobs.exit_code == 2);
    auto unknown = run_brief("biuld");
    CHECK(unknown.exit_code == 2);
}

TEST_CASE("verbose output prints each stage with its time and --quiet prints nothing on success",
          "[cli]") {
    TempDir out;
    auto v = run_brief("build --no-cache --verbose --source " + (kSites / "minimal").string() +
                       " --output " + (out / "a").string());
    CHECK(v.exit_code == 0);
    for (const char* stage : {"load", "feeds", "model", "theme", "render", "write"})
        CHECK(contains(v.err, stage));
    CHECK(contains(v.err, "built 8 documents: "));
    CHECK_FALSE(contains(v.err, "from the cache"));
    // With the cache (in a copy: it lives in the site folder), the documents it had are said.
    copy_site(kSites / "minimal", out / "src");
    const std::string cached =
        "build --verbose --source " + (out / "src").string() + " --output " + (out / "c").string();
    const std::string env = "NO_COLOR=1 HOME=" + out.path().string();
    CHECK(contains(run_brief(cached, env).err, "0 of 8 documents read from the cache"));
    write(out / "src/content/pages/standards.md",
          slurp(out / "src/content/pages/standards.md") + "\nOne more line.\n");
    CHECK(contains(run_brief(cached, env).err, "7 of 8 documents read from the cache"));
    auto q = run_brief("build --no-cache --quiet --source " + (kSites / "minimal").string() +
                       " --output " + (out / "b").string());
    CHECK(q.exit_code == 0);
    CHECK(q.err.empty());
    CHECK(q.out.empty());
}
