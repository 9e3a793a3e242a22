// brief build --report: what a deploy step reads.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "helpers.h"

using namespace brief::test;

namespace {
const std::string kEnv = "SOURCE_DATE_EPOCH=1795572000 NO_COLOR=1";
}  // namespace

TEST_CASE("the build report lists counts, stages and the files added, changed and removed",
          "[report]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "src");
    const std::string build = "build --source " + (dir / "src").string() + " --output " +
                              (dir / "site").string() + " --report " +
                              (dir / "report.json").string();
    REQUIRE(run_brief(build, kEnv).exit_code == 0);
    auto first = nlohmann::json::parse(slurp(dir / "report.json"));
    CHECK(first["ok"] == true);
    CHECK(first["counts"]["documents"] == 8);
    CHECK(first["counts"]["documents_cached"] == 0);
    CHECK(first["counts"]["pages_by_kind"]["briefings"] == 3);
    CHECK(first["counts"]["feeds"].get<int>() >= 4);
    // "check" looks whether anything changed since the last build (see build.cpp).
    std::vector<std::string> stages;
    for (const auto& st : first["stages"]) stages.push_back(st["name"]);
    CHECK(stages ==
          std::vector<std::string>{"check", "load", "feeds", "model", "theme", "render", "write"});
    CHECK(first["files"]["added"].size() == first["counts"]["files"]);
    CHECK(first["files"]["removed"].empty());

    // Edit one briefing's body and delete another: the report names exactly those changes.
    write(dir / "src/content/briefings/2026/cluster-online.md",
          slurp(dir / "src/content/briefings/2026/cluster-online.md") + "\nOne more sentence.\n");
    std::filesystem::remove(dir / "src/content/briefings/2026/ascend-fahrplan.md");
    REQUIRE(run_brief(build, kEnv).exit_code == 0);
    auto second = nlohmann::json::parse(slurp(dir / "report.json"));
    // Only the edited briefing's front matter is read again.
    CHECK(second["counts"]["documents"] == 7);
    CHECK(second["counts"]["documents_cached"] == 6);
    auto changed = second["files"]["changed"].get<std::vector<std::string>>();
    auto removed = second["files"]["removed"].get<std::vector<std::string>>();
    CHECK(std::find(changed.begin(), changed.end(), "briefings/cluster-online/index.html") !=
          changed.end());
    CHECK(removed == std::vector<std::string>{"briefings/ascend-fahrplan/index.html"});
    CHECK(second["files"]["added"].empty());
}

TEST_CASE("a failed build still writes its report, with positions", "[report]") {
    TempDir dir;
    auto r = run_brief("build --no-cache --source " + (kSites / "invalid/bad-date").string() +
                           " --output " + (dir / "site").string() + " --report " +
                           (dir / "report.json").string(),
                       kEnv);
    CHECK(r.exit_code == 1);
    auto report = nlohmann::json::parse(slurp(dir / "report.json"));
    CHECK(report["ok"] == false);
    REQUIRE(report["diagnostics"].size() == 1);
    CHECK(report["diagnostics"][0]["file"] == "content/briefings/2026/tencent-capex.md");
    CHECK(report["diagnostics"][0]["line"] == 3);
    CHECK(report["diagnostics"][0]["column"] == 7);
    CHECK(report["diagnostics"][0]["severity"] == "error");
}
