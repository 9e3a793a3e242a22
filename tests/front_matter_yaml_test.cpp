// The one front-matter reader on libyaml: the YAML that editors and `brief new` write (the
// subset the old hand-written fast path took) and the YAML beyond it read as YAML says.
#include <catch2/catch.hpp>

#include "content/fields.h"
#include "content/front_matter.h"
#include "content/loader.h"
#include "content/yaml_writer.h"
#include "helpers.h"

using namespace brief;
using namespace brief::test;

namespace {

SiteConfig shanghai() {
    SiteConfig c;
    c.timezone_name = "Asia/Shanghai";
    c.timezone = *TimeZone::load("Asia/Shanghai");
    return c;
}

struct Read {
    std::optional<Document> doc;
    Diagnostics diags;
};

Read read(const std::string& extra) {
    static const SiteConfig site = shanghai();
    Read out;
    out.doc =
        parse_document("content/briefings/2026/x.md",
                       "---\ntitle: T\ndate: 2026-05-14\nkind: analysis\n" + extra + "---\nbody\n",
                       Section::briefing, site, out.diags);
    return out;
}

}  // namespace

TEST_CASE("quoted, plain and block scalars read as YAML says", "[content][yaml]") {
    CHECK(read("summary: \"esc \\\" \\\\ \\/ \\u00e9 \\x41 \\n\"\n").doc->summary ==
          "esc \" \\ / \xc3\xa9 A");
    CHECK(read("summary: 'single ''quoted'''\n").doc->summary == "single 'quoted'");
    CHECK(read("summary: plain: with colon\n").doc == std::nullopt);
    CHECK(read("summary: plain # comment\n").doc->summary == "plain");
    CHECK(read("summary: C# and F#\n").doc->summary == "C# and F#");
    CHECK(read("summary: |\n  block\n").doc->summary == "block");
    CHECK(read("summary: >\n  folded\n  text\n").doc->summary == "folded text");
    CHECK(read("summary: first line\n  continued\n").doc->summary == "first line continued");
    CHECK(read("summary: ~\n").doc->summary.empty());
    CHECK(read("summary:\n").doc->summary.empty());
    CHECK(read("summary: &anchor value\nscore_rationale: *anchor\n").doc->score_rationale ==
          "value");
    CHECK(read("summary: !!str value\n").doc->summary == "value");
    CHECK(read("summary:   spaced   \n").doc->summary == "spaced");
    CHECK(read("summary: \"caf\\u00e9 \xe5\x8d\x8e\"\n").doc->summary ==
          "caf\xc3\xa9 \xe5\x8d\x8e");
}

TEST_CASE("flow and block lists read as YAML says", "[content][yaml]") {
    CHECK(read("topics: [a, \"b, c\", 'd''e']\n").doc->topics ==
          std::vector<std::string>{"a", "b, c", "d'e"});
    CHECK(read("topics:\n- a\n- b\n").doc->topics == std::vector<std::string>{"a", "b"});
    CHECK(read("topics:\n  - a\n  -   b\n").doc->topics == std::vector<std::string>{"a", "b"});
    CHECK(read("topics: []\n").doc->topics.empty());
    CHECK(read("entities: single\n").doc->entities == std::vector<std::string>{"single"});
    CHECK(read("key_points:\n  - \"quoted: colon\"\n  - plain\n").doc->key_points ==
          std::vector<std::string>{"quoted: colon", "plain"});
    CHECK(read("aliases: [/old/, /older/]\n").doc->aliases ==
          std::vector<std::string>{"/old/", "/older/"});
}

TEST_CASE("lists of maps fill their entries, block or flow", "[content][yaml]") {
    auto r = read("sources:\n  - {title: S, url: https://example.org/}\n");
    REQUIRE(r.doc);
    REQUIRE(r.doc->sources.size() == 1);
    CHECK(r.doc->sources[0].url == "https://example.org/");
    r = read("sources:\n  - title: S\n    url: https://example.org/\n    primary: yes\n");
    REQUIRE(r.doc);
    CHECK(r.doc->sources[0].primary);
    r = read("outlook:\n  - claim: C\n    likelihood: very-likely\n    horizon: weeks\n");
    REQUIRE(r.doc);
    CHECK(r.doc->outlook[0].likelihood == Likelihood::very_likely);
    CHECK(r.doc->outlook[0].horizon == Horizon::weeks);
    r = read("faq:\n  - q: Q?\n    a: A.\n");
    REQUIRE(r.doc);
    CHECK(r.doc->faq[0].a == "A.");
}

TEST_CASE("every field of the table is a known key and nothing else is", "[content][yaml]") {
    for (const auto& f : front_matter_fields()) {
        const auto& week = front_matter_keys(Section::week);
        CHECK(std::find(week.begin(), week.end(), f.name) != week.end());
        const auto& doc = front_matter_keys(Section::briefing);
        CHECK((std::find(doc.begin(), doc.end(), f.name) != doc.end()) == !f.week_only);
    }
    CHECK(read("unknown_key: x\n").diags.items().size() == 1);
}

TEST_CASE("every entry key of the table is read, and a key beside them is a warning",
          "[content][yaml]") {
    std::size_t lists = 0;
    for (const auto& f : front_matter_fields()) {
        const auto& keys = entry_keys(f.type);
        if (keys.empty()) continue;
        ++lists;
        INFO(f.name);
        // One entry with every key, each set to a value its reader takes.
        std::string entry;
        for (const auto& k : keys) {
            std::string value = k == "url"          ? "https://example.org/a"
                                : k == "primary"    ? "true"
                                : k == "likelihood" ? "likely"
                                : k == "horizon"    ? "months"
                                                    : "Text of " + k;
            entry += (entry.empty() ? "  - " : "    ") + k + ": " + value + "\n";
        }
        Read all = read(std::string(f.name) + ":\n" + entry);
        INFO(messages(all.diags));
        REQUIRE(all.doc);
        CHECK(all.diags.items().empty());
        CHECK(entry_shape(f.type).starts_with("{" + keys.front() + ", "));

        Read extra = read(std::string(f.name) + ":\n" + entry + "    colour: red\n");
        REQUIRE(extra.diags.items().size() == 1);
        CHECK(contains(extra.diags.items()[0].message, "colour"));
        CHECK(contains(extra.diags.items()[0].message, entry_noun(f.type)));
    }
    CHECK(lists == 5);  // outlook, sources, signals, tools, faq
}

TEST_CASE("a YAML error inside a flow list names the list", "[content][yaml]") {
    auto r = read("topics: [a, b\n");
    REQUIRE(r.diags.items().size() == 1);
    CHECK(format_diagnostic(r.diags.items()[0]) ==
          "content/briefings/2026/x.md:6:1: error: invalid YAML: a list in [ ] is not closed "
          "with ']'\n"
          "    ---\n"
          "    ^\n");
    r = read("summary: \"open\n");
    REQUIRE(r.diags.items().size() == 1);
    CHECK(format_diagnostic(r.diags.items()[0]) ==
          "content/briefings/2026/x.md:5:10: error: invalid YAML: a quoted value is not closed\n"
          "    summary: \"open\n"
          "             ^\n");
}

TEST_CASE("brief new's YAML scalars read back as the text they were given", "[content][yaml]") {
    CHECK(yaml_double_quoted("He said \"hi\" \\ back") == "\"He said \\\"hi\\\" \\\\ back\"");
    CHECK(yaml_double_quoted("ctl\x01x\ttab") == "\"ctl\\x01x\\ttab\"");
    CHECK(yaml_double_quoted("") == "\"\"");
    CHECK(yaml_scalar("https://www.huawei.com/en/news/2026/11/cluster") ==
          "https://www.huawei.com/en/news/2026/11/cluster");
    CHECK(yaml_scalar("2026-05-14 09:30") == "2026-05-14 09:30");
    CHECK(yaml_scalar("a: b") == "\"a: b\"");
    CHECK(yaml_scalar("null") == "\"null\"");
    CHECK(yaml_scalar("#tag") == "\"#tag\"");
    CHECK(yaml_flow_list({"ascend", "b, c"}) == "[ascend, \"b, c\"]");
    CHECK(yaml_flow_list({}) == "[]");
    static const SiteConfig site = shanghai();
    Diagnostics d;
    const std::string title = "He said \"hi\" \\ back \x01 \xe5\x8d\x8e";
    auto doc = parse_document("content/pages/x.md",
                              "---\ntitle: " + yaml_double_quoted(title) +
                                  "\ntopics: " + yaml_flow_list({"a: b", "[x]", "c"}) + "\n---\n",
                              Section::page, site, d);
    REQUIRE(doc);
    CHECK(doc->title == title);
    CHECK(doc->topics == std::vector<std::string>{"a: b", "[x]", "c"});
}

TEST_CASE("characters libyaml reads as line breaks (NEL, U+2028, U+2029) are written escaped",
          "[content][yaml]") {
    // Found by fuzz_opml: a topic with NEL in it was written plain and read back folded.
    CHECK(yaml_scalar("pol\xC2\x85x") == "\"pol\\x85x\"");
    CHECK(yaml_scalar("a\xE2\x80\xA8"
                      "b") == "\"a\\u2028b\"");
    CHECK(yaml_double_quoted("a\xE2\x80\xA9"
                             "b") == "\"a\\u2029b\"");
    static const SiteConfig site = shanghai();
    Diagnostics d;
    const std::vector<std::string> topics = {"pol\xC2\x85x",
                                             "a\xE2\x80\xA8"
                                             "b",
                                             "c\xE2\x80\xA9"};
    auto doc = parse_document("content/pages/x.md",
                              "---\ntitle: " + yaml_scalar("t\xC2\x85u") +
                                  "\ntopics: " + yaml_flow_list(topics) + "\n---\n",
                              Section::page, site, d);
    REQUIRE(doc);
    CHECK(doc->title == "t\xC2\x85u");
    CHECK(doc->topics == topics);
}

TEST_CASE("lists nested beyond 256 levels are an error, not a crash", "[content][yaml]") {
    Diagnostics d;
    const std::string deep(100000, '[');
    CHECK_FALSE(parse_document("content/pages/x.md", "---\ntitle: " + deep + "\n---\n",
                               Section::page, shanghai(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message == "invalid YAML: lists and maps nest deeper than 256 levels");
    CHECK(d.items()[0].line == 2);
    CHECK(d.items()[0].column == 263);
}

TEST_CASE("the data files check their entries' keys and name their shape", "[content][yaml]") {
    Diagnostics d;
    auto signals = parse_signals_data("content/data/signals.yaml",
                                      "- signal: Orders\n  why: Money\n  where: Filings\n"
                                      "  layer: policy-export\n  colour: red\n- just text\n",
                                      d);
    REQUIRE(signals.size() == 1);
    CHECK(signals[0].layer == Layer::policy_export);
    REQUIRE(d.items().size() == 2);
    CHECK(contains(d.items()[0].message, "colour"));
    CHECK(d.items()[1].message == "each entry must be a map of {signal, why, where, layer}");

    Diagnostics t;
    auto tools = parse_tools_data("content/data/tools.yaml", "purpose: not a list\n", t);
    CHECK(tools.empty());
    REQUIRE(t.items().size() == 1);
    CHECK(t.items()[0].message ==
          "content/data/tools.yaml must be a list of {purpose, name, url, note}");
}
