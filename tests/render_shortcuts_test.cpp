// The render stage's shortcuts give the same bytes as the long way round: plain inline lines
// skip the Markdown parser, and pages share the Values many of them show instead of building
// them afresh.
#include <catch2/catch.hpp>

#include <random>

#include "content/loader.h"
#include "feeds/archive.h"
#include "feeds/fetch_state.h"
#include "feeds/sources.h"
#include "helpers.h"
#include "model/site.h"
#include "pipeline/build.h"
#include "render/markdown.h"
#include "render/render.h"
#include "render/theme.h"
#include "util/dates.h"

using namespace brief;

namespace {

// What render_inline_markdown returns when it goes through cmark-gfm.
std::string through_cmark(const std::string& md) {
    std::string html = render_markdown(md).html;
    while (!html.empty() && html.back() == '\n') html.pop_back();
    if (html.starts_with("<p>") && html.ends_with("</p>") &&
        html.find("<p>", 3) == std::string::npos)
        html = html.substr(3, html.size() - 7);
    return html;
}

std::vector<Output> render_fixture(const std::filesystem::path& root, bool deep_copy) {
    Diagnostics diags;
    Content content = load_content(root, 2, diags);
    auto archive = load_archive(root, diags);
    auto sources = load_sources(root, diags);
    auto state = load_state(root, diags);
    ModelOptions opts;
    opts.now = parse_rfc3339("2026-11-25T12:00:00+08:00")->utc_seconds;
    Site site = build_site(content, archive, sources, state, opts, diags);
    Theme theme = load_theme(
        std::make_shared<const ThemeFiles>(load_theme_files(root, embedded_theme(), diags)),
        content.site.languages, "en", diags);
    RenderOptions r;
    r.jobs = 2;
    r.deep_copy_data = deep_copy;
    auto out = render_site(site, theme, r, diags);
    REQUIRE_FALSE(diags.has_errors());
    return out;
}

}  // namespace

TEST_CASE("an inline line renders the same with or without the plain-text shortcut",
          "[render][markdown]") {
    std::vector<std::string> lines = {
        "Plain words only",
        "It's \"quoted\" and 50% done (mostly); a/b = c, d ^ e {f}",
        "Ends with a question?",
        "1. A number first",
        "2026 was a year",
        "- a list",
        "+ another",
        "* star",
        "# heading",
        "> quote",
        "    indented code",
        " leading space",
        "trailing space ",
        "a *b* c",
        "a _b_ c",
        "snake_case_word",
        "a `code` b",
        "[link](https://example.org)",
        "see https://example.org now",
        "see www.example.org now",
        "mail me@example.org",
        "Tom & Jerry",
        "a < b > c",
        "a | b | c",
        "~~gone~~",
        "escaped \\* star",
        "html <b>bold</b>",
        "ratio 3:2 and http: alone",
        "华为昇腾 910C 的路线图",
        "Größe über alles — “quoted” ‘single’ …",
        "em space\u3000inside",
        "=== setext?",
        "tab\tinside",
        "emoji 🚀 ok",
        "!not an image",
        "footnote[^1]",
        "[ ] task",
    };
    std::mt19937 rng(20261122);
    const std::string alphabet = "ab AZ09.,;:-+=_*`[]()<>&!~|#@\\/\"'%^{}$wW\xc3\xa9\xe5\x8d\x8e";
    for (int n = 0; n < 3000; ++n) {
        std::string s;
        std::size_t len = 1 + rng() % 24;
        for (std::size_t k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
        lines.push_back(s);
    }
    // Mostly plain lines, which take the shortcut.
    const std::string plain = "abc XYZ019.,;:-+='\"%^{}$/()?w\xc3\xa9\xe5\x8d\x8e";
    for (int n = 0; n < 3000; ++n) {
        std::string s;
        std::size_t len = 1 + rng() % 40;
        for (std::size_t k = 0; k < len; ++k) s += plain[rng() % plain.size()];
        lines.push_back(s);
    }
    for (const auto& line : lines) {
        INFO(line);
        CHECK(render_inline_markdown(line) == through_cmark(line));
    }
}

TEST_CASE("pages that share data render exactly like pages that build it afresh", "[render]") {
    const std::filesystem::path site = test::kSites / "minimal";
    auto shared = render_fixture(site, false);
    auto copied = render_fixture(site, true);
    REQUIRE(shared.size() == copied.size());
    for (std::size_t i = 0; i < shared.size(); ++i) {
        INFO(shared[i].path);
        CHECK(shared[i].path == copied[i].path);
        CHECK(shared[i].bytes == copied[i].bytes);
    }
}
