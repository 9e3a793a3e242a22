#include <catch2/catch.hpp>

#include "render/markdown.h"
#include "util/text.h"

using namespace brief;

TEST_CASE("headings get stable, unique id anchors", "[markdown]") {
    auto r = render_markdown("## What happened\n\ntext\n\n## What happened\n\n### 华为 昇腾\n");
    CHECK(r.html.find("<h2 id=\"what-happened\">What happened</h2>") != std::string::npos);
    CHECK(r.html.find("<h2 id=\"what-happened-1\">What happened</h2>") != std::string::npos);
    CHECK(r.html.find("<h3 id=\"华为-昇腾\">华为 昇腾</h3>") != std::string::npos);
    REQUIRE(r.headings.size() == 3);
    CHECK(r.headings[2].level == 3);
}

TEST_CASE("heading ids avoid the ids a layout uses", "[markdown]") {
    MarkdownOptions o;
    o.reserved_ids = {"sources"};
    auto r = render_markdown("## Sources\n", o);
    CHECK(r.html == "<h2 id=\"sources-1\">Sources</h2>\n");
}

TEST_CASE("GFM tables, strikethrough, autolinks, task lists and footnotes render", "[markdown]") {
    auto r = render_markdown(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.org\n\n- [x] "
        "done\n\nNote[^1]\n\n[^1]: The note.\n");
    CHECK(r.html.find("<table>") != std::string::npos);
    CHECK(r.html.find("<del>old</del>") != std::string::npos);
    CHECK(r.html.find("<a href=\"https://example.org\">https://example.org</a>") !=
          std::string::npos);
    CHECK(r.html.find("type=\"checkbox\"") != std::string::npos);
    CHECK(r.html.find("class=\"footnotes\"") != std::string::npos);
}

TEST_CASE("raw HTML is escaped unless the site allows it", "[markdown]") {
    const char* md = "<script>alert(1)</script>\n\nHello <b>bold</b>\n";
    auto escaped = render_markdown(md);
    CHECK(escaped.html.find("<script>") == std::string::npos);
    CHECK(escaped.html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(escaped.html.find("Hello &lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
    MarkdownOptions allow;
    allow.allow_html = true;
    auto raw = render_markdown("Hello <b>bold</b>\n", allow);
    CHECK(raw.html == "<p>Hello <b>bold</b></p>\n");
}

TEST_CASE("javascript: links are dropped when raw HTML is not allowed", "[markdown]") {
    auto r = render_markdown("[x](javascript:alert(1))\n");
    CHECK(r.html.find("javascript:") == std::string::npos);
}

TEST_CASE("one line renders without its paragraph", "[markdown]") {
    CHECK(render_inline_markdown("Some *emphasis* and `code`") ==
          "Some <em>emphasis</em> and <code>code</code>");
    CHECK(markdown_to_text("Some *emphasis* and [a link](https://x.example/)") ==
          "Some emphasis and a link");
}

TEST_CASE("slugs are stable and keep other scripts readable", "[text]") {
    CHECK(slugify("Huawei's Ascend 910C: what changed?") == "huaweis-ascend-910c-what-changed");
    CHECK(slugify("华为，昇腾") == "华为-昇腾");
    CHECK(slugify("  export   controls ") == "export-controls");
    CHECK(slugify("H200 — approvals") == "h200-approvals");
}

TEST_CASE("plain summaries are cut at a word boundary", "[text]") {
    CHECK(truncate_words("one two three four", 100) == "one two three four");
    CHECK(truncate_words("alpha beta gamma delta", 12) == "alpha beta…");
    CHECK(truncate_words("a\n\n  b", 10) == "a b");
}
