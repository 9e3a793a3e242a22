// brief feed inspect --json keeps its documented schema: the same keys, in the same order,
// whatever new constructs the parser learns to read.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "helpers.h"

using namespace brief::test;

namespace {

std::string home(const TempDir& dir) {
    return "NO_COLOR=1 HOME='" + dir.path().string() + "'";
}

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
    std::vector<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
    return out;
}

}  // namespace

TEST_CASE("brief feed inspect --json prints the same keys for every feed format", "[feeds]") {
    TempDir scratch;
    for (const char* name : {"rss2.xml", "atom.xml", "atom-entry.xml", "rss1.rdf",
                             "xml-base-enclosure.xml", "jsonfeed11.json"}) {
        INFO(name);
        std::string path = std::string(BRIEF_TEST_FIXTURES) + "/feeds/" + name;
        RunResult r = run_brief(
            "feed inspect '" + path + "' --json --base-url https://inspect.example.com/feed",
            home(scratch));
        REQUIRE(r.exit_code == 0);
        auto j = nlohmann::ordered_json::parse(r.out);
        CHECK(keys(j) == std::vector<std::string>{"format", "title", "link", "items", "warnings"});
        REQUIRE_FALSE(j["items"].empty());
        for (const auto& item : j["items"])
            CHECK(keys(item) == std::vector<std::string>{"id", "title", "url", "published",
                                                         "updated", "author", "summary_text",
                                                         "summary_html", "categories"});
    }
}

TEST_CASE("brief feed inspect lists an item's enclosures in its text output", "[feeds]") {
    TempDir scratch;
    std::string path = std::string(BRIEF_TEST_FIXTURES) + "/feeds/xml-base-enclosure.xml";
    RunResult r = run_brief("feed inspect '" + path + "'", home(scratch));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("   enclosure:  https://media.example.net/files/episode-12.mp3 (audio/mpeg)\n"
                     "   enclosure:  https://podcast.example.com/shows/weekly/episode-12.pdf "
                     "(application/pdf)\n") != std::string::npos);
}
