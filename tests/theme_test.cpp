// The theme: Brief's embedded theme, a site's templates/ overriding it file by file, `brief
// theme export|diff|accept`, the stale-override warning, and the unified diff behind diff.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>

#include "helpers.h"
#include "pipeline/build.h"
#include "render/theme.h"
#include "render/theme_files.h"
#include "util/dates.h"
#include "util/embedded.h"
#include "util/line_diff.h"

using namespace brief;
using namespace brief::test;
namespace fs = std::filesystem;

namespace {

std::string embedded(std::string_view rel) {
    for (const EmbeddedFile& e : embedded_theme())
        if (e.path == rel) return std::string(e.bytes);
    FAIL("no embedded " << rel);
    return {};
}

BuildResult build(const fs::path& source, const fs::path& output, bool cache = false,
                  std::span<const EmbeddedFile> theme = embedded_theme()) {
    BuildRequest r;
    r.source = source;
    r.output = output;
    r.jobs = 2;
    r.now = parse_rfc3339("2026-11-25T12:00:00+08:00")->utc_seconds;
    r.embedded_theme = theme;
    if (cache) r.cache_dir = source / ".brief-cache";
    return run_build(r);
}

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

void age(const fs::path& dir) {
    const auto past = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) fs::last_write_time(e.path(), past);
}

}  // namespace

TEST_CASE("a site without templates/ builds from the theme compiled into brief", "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "site");
    REQUIRE_FALSE(fs::exists(dir / "site/templates"));
    auto r = build(dir / "site", dir / "out");
    INFO(messages(r));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.items().empty());
    auto files = tree(dir / "out");
    CHECK(files["static/style.css"] == embedded("static/style.css"));
    CHECK(files["static/search.js"] == embedded("static/search.js"));
    CHECK(contains(files["index.html"], "<html lang=\"en\">"));
}

TEST_CASE("a templates/ holding the whole theme, byte for byte, builds the same site", "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "plain");
    copy_site(kSites / "minimal", dir / "owned");
    fs::copy(fs::path(BRIEF_REPO_DIR) / "templates", dir / "owned/templates",
             fs::copy_options::recursive);
    REQUIRE(build(dir / "plain", dir / "a").ok());
    REQUIRE(build(dir / "owned", dir / "b").ok());
    CHECK(tree(dir / "a") == tree(dir / "b"));
}

TEST_CASE("overriding one layout changes the pages of that layout only", "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "plain");
    copy_site(kSites / "minimal", dir / "site");
    std::string page = embedded("layouts/page.mustache");
    const std::string marker = "<p class=\"desk-note\">Our desk's own page layout</p>";
    page.replace(page.find("<div class=\"body\">"), 0, marker + "\n");
    write(dir / "site/templates/layouts/page.mustache", page);

    auto r = build(dir / "site", dir / "b");
    INFO(messages(r));
    REQUIRE(r.ok());
    REQUIRE(build(dir / "plain", dir / "a").ok());
    auto before = tree(dir / "a"), after = tree(dir / "b");
    REQUIRE(before.size() == after.size());
    std::vector<std::string> changed;
    for (const auto& [path, bytes] : after)
        if (before[path] != bytes) changed.push_back(path);
    CHECK(changed == std::vector<std::string>{"standards/index.html"});
    CHECK(contains(after["standards/index.html"], marker));
    // Everything else still comes from the embedded theme.
    CHECK(after["static/style.css"] == embedded("static/style.css"));
}

TEST_CASE("a site file that is not in Brief's theme is published or used as well", "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "site");
    write(dir / "site/templates/static/desk.css", ".desk { color: teal }\n");
    auto r = build(dir / "site", dir / "out");
    REQUIRE(r.ok());
    CHECK(slurp(dir / "out/static/desk.css") == ".desk { color: teal }\n");
    CHECK(slurp(dir / "out/static/style.css") == embedded("static/style.css"));
}

TEST_CASE("a template that does not parse is reported at its file, line and column, once",
          "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "site");
    // In a partial every layout includes: one diagnostic, at the partial's own line.
    write(dir / "site/templates/partials/foot.mustache",
          "<footer>\n  {{#site}}<p>{{title}}</p>\n</footer>\n");
    auto r = build(dir / "site", dir / "out");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(format_diagnostic(r.diagnostics.items()[0]) ==
          "templates/partials/foot.mustache:2:3: error: template error: Unclosed section "
          "\"site\"\n"
          "      {{#site}}<p>{{title}}</p>\n"
          "      ^\n");
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("a section closed by another name is reported at its opening tag, with a hint",
          "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "site");
    write(dir / "site/templates/partials/foot.mustache",
          "<footer>\n  {{#site}}<p>{{title}}</p>{{/sit}}\n</footer>\n");
    auto r = build(dir / "site", dir / "out");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(format_diagnostic(r.diagnostics.items()[0]) ==
          "templates/partials/foot.mustache:2:3: error: template error: Unclosed section "
          "\"site\"\n"
          "      {{#site}}<p>{{title}}</p>{{/sit}}\n"
          "      ^\n"
          "  hint: it is closed by {{/sit}}, which opens no section here\n");
}

TEST_CASE("a templates/ file or folder linking outside the site is refused and never read",
          "[theme]") {
    TempDir dir, outside;
    copy_site(kSites / "minimal", dir / "site");
    write(outside / "layouts/page.mustache", "SECRET {{> head}}");
    write(outside / "secret.css", "SECRET");

    SECTION("a folder") {
        fs::create_directories(dir / "site/templates");
        fs::create_directory_symlink(outside / "layouts", dir / "site/templates/layouts");
        auto r = build(dir / "site", dir / "out");
        REQUIRE(r.diagnostics.items().size() == 1);
        CHECK(format_diagnostic(r.diagnostics.items()[0]) ==
              "templates/layouts: error: a symbolic link to " + (outside / "layouts").string() +
                  ", outside the site folder; Brief reads only files inside the site\n"
                  "  hint: copy the file into the site instead of linking to it\n");
        CHECK_FALSE(fs::exists(dir / "out"));
    }
    SECTION("a file") {
        fs::create_directories(dir / "site/templates/static");
        fs::create_symlink(outside / "secret.css", dir / "site/templates/static/style.css");
        auto r = build(dir / "site", dir / "out");
        REQUIRE_FALSE(r.ok());
        REQUIRE(r.diagnostics.items().size() == 1);
        CHECK(r.diagnostics.items()[0].file == "templates/static/style.css");
        CHECK_FALSE(fs::exists(dir / "out"));
    }
    SECTION("templates/ itself") {
        fs::create_directory_symlink(outside.path(), dir / "site/templates");
        auto r = build(dir / "site", dir / "out");
        REQUIRE(r.diagnostics.items().size() == 1);
        CHECK(r.diagnostics.items()[0].file == "templates");
        auto e = run_brief("theme export --source " + quoted(dir / "site"));
        CHECK(e.exit_code == 2);
        CHECK(contains(e.err, "wrote nothing: templates is a symbolic link to"));
        CHECK_FALSE(fs::exists(outside / "layouts/home.mustache"));
    }
    SECTION("but a link that stays inside the site is followed") {
        write(dir / "site/assets/desk.css", ".desk {}\n");
        fs::create_directories(dir / "site/templates/static");
        fs::create_symlink("../../assets/desk.css", dir / "site/templates/static/desk.css");
        REQUIRE(build(dir / "site", dir / "out").ok());
        CHECK(slurp(dir / "out/static/desk.css") == ".desk {}\n");
    }
}

TEST_CASE("the no-change check notices a new override and a changed one", "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "site");
    age(dir / "site");
    REQUIRE(build(dir / "site", dir / "out", true).ok());
    REQUIRE(build(dir / "site", dir / "out", true).unchanged);

    std::string page = embedded("layouts/page.mustache");
    write(dir / "site/templates/layouts/page.mustache", page + "<!-- one -->\n");
    age(dir / "site");
    auto r = build(dir / "site", dir / "out", true);
    REQUIRE(r.ok());
    CHECK_FALSE(r.unchanged);
    CHECK(contains(slurp(dir / "out/standards/index.html"), "<!-- one -->"));
    REQUIRE(build(dir / "site", dir / "out", true).unchanged);

    write(dir / "site/templates/layouts/page.mustache", page + "<!-- two -->\n");
    age(dir / "site");
    r = build(dir / "site", dir / "out", true);
    CHECK_FALSE(r.unchanged);
    CHECK(contains(slurp(dir / "out/standards/index.html"), "<!-- two -->"));
}

TEST_CASE("brief theme export writes every file of the theme and its base record", "[theme]") {
    TempDir dir;
    auto r = run_brief("theme export " + quoted(dir / "t"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto files = tree(dir / "t");
    REQUIRE(files.size() == embedded_theme().size() + 1);
    for (const EmbeddedFile& e : embedded_theme()) CHECK(files[std::string(e.path)] == e.bytes);
    std::string error;
    auto base = read_theme_base(dir / "t", error);
    CHECK(error.empty());
    CHECK(base.size() == embedded_theme().size());
    CHECK(base["layouts/home.mustache"] == theme_base_hash(embedded("layouts/home.mustache")));
    CHECK(contains(r.err, std::to_string(embedded_theme().size()) + " files written to"));
}

TEST_CASE("brief theme export lists every file already there and writes nothing", "[theme]") {
    TempDir dir;
    write(dir / "t/layouts/home.mustache", "mine");
    write(dir / "t/static/style.css", "mine");
    const auto before = tree(dir / "t");
    auto r = run_brief("theme export " + quoted(dir / "t"));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "brief theme export: wrote nothing: 2 of the " +
                              std::to_string(embedded_theme().size()) + " files:\n"));
    CHECK(contains(r.err, "  " + (dir / "t/layouts/home.mustache").string() +
                              " already exists; Brief never overwrites a file\n"));
    CHECK(contains(r.err, "  " + (dir / "t/static/style.css").string() +
                              " already exists; Brief never overwrites a file\n"));
    CHECK(tree(dir / "t") == before);

    // --only copies just what is named, and adds it to the base record.
    auto one = run_brief("theme export --only layouts/page.mustache " + quoted(dir / "t"));
    CHECK(one.exit_code == 0);
    CHECK(one.out == (dir / "t/layouts/page.mustache").string() + "\n");
    CHECK(slurp(dir / "t/layouts/page.mustache") == embedded("layouts/page.mustache"));
    CHECK(tree(dir / "t").size() == before.size() + 2);  // the layout and .theme-base.json

    auto typo = run_brief("theme export --only layout/page.mustache " + quoted(dir / "t"));
    CHECK(typo.exit_code == 2);
    CHECK(typo.err ==
          "brief theme export: 'layout/page.mustache' is not a file of Brief's theme; did you "
          "mean layouts/page.mustache?\n");
}

TEST_CASE("an override whose original has changed since it was exported is a warning, once",
          "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "site");
    auto e = run_brief(
        "theme export --only layouts/page.mustache --only partials/foot.mustache "
        "--source " +
        quoted(dir / "site"));
    REQUIRE(e.exit_code == 0);
    // An override made by hand, without a record: never warned about.
    write(dir / "site/templates/layouts/home.mustache", embedded("layouts/home.mustache"));

    SECTION("with the embedded theme a build is given") {
        // Brief's next version changes page.mustache.
        std::vector<EmbeddedFile> next(embedded_theme().begin(), embedded_theme().end());
        const std::string changed = embedded("layouts/page.mustache") + "<!-- new -->\n";
        for (auto& f : next)
            if (f.path == "layouts/page.mustache") f.bytes = changed;
        auto r = build(dir / "site", dir / "out", false, next);
        REQUIRE(r.ok());
        REQUIRE(r.diagnostics.items().size() == 1);
        CHECK(format_diagnostic(r.diagnostics.items()[0]) ==
              "templates/layouts/page.mustache: warning: Brief's (theme) layouts/page.mustache "
              "has changed since this copy of it was made\n"
              "  hint: brief theme diff shows how the two differ; when your copy has the changes "
              "it needs, record that with brief theme accept layouts/page.mustache\n");
        // With the theme the copy was made from: no warning.
        CHECK(build(dir / "site", dir / "out").diagnostics.items().empty());
    }
    SECTION("with the recorded base altered, through the binary") {
        std::string error;
        auto base = read_theme_base(dir / "site/templates", error);
        REQUIRE(base.size() == 2);
        base["partials/foot.mustache"] = std::string(32, '0');
        write(dir / "site/templates/.theme-base.json", theme_base_json(base));
        const std::string args =
            "build --source " + quoted(dir / "site") + " --output " + quoted(dir / "out");
        auto r = run_brief(args);
        CHECK(r.exit_code == 0);
        CHECK(contains(r.err,
                       "templates/partials/foot.mustache: warning: Brief's (theme) "
                       "partials/foot.mustache has changed since this copy of it was made\n"));
        CHECK(contains(r.err, "1 warning"));
        CHECK(run_brief(args + " --strict").exit_code == 1);

        auto a = run_brief("theme accept partials/foot.mustache --source " + quoted(dir / "site"));
        CHECK(a.exit_code == 0);
        CHECK(a.out == "templates/partials/foot.mustache\n");
        auto clean = run_brief(args);
        CHECK(clean.exit_code == 0);
        CHECK(contains(clean.err, "0 warnings"));
        // The base record is not part of the theme: it is never published.
        CHECK_FALSE(fs::exists(dir / "out/.theme-base.json"));
        CHECK_FALSE(fs::exists(dir / "out/static/.theme-base.json"));
    }
}

TEST_CASE("brief theme diff shows how each override differs from Brief's original", "[theme]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "site");
    const std::string source = " --source " + quoted(dir / "site");

    auto none = run_brief("theme diff" + source);
    CHECK(none.exit_code == 0);
    CHECK(none.out.empty());
    CHECK(none.err == "brief theme diff: no overrides\n");

    REQUIRE(
        run_brief("theme export --only layouts/page.mustache --only layouts/home.mustache" + source)
            .exit_code == 0);
    const std::string page = embedded("layouts/page.mustache");
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < page.size();) {
        std::size_t nl = page.find('\n', at);
        lines.push_back(page.substr(at, nl - at));
        at = nl + 1;
    }
    REQUIRE(lines.size() > 8);
    std::string edited = page;
    edited.replace(0, lines[0].size(), "{{> head}}<!-- ours -->");
    write(dir / "site/templates/layouts/page.mustache", edited);

    auto r = run_brief("theme diff" + source);
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "--- (theme) layouts/page.mustache\n"
          "+++ templates/layouts/page.mustache\n"
          "@@ -1,4 +1,4 @@\n"
          "-" +
              lines[0] +
              "\n"
              "+{{> head}}<!-- ours -->\n"
              " " +
              lines[1] +
              "\n"
              " " +
              lines[2] +
              "\n"
              " " +
              lines[3] + "\n");
    CHECK(r.err == "brief theme diff: 2 overrides, 1 differs from Brief's original\n");
}

TEST_CASE("the unified diff is the one GNU diff -u prints", "[theme][diff]") {
    CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
    CHECK(unified_diff("a\nb\nc\n", "a\nB\nc\n", "x", "y") ==
          "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    CHECK(unified_diff("", "new\n", "x", "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+new\n");
    CHECK(unified_diff("a\n", "a", "x", "y") ==
          "--- x\n+++ y\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n");

    // Random edits of a real theme file, compared with /usr/bin/diff (diffutils is Essential
    // in Debian, so it is there to compare with).
    REQUIRE(fs::exists("/usr/bin/diff"));
    const std::string css = embedded("static/style.css");
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < css.size();) {
        std::size_t nl = css.find('\n', at);
        lines.push_back(css.substr(at, nl == std::string::npos ? nl : nl + 1 - at));
        at = nl == std::string::npos ? css.size() : nl + 1;
    }
    std::mt19937 rng(12);
    TempDir dir;
    for (int round = 0; round < 20; ++round) {
        std::vector<std::string> edited = lines;
        for (int k = 0; k < 1 + round % 7; ++k) {
            std::size_t at = rng() % edited.size();
            switch (rng() % 3) {
                case 0:
                    edited.erase(edited.begin() + at);
                    break;
                case 1:
                    edited.insert(edited.begin() + at, "/* added */\n");
                    break;
                default:
                    edited[at] = "changed " + std::to_string(k) + "\n";
                    break;
            }
        }
        std::string b;
        for (const auto& l : edited) b += l;
        write(dir / "a", css);
        write(dir / "b", b);
        auto gnu = std::system(("diff -u --label x --label y " + quoted(dir / "a") + " " +
                                quoted(dir / "b") + " > " + quoted(dir / "gnu"))
                                   .c_str());
        (void)gnu;
        INFO("round " << round);
        CHECK(unified_diff(css, b, "x", "y") == slurp(dir / "gnu"));
    }
}
