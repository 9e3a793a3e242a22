// What bad input gets: the UTF-8 module, input files that are not UTF-8 (the real binary on a
// copy of the minimal site), exceptions that escape a command, and the slow paths of large
// inputs (heading ids).
#include <catch2/catch.hpp>

#include <stdexcept>

#include "cli/commands.h"
#include "helpers.h"
#include "render/markdown.h"
#include "util/parallel.h"
#include "util/utf8.h"

using namespace brief;
using namespace brief::test;

namespace {

const std::string kBriefing = "content/briefings/2026/ascend-roadmap.md";

// Replaces the first `from` in the site file `rel` with `to`.
void edit(const std::filesystem::path& site, const std::string& rel, const std::string& from,
          const std::string& to) {
    std::string text = slurp(site / rel);
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    write(site / rel, text.replace(at, from.size(), to));
}

// Builds the site at `site` into site/out with HOME in the temp folder.
RunResult build(const TempDir& tmp, const std::filesystem::path& site) {
    return run_brief("build --no-cache --source '" + site.string() + "' --output '" +
                         (site / "out").string() + "'",
                     "NO_COLOR=1 HOME=" + (tmp / "home").string());
}

// The build of the minimal site after `change` fails with exactly `line` (then the source line,
// the caret and the hint), exit 1, and writes nothing.
void expect_rejected(const std::function<void(const std::filesystem::path&)>& change,
                     const std::string& line) {
    TempDir tmp;
    const auto site = tmp / "site";
    copy_site(kSites / "minimal", site);
    change(site);
    RunResult r = build(tmp, site);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.starts_with(
        line + "\n" + "  hint: save the file as UTF-8 (the encoding editors call \"UTF-8\" in " +
        "their save dialog)\n"));
    CHECK_FALSE(std::filesystem::exists(site / "out"));
}

}  // namespace

TEST_CASE("the UTF-8 module finds the first byte that is not UTF-8", "[utf8]") {
    CHECK(utf8_invalid_offset("plain ascii") == std::string_view::npos);
    CHECK(utf8_invalid_offset("华为 Ascend, Café") == std::string_view::npos);
    CHECK(utf8_invalid_offset("Caf\xE9") == 3);
    CHECK(utf8_invalid_offset("ab\xC3") == 2);            // cut short
    CHECK(utf8_invalid_offset("\xC0\xAF") == 0);          // overlong '/'
    CHECK(utf8_invalid_offset("x\xED\xA0\x80") == 1);     // a UTF-16 surrogate
    CHECK(utf8_invalid_offset("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
    CHECK(is_valid_utf8("\xF0\x9F\x99\x82"));
    CHECK_FALSE(is_valid_utf8("\x80"));
}

TEST_CASE("repair replaces each bad byte with U+FFFD and counts them", "[utf8]") {
    std::size_t replaced = 0;
    CHECK(repair_utf8("Caf\xE9 \xC3\xA9\xFF\xFE!", &replaced) ==
          "Caf\xEF\xBF\xBD \xC3\xA9\xEF\xBF\xBD\xEF\xBF\xBD!");
    CHECK(replaced == 3);
    CHECK(repair_utf8("ok", &replaced) == "ok");
    CHECK(replaced == 0);
}

TEST_CASE("a truncation never splits a character", "[utf8]") {
    const std::string text = "a\xE5\x8D\x8E\xE4\xB8\xBA";  // a华为
    CHECK(utf8_boundary(text, 0) == 0);
    CHECK(utf8_boundary(text, 1) == 1);
    CHECK(utf8_boundary(text, 2) == 1);
    CHECK(utf8_boundary(text, 3) == 1);
    CHECK(utf8_boundary(text, 4) == 4);
    CHECK(utf8_boundary(text, 99) == text.size());
}

TEST_CASE("an input file that is not UTF-8 is an error at the byte's line and column", "[utf8]") {
    Diagnostics diags;
    CHECK(check_utf8_file("content/x.md", "---\ntitle: ok\n---\nCaf\xE9 au lait\n", diags) ==
          false);
    REQUIRE(diags.items().size() == 1);
    CHECK(format_diagnostic(diags.items()[0]) ==
          "content/x.md:4:4: error: byte 0xE9 is not UTF-8\n"
          "    Caf\xEF\xBF\xBD au lait\n"
          "       ^\n"
          "  hint: save the file as UTF-8 (the encoding editors call \"UTF-8\" in their save "
          "dialog)\n");
    Diagnostics none;
    CHECK(check_utf8_file("content/y.md", "华为\n", none));
    CHECK(none.items().empty());
}

TEST_CASE("a Latin-1 byte in a briefing's title fails the build with its position", "[utf8]") {
    expect_rejected(
        [](const auto& site) {
            edit(site, kBriefing, "title: Ascend roadmap", "title: Caf\xE9 roadmap");
        },
        kBriefing +
            ":2:11: error: byte 0xE9 is not UTF-8\n"
            "    title: Caf\xEF\xBF\xBD roadmap published\n"
            "              ^");
}

TEST_CASE("a Latin-1 byte in a briefing's topics fails the build with its position", "[utf8]") {
    expect_rejected(
        [](const auto& site) { edit(site, kBriefing, "[ascend, roadmap]", "[ascend, caf\xE9]"); },
        kBriefing +
            ":6:21: error: byte 0xE9 is not UTF-8\n"
            "    topics: [ascend, caf\xEF\xBF\xBD]\n"
            "                        ^");
}

TEST_CASE("a Latin-1 byte in a briefing's body fails the build with its position", "[utf8]") {
    TempDir probe;
    copy_site(kSites / "minimal", probe / "site");
    const int last = [&] {
        std::string text = slurp(probe / "site" / kBriefing);
        return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    }();
    expect_rejected(
        [](const auto& site) { write(site / kBriefing, slurp(site / kBriefing) + "Caf\xE9\n"); },
        kBriefing + ":" + std::to_string(last) + ":4: error: byte 0xE9 is not UTF-8\n" +
            "    Caf\xEF\xBF\xBD\n" + "       ^");
}

TEST_CASE("a Latin-1 byte in site.yaml fails the build with its position", "[utf8]") {
    expect_rejected(
        [](const auto& site) {
            std::string text = slurp(site / "content/site.yaml");
            write(site / "content/site.yaml", "description: Caf\xE9\n" + text);
        },
        "content/site.yaml:1:17: error: byte 0xE9 is not UTF-8\n"
        "    description: Caf\xEF\xBF\xBD\n"
        "                    ^");
}

TEST_CASE("a Latin-1 byte in a data file fails the build instead of being dropped", "[utf8]") {
    expect_rejected(
        [](const auto& site) {
            edit(site, "content/data/tools.yaml", "name: CANN", "name: Caf\xE9 CANN");
        },
        "content/data/tools.yaml:2:12: error: byte 0xE9 is not UTF-8\n"
        "      name: Caf\xEF\xBF\xBD CANN\n"
        "               ^");
}

TEST_CASE("a Latin-1 byte in a site's template fails the build with its position", "[utf8]") {
    expect_rejected(
        [](const auto& site) {
            write(site / "templates/partials/foot.mustache", "<footer>\n\xA9 Desk</footer>\n");
        },
        "templates/partials/foot.mustache:2:1: error: byte 0xA9 is not UTF-8\n"
        "    \xEF\xBF\xBD Desk</footer>\n"
        "    ^");
}

TEST_CASE("an exception that escapes a command is an internal error with exit 3", "[utf8]") {
    std::ostringstream err;
    int code = cli::run_guarded(
        "build", []() -> int { throw std::runtime_error("invalid UTF-8 byte at index 4"); }, err);
    CHECK(code == 3);
    CHECK(err.str() ==
          "brief build: internal error: invalid UTF-8 byte at index 4 (please report it)\n");

    std::ostringstream other;
    CHECK(cli::run_guarded(
              "serve", []() -> int { throw 42; }, other) == 3);
    CHECK(other.str() == "brief serve: internal error: an unknown exception (please report it)\n");

    std::ostringstream quiet;
    CHECK(cli::run_guarded(
              "check", [] { return 1; }, quiet) == 1);
    CHECK(quiet.str().empty());
}

TEST_CASE("an exception on a worker thread reaches the caller of parallel_for", "[utf8]") {
    std::vector<int> done(64, 0);
    auto run = [&] {
        parallel_for(done.size(), 4, [&](std::size_t i) {
            if (i == 17) throw std::runtime_error("item 17");
            done[i] = 1;
        });
    };
    CHECK_THROWS_WITH(run(), "item 17");
}

TEST_CASE("repeated headings get the same suffixed ids as before", "[utf8][markdown]") {
    RenderedMarkdown r =
        render_markdown("## A\n\n## A\n\n## A-1\n\n## A\n\n## !!!\n\n## Section\n");
    std::vector<std::string> ids;
    for (const auto& h : r.headings) ids.push_back(h.id);
    CHECK(ids == std::vector<std::string>{"a", "a-1", "a-1-1", "a-2", "section", "section-1"});
    CHECK(contains(r.html, "<h2 id=\"a-1-1\">A-1</h2>\n<h2 id=\"a-2\">A</h2>"));
}

TEST_CASE("twenty thousand headings with the same text get unique ids", "[utf8][markdown]") {
    std::string body;
    for (int i = 0; i < 20000; ++i) body += "## Same heading\n\n";
    RenderedMarkdown r = render_markdown(body, {false, {"same-heading-5"}});
    REQUIRE(r.headings.size() == 20000);
    CHECK(r.headings[0].id == "same-heading");
    CHECK(r.headings[5].id == "same-heading-6");
    CHECK(r.headings.back().id == "same-heading-20000");
    CHECK(contains(r.html, "<h2 id=\"same-heading-20000\">Same heading</h2>\n"));
}
