// New entries appended to sources.yaml as text: the editor's bytes kept, the file's own
// indentation and spacing followed, the result read back before it is handed out.
#include <catch2/catch.hpp>

#include "feeds/sources_edit.h"
#include "helpers.h"

using namespace brief;

namespace {

SourceConfig entry(std::string id, std::string url, std::vector<std::string> topics = {}) {
    SourceConfig s;
    s.id = std::move(id);
    s.name = "Lantern Street Chips";
    s.url = std::move(url);
    s.kind = "aggregator";
    s.lang.clear();
    s.topics = std::move(topics);
    return s;
}

const std::string kCommented = std::string(test::kSourcesYaml) + "# the end of the list\n";

}  // namespace

TEST_CASE("an appended entry keeps every byte of the file and follows its blank lines",
          "[sources]") {
    auto r = append_sources(kCommented, {entry("lantern", "https://lantern.example.net/atom.xml",
                                               {"chips", "export controls"})});
    REQUIRE(r.ok());
    CHECK(r->text == kCommented +
                         "\n"
                         "  - id: lantern\n"
                         "    name: Lantern Street Chips\n"
                         "    url: https://lantern.example.net/atom.xml\n"
                         "    kind: aggregator\n"
                         "    topics: [chips, export controls]\n");
    CHECK(r->first_line == 19);
    CHECK(r->added ==
          "  - id: lantern\n    name: Lantern Street Chips\n    url: "
          "https://lantern.example.net/atom.xml\n    kind: aggregator\n    topics: [chips, export "
          "controls]\n");
}

TEST_CASE("a compact file gets a compact entry in its own columns", "[sources]") {
    const std::string text =
        "sources:\n"
        "- id: a\n"
        "  name: A\n"
        "  url: https://a.example/feed\n"
        "  kind: research\n"
        "- id: b\n"
        "  name: B\n"
        "  url: https://b.example/feed\n"
        "  kind: research\n";
    auto r = append_sources(text, {entry("c", "https://c.example/feed")});
    REQUIRE(r.ok());
    CHECK(r->text == text +
                         "- id: c\n"
                         "  name: Lantern Street Chips\n"
                         "  url: https://c.example/feed\n"
                         "  kind: aggregator\n");
}

TEST_CASE("an entry with a wide dash gap, CRLF line endings and no final newline", "[sources]") {
    const std::string text =
        "sources:\r\n"
        "    -   id: a\r\n"
        "        name: A\r\n"
        "        url: https://a.example/feed\r\n"
        "        kind: research";
    auto r = append_sources(text, {entry("c", "https://c.example/feed")});
    REQUIRE(r.ok());
    CHECK(r->text == text +
                         "\r\n\r\n"
                         "    -   id: c\r\n"
                         "        name: Lantern Street Chips\r\n"
                         "        url: https://c.example/feed\r\n"
                         "        kind: aggregator\r\n");
}

TEST_CASE("a missing, empty or comment-only sources.yaml gets its sources list", "[sources]") {
    const std::string added =
        "sources:\n"
        "  - id: c\n"
        "    name: Lantern Street Chips\n"
        "    url: https://c.example/feed\n"
        "    kind: aggregator\n";
    CHECK(append_sources("", {entry("c", "https://c.example/feed")})->text == added);
    CHECK(append_sources("# feeds go here\n", {entry("c", "https://c.example/feed")})->text ==
          "# feeds go here\n" + added);
    CHECK(append_sources("sources:\n", {entry("c", "https://c.example/feed")})->text ==
          "sources:\n"
          "  - id: c\n"
          "    name: Lantern Street Chips\n"
          "    url: https://c.example/feed\n"
          "    kind: aggregator\n");
}

TEST_CASE("several entries go in together, each read back", "[sources]") {
    auto r = append_sources(kCommented, {entry("one", "https://one.example/feed"),
                                         entry("two", "https://two.example/feed")});
    REQUIRE(r.ok());
    Diagnostics diags;
    auto sources = parse_sources("sources.yaml", r->text, diags);
    REQUIRE(sources.size() == 4);
    CHECK(sources[2].id == "one");
    CHECK(sources[3].id == "two");
    CHECK(sources[3].line == r->first_line + 5);
    CHECK(r->text.substr(0, kCommented.size()) == kCommented);
}

TEST_CASE("an entry goes before a key that follows the list, with that key's comments",
          "[sources]") {
    const std::string list =
        "sources:\n"
        "  - id: a\n"
        "    name: A\n"
        "    url: https://a.example/feed\n"
        "    kind: research\n";
    const std::string rest =
        "\n"
        "# Not read by Brief.\n"
        "notes: kept as it is\n";
    auto r = append_sources(list + rest, {entry("c", "https://c.example/feed")});
    REQUIRE(r.ok());
    CHECK(r->text == list +
                         "\n"
                         "  - id: c\n"
                         "    name: Lantern Street Chips\n"
                         "    url: https://c.example/feed\n"
                         "    kind: aggregator\n" +
                         rest);
}

TEST_CASE("a flow-style list, a file with errors and an id that is taken are refused",
          "[sources]") {
    auto flow =
        append_sources("sources: [{id: a, name: A, url: 'https://a.example/', kind: research}]\n",
                       {entry("c", "https://c.example/feed")});
    CHECK(flow.error() ==
          "sources.yaml writes its list in flow style ([…]): Brief appends only to a block "
          "list, one '- id: …' entry after another");
    CHECK_FALSE(flow.ok());
    auto broken = append_sources("sources:\n  - id: a\n    kind: nonsense\n",
                                 {entry("c", "https://c.example/feed")});
    CHECK(broken.error() == "sources.yaml has errors; fix them first");
    auto taken = append_sources(kCommented, {entry("fab-news", "https://c.example/feed")});
    CHECK(taken.error() ==
          "the new entries would not read back as written; add them by hand:\n"
          "  - id: fab-news\n"
          "    name: Lantern Street Chips\n"
          "    url: https://c.example/feed\n"
          "    kind: aggregator\n");
    CHECK_FALSE(taken.ok());
}

TEST_CASE("names that need quoting are quoted and read back the same", "[sources]") {
    SourceConfig s = entry("q", "https://q.example/feed?a=1#top");
    // DEL, U+FEFF and U+FFFF: YAML reads them only escaped.
    s.name = "Chips: the #1 \"weekly\" — 芯片 \x7f \xEF\xBB\xBF \xEF\xBF\xBF";
    s.topics = {"a, b", "[c]", "plain\xEF\xBF\xBE", "://x", "a:b", "-x", "?y"};
    s.lang = "zh";
    s.enabled = false;
    auto r = append_sources(kCommented, {s});
    REQUIRE(r.ok());
    Diagnostics diags;
    auto sources = parse_sources("sources.yaml", r->text, diags);
    REQUIRE(sources.size() == 3);
    CHECK(sources[2].name == s.name);
    CHECK(sources[2].url == s.url);
    CHECK(sources[2].topics == s.topics);
    CHECK(sources[2].lang == "zh");
    CHECK_FALSE(sources[2].enabled);
}

TEST_CASE("a new source's id comes from its title, else its host", "[sources]") {
    CHECK(source_id_for("Tom's Hardware", "https://x.example/") == "toms-hardware");
    CHECK(source_id_for("  华为 News ", "https://x.example/") == "news");
    CHECK(source_id_for("华为", "https://www.Example.COM:8443/feed") == "example-com");
    CHECK(source_id_for("", "https://user@feeds.example.org/rss") == "feeds-example-org");
    CHECK(source_id_for("US Federal Register — Bureau of Industry and Security documents", "") ==
          "us-federal-register-bureau-of-industry");
    CHECK(source_id_for("", "") == "source");
    CHECK(source_name_for("  ", "https://www.example.com/feed") == "www.example.com");
    CHECK(unused_source_id("a", {"b"}) == "a");
    CHECK(unused_source_id("a", {"a", "a-2"}) == "a-3");
}

TEST_CASE("a source is found by its address in canonical form", "[sources]") {
    std::vector<SourceConfig> sources = {entry("a", "https://A.example/feed?utm_source=x")};
    CHECK(source_with_url(sources, "https://a.example/feed") == &sources[0]);
    CHECK(source_with_url(sources, "https://a.example/other") == nullptr);
}
