#include <catch2/catch.hpp>

#include "content/front_matter.h"
#include "content/site_config.h"

using namespace brief;

namespace {

SiteConfig shanghai_site() {
    SiteConfig s;
    s.timezone = *TimeZone::load("Asia/Shanghai");
    s.timezone_name = "Asia/Shanghai";
    return s;
}

std::string all_messages(const Diagnostics& d) {
    std::string out;
    for (const auto& item : d.items()) out += format_diagnostic(item);
    return out;
}

const char* kValid =
    "---\n"
    "title: \"Huawei shows a dated Ascend roadmap\"\n"
    "date: 2026-09-18 10:00\n"
    "kind: news\n"
    "summary: Four chips, three generations.\n"
    "topics: [ascend, roadmap]\n"
    "entities: [华为]\n"
    "layer: silicon-roadmap\n"
    "key_points:\n  - First point\n  - Second *point*\n"
    "outlook:\n  - claim: The 950PR ships on time\n    likelihood: likely\n    horizon: months\n"
    "score: 7.5\n"
    "sources:\n  - title: Keynote\n    publisher: Huawei\n    url: "
    "https://www.huawei.com/en/news/\n    primary: true\n"
    "signals:\n  - signal: Orderable 950PR servers\n    why: Shipping beats slides\n    where: "
    "Vendor catalogues\n"
    "tools:\n  - purpose: Porting\n    name: CANN\n    url: https://www.hiascend.com/\n"
    "faq:\n  - q: Is it shipping?\n    a: Not yet.\n"
    "lang: en\n"
    "---\n"
    "Body starts here.\n";

}  // namespace

TEST_CASE("front matter is split at its two fence lines", "[content]") {
    Diagnostics d;
    auto s = split_front_matter("x.md", "---\ntitle: A\n---\nbody\nmore\n", d);
    REQUIRE(s);
    CHECK(s->yaml == "title: A\n");
    CHECK(s->body == "body\nmore\n");
    CHECK(s->yaml_line == 2);
    CHECK(s->body_line == 4);
    CHECK(d.items().empty());
}

TEST_CASE("a byte-order mark and CRLF line ends are accepted", "[content]") {
    Diagnostics d;
    auto s = split_front_matter("x.md", "\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nbody\r\n", d);
    REQUIRE(s);
    CHECK(s->body == "body\r\n");
}

TEST_CASE("a valid briefing is read into every typed field", "[content]") {
    Diagnostics d;
    auto doc = parse_document("content/briefings/2026/ascend.md", kValid, Section::briefing,
                              shanghai_site(), d);
    INFO(all_messages(d));
    REQUIRE(doc);
    CHECK(d.items().empty());
    CHECK(doc->title == "Huawei shows a dated Ascend roadmap");
    CHECK(format_rfc3339_utc(doc->date->utc_seconds) == "2026-09-18T02:00:00Z");
    CHECK(doc->kind == Kind::news);
    CHECK(doc->topics == std::vector<std::string>{"ascend", "roadmap"});
    CHECK(doc->entities == std::vector<std::string>{"华为"});
    CHECK(doc->layer == Layer::silicon_roadmap);
    CHECK(doc->key_points.size() == 2);
    REQUIRE(doc->outlook.size() == 1);
    CHECK(doc->outlook[0].likelihood == Likelihood::likely);
    CHECK(doc->outlook[0].horizon == Horizon::months);
    CHECK(*doc->score == 7.5);
    REQUIRE(doc->sources.size() == 1);
    CHECK(doc->sources[0].primary);
    CHECK(doc->signals.at(0).where == "Vendor catalogues");
    CHECK(doc->tools.at(0).name == "CANN");
    CHECK(doc->faq.at(0).a == "Not yet.");
    CHECK(doc->slug == "ascend");
    CHECK(doc->body == "Body starts here.\n");
    CHECK(doc->body_line == 35);
}

TEST_CASE("a bad date names the file, line and column and shows the line", "[content]") {
    Diagnostics d;
    std::string text =
        "---\ntitle: T\ndate: 2026-13-02\nsources: [{title: S, url: https://a.example/}]\n---\n";
    auto doc = parse_document("content/briefings/2026/tencent-capex.md", text, Section::briefing,
                              shanghai_site(), d);
    CHECK_FALSE(doc);
    REQUIRE(d.items().size() == 1);
    CHECK(format_diagnostic(d.items()[0]) ==
          "content/briefings/2026/tencent-capex.md:3:7: error: date: '2026-13-02' is not a date "
          "(expected 2026-05-14, 2026-05-14 09:30 or 2026-05-14T09:30:00+08:00)\n"
          "    date: 2026-13-02\n"
          "          ^\n");
}

TEST_CASE("a briefing without a title is an error at the start of the file", "[content]") {
    Diagnostics d;
    std::string text = "---\ndate: 2026-05-14\nkind: analysis\n---\nBody\n";
    CHECK_FALSE(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(
        format_diagnostic(d.items()[0]) ==
        "content/briefings/2026/x.md:1:1: error: missing required key 'title' in the front matter\n"
        "    ---\n"
        "    ^\n"
        "  hint: add a line such as: title: \"Huawei shows its Ascend roadmap\"\n");
}

TEST_CASE("a misspelled key is a warning with the nearest known key", "[content]") {
    Diagnostics d;
    std::string text = "---\ntitle: T\ndate: 2026-05-14\nkind: analysis\nsumary: Oops\n---\n";
    auto doc =
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d);
    CHECK(doc);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].severity == Severity::warning);
    CHECK(format_diagnostic(d.items()[0]) ==
          "content/briefings/2026/x.md:5:1: warning: unknown key 'sumary' in the front matter\n"
          "    sumary: Oops\n"
          "    ^\n"
          "  hint: did you mean 'summary'?\n");
}

TEST_CASE("front matter that is never closed asks for the closing fence", "[content]") {
    Diagnostics d;
    std::string text = "---\ntitle: T\ndate: 2026-05-14\n\nBody text\n";
    CHECK_FALSE(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(format_diagnostic(d.items()[0]) ==
          "content/briefings/2026/x.md:1:1: error: the front matter opened on line 1 is never "
          "closed\n"
          "    ---\n"
          "    ^\n"
          "  hint: did you forget the closing '---' after the last field?\n");
}

TEST_CASE("a file without front matter says how to start one", "[content]") {
    Diagnostics d;
    CHECK_FALSE(parse_document("content/pages/x.md", "# Just Markdown\n", Section::page,
                               shanghai_site(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message == "the file does not start with front matter");
}

TEST_CASE("a news briefing without sources is an error", "[content]") {
    Diagnostics d;
    std::string text = "---\ntitle: T\ndate: 2026-05-14\n---\n";
    CHECK_FALSE(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(format_diagnostic(d.items()[0]) ==
          "content/briefings/2026/x.md:1:1: error: a news briefing needs at least one source\n"
          "    ---\n"
          "    ^\n"
          "  hint: add sources: with at least one {title, publisher, url, primary: true}\n");
}

TEST_CASE("enum values outside their set are errors with a suggestion", "[content]") {
    Diagnostics d;
    std::string text =
        "---\ntitle: T\ndate: 2026-05-14\nkind: analysys\nlayer: efficency\n"
        "outlook:\n  - claim: C\n    likelihood: probable\n    horizon: decades\n---\n";
    CHECK_FALSE(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    REQUIRE(d.items().size() == 4);
    CHECK(format_diagnostic(d.items()[0]) ==
          "content/briefings/2026/x.md:4:7: error: kind: 'analysys' is not one of news, analysis, "
          "guide, explainer\n"
          "    kind: analysys\n"
          "          ^\n"
          "  hint: did you mean 'analysis'?\n");
    CHECK(d.items()[1].message ==
          "layer: 'efficency' is not one of silicon-roadmap, cloud-packaging, efficiency, "
          "policy-export");
    CHECK(d.items()[1].line == 5);
    CHECK(d.items()[2].message ==
          "outlook.likelihood: 'probable' is not one of very-likely, likely, possible, unlikely");
    CHECK(d.items()[2].line == 8);
    CHECK(d.items()[2].column == 17);
    CHECK(d.items()[3].message == "outlook.horizon: 'decades' is not one of weeks, months, years");
}

TEST_CASE("a source URL must be an absolute http(s) URL", "[content]") {
    Diagnostics d;
    std::string text =
        "---\ntitle: T\ndate: 2026-05-14\nsources:\n  - title: S\n    url: "
        "www.example.com/x\n---\n";
    CHECK_FALSE(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(format_diagnostic(d.items()[0]) ==
          "content/briefings/2026/x.md:6:10: error: sources.url: 'www.example.com/x' is not an "
          "absolute http(s) URL\n"
          "        url: www.example.com/x\n"
          "             ^\n"
          "  hint: write the full address, starting with https://\n");
}

TEST_CASE("wrong types are reported at the value", "[content]") {
    Diagnostics d;
    std::string text =
        "---\ntitle: [a, b]\ndate: 2026-05-14\nkind: analysis\nscore: eleven\ndraft: maybe\n---\n";
    CHECK_FALSE(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    REQUIRE(d.items().size() == 3);
    CHECK(d.items()[0].message == "title: expected text, found a list");
    CHECK(d.items()[0].line == 2);
    CHECK(d.items()[1].message == "score: expected a number, found 'eleven'");
    CHECK(d.items()[2].message == "draft: expected true or false, found 'maybe'");
}

TEST_CASE("a YAML syntax error points into the file, not into the front matter", "[content]") {
    Diagnostics d;
    std::string text = "---\ntitle: T\ndate: 2026-05-14\ntopics: [a, b\n---\n";
    CHECK_FALSE(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message.starts_with("invalid YAML: "));
    CHECK(d.items()[0].line >= 4);
}

TEST_CASE("every problem in a file is collected, not just the first", "[content]") {
    Diagnostics d;
    std::string text = "---\ndate: 2026-02-30\nkind: bogus\nlang: not a tag\n---\n";
    CHECK_FALSE(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    CHECK(d.error_count() == 4);  // date, kind, lang, missing title
}

TEST_CASE("site.yaml with an unknown time zone is an error with a hint", "[content]") {
    Diagnostics d;
    parse_site_config("content/site.yaml",
                      "title: T\nbase_url: https://x.example/\ntimezone: Asia/Shangai\n", d);
    REQUIRE(d.items().size() == 1);
    CHECK(format_diagnostic(d.items()[0]) ==
          "content/site.yaml:3:11: error: timezone: 'Asia/Shangai' is not a time zone of the tz "
          "database\n"
          "    timezone: Asia/Shangai\n"
          "              ^\n"
          "  hint: use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC\n");
}

TEST_CASE("a draft news briefing may be saved before it has a source", "[content]") {
    Diagnostics d;
    std::string text = "---\ntitle: T\ndate: 2026-05-14\ndraft: true\n---\n";
    CHECK(
        parse_document("content/briefings/2026/x.md", text, Section::briefing, shanghai_site(), d));
    CHECK(d.items().empty());
}
