// sources.yaml: fields, defaults and compiler-style diagnostics; state.json round trip.
#include <catch2/catch.hpp>

#include "feeds/fetch_state.h"
#include "feeds/sources.h"
#include "util/diagnostic.h"

using namespace brief;

namespace {

std::string all_diagnostics(const Diagnostics& d) {
    std::string out;
    for (const auto& x : d.items()) out += format_diagnostic(x);
    return out;
}

}  // namespace

TEST_CASE("a valid sources.yaml gives every field, with defaults", "[feeds]") {
    Diagnostics diags;
    auto sources = parse_sources("sources.yaml", R"(sources:
  - id: xinhua-en
    name: Xinhua English
    url: https://english.news.cn/rss/worldrss.xml
    kind: state-media
    lang: en
    topics: [policy, compute]
    include: [chip, semiconductor, 芯片]
    exclude: smartphone
    timeout: 20
  - id: hf-blog
    name: Hugging Face blog
    url: https://huggingface.co/blog/feed.xml
    kind: model-hub
    enabled: false
)",
                                 diags);
    CHECK(all_diagnostics(diags) == "");
    REQUIRE(sources.size() == 2);
    CHECK(sources[0].id == "xinhua-en");
    CHECK(sources[0].kind == "state-media");
    CHECK(sources[0].topics == std::vector<std::string>{"policy", "compute"});
    CHECK(sources[0].include == std::vector<std::string>{"chip", "semiconductor", "芯片"});
    CHECK(sources[0].exclude == std::vector<std::string>{"smartphone"});
    CHECK(sources[0].timeout_seconds == 20);
    CHECK(sources[0].enabled);
    CHECK(sources[0].line == 2);
    CHECK(sources[1].lang == "en");
    CHECK_FALSE(sources[1].enabled);
    CHECK(sources[1].timeout_seconds == 0);
}

TEST_CASE("a misspelt kind is an error with the nearest kind as a hint", "[feeds]") {
    Diagnostics diags;
    auto sources = parse_sources("sources.yaml", R"(sources:
  - id: a
    name: A
    url: https://a.example.com/feed
    kind: state-meda
)",
                                 diags);
    CHECK(sources.empty());
    CHECK(all_diagnostics(diags) ==
          "sources.yaml:5:11: error: kind: 'state-meda' is not one of official, state-media, "
          "company, research, model-hub, aggregator\n"
          "        kind: state-meda\n"
          "              ^\n"
          "  hint: did you mean 'state-media'?\n");
}

TEST_CASE("an unknown key is a warning naming the nearest known key", "[feeds]") {
    Diagnostics diags;
    auto sources = parse_sources("sources.yaml", R"(sources:
  - id: a
    name: A
    url: https://a.example.com/feed
    kind: company
    inclde: [x]
)",
                                 diags);
    CHECK(sources.size() == 1);
    CHECK(all_diagnostics(diags) ==
          "sources.yaml:6:5: warning: unknown key 'inclde' in source 'a'\n"
          "        inclde: [x]\n"
          "        ^\n"
          "  hint: did you mean 'include'?\n");
}

TEST_CASE("a non-http URL, a missing name and a duplicate id are errors", "[feeds]") {
    Diagnostics diags;
    parse_sources("sources.yaml", R"(sources:
  - id: a
    name: A
    url: ftp://a.example.com/feed
    kind: company
  - id: b
    url: https://b.example.com/feed
    kind: company
  - id: c
    name: C
    url: https://c.example.com/feed
    kind: company
  - id: c
    name: C again
    url: https://c2.example.com/feed
    kind: company
)",
                  diags);
    CHECK(all_diagnostics(diags) ==
          "sources.yaml:4:10: error: url: 'ftp://a.example.com/feed' is not an http or https URL\n"
          "        url: ftp://a.example.com/feed\n"
          "             ^\n"
          "  hint: Brief fetches only http:// and https:// feeds\n"
          "sources.yaml:6:5: error: missing required key 'name' in source 'b'\n"
          "      - id: b\n"
          "        ^\n"
          "sources.yaml:13:9: error: id: 'c' is used by two sources\n"
          "      - id: c\n"
          "            ^\n"
          "  hint: the first is at line 9; give each source its own id\n");
}

TEST_CASE("a bad timeout and a bad id are errors with a suggested fix", "[feeds]") {
    Diagnostics diags;
    parse_sources("sources.yaml", R"(sources:
  - id: Tom's Hardware
    name: T
    url: https://t.example.com/feed
    kind: aggregator
    timeout: soon
)",
                  diags);
    CHECK(all_diagnostics(diags) ==
          "sources.yaml:2:9: error: id: 'Tom's Hardware' is not a valid source id\n"
          "      - id: Tom's Hardware\n"
          "            ^\n"
          "  hint: use lower-case letters, digits and '-', e.g. 'toms-hardware'\n"
          "sources.yaml:6:14: error: timeout: expected a number, found 'soon'\n"
          "        timeout: soon\n"
          "                 ^\n");
}

TEST_CASE("broken YAML in sources.yaml names the line", "[feeds]") {
    Diagnostics diags;
    parse_sources("sources.yaml", "sources:\n  - id: a\n    name: [unclosed\n", diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].file == "sources.yaml");
    CHECK(diags.items()[0].line >= 3);
    CHECK(diags.items()[0].message.starts_with("invalid YAML:"));
}

TEST_CASE("an empty or missing sources.yaml means no sources", "[feeds]") {
    Diagnostics diags;
    CHECK(parse_sources("sources.yaml", "", diags).empty());
    CHECK(parse_sources("sources.yaml", "sources:\n", diags).empty());
    CHECK(load_sources("/nonexistent/site", diags).empty());
    CHECK(diags.items().empty());
}

TEST_CASE("state.json round-trips, and a broken one is a warning, not a failure", "[feeds]") {
    std::map<std::string, SourceState> state;
    SourceState s;
    s.etag = "\"abc\"";
    s.last_modified = "Tue, 24 Nov 2026 02:00:00 GMT";
    s.last_status = 304;
    s.last_success = 1795564800;  // 2026-11-25T00:00:00Z
    s.last_attempt = 1795564800;
    s.retry_after = 1795568400;  // 2026-11-25T01:00:00Z
    state["xinhua-en"] = s;
    state["a-first"] = SourceState{};
    std::string text = serialize_state(state);
    CHECK(text.find("\"a-first\"") < text.find("\"xinhua-en\""));
    CHECK(text.find("\"retry_after\": \"2026-11-25T01:00:00Z\"") != std::string::npos);
    Diagnostics diags;
    auto back = parse_state("state.json", text, diags);
    CHECK(diags.items().empty());
    REQUIRE(back.count("xinhua-en"));
    CHECK(back["xinhua-en"].etag == s.etag);
    CHECK(back["xinhua-en"].last_modified == s.last_modified);
    CHECK(back["xinhua-en"].last_status == 304);
    CHECK(back["xinhua-en"].retry_after == s.retry_after);
    CHECK_FALSE(back["a-first"].last_success);

    auto broken = parse_state("content/feeds/state.json", "{not json", diags);
    CHECK(broken.empty());
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].severity == Severity::warning);
}
