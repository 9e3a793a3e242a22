// The stages depend one way (DESIGN.md): util <- content <- feeds <- model <- render <- output
// <- pipeline <- check, serve <- cli. A file includes headers of its own stage and of the stages
// before it only; this test reads every source file of generator/ and names each include that
// goes against the direction.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>

#include "helpers.h"

using namespace brief::test;

TEST_CASE("every include of a stage names its own stage or one before it", "[architecture]") {
    const std::map<std::string, int> rank = {
        {"util", 0},   {"content", 1},  {"feeds", 2}, {"model", 3}, {"render", 4},
        {"output", 5}, {"pipeline", 6}, {"check", 7}, {"serve", 7}, {"cli", 8}};
    const std::filesystem::path root = std::filesystem::path(BRIEF_REPO_DIR) / "generator";
    const std::regex include(R"re(^\s*#\s*include\s+"([a-z_]+)/)re");
    std::size_t files = 0;
    std::vector<std::string> against;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        if (!e.is_regular_file()) continue;
        const auto rel = e.path().lexically_relative(root);
        if (rel.begin() == rel.end() || std::next(rel.begin()) == rel.end()) continue;  // main.cpp
        const std::string stage = rel.begin()->string();
        INFO(rel.string());
        REQUIRE(rank.count(stage));  // a new folder must take its place in the order
        ++files;
        std::ifstream in(e.path());
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            std::smatch m;
            if (!std::regex_search(line, m, include)) continue;
            const std::string dep = m[1];
            auto it = rank.find(dep);
            if (it == rank.end() || dep == stage) continue;
            // check and serve are siblings: neither may include the other.
            if (it->second >= rank.at(stage))
                against.push_back(rel.generic_string() + ":" + std::to_string(n) + ": " + line);
        }
    }
    CHECK(files > 100);
    CHECK(against == std::vector<std::string>{});
}
