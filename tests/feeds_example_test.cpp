// The example site's feed data: sources.yaml, the demo archive in content/feeds/ (in exactly
// the form brief fetch writes) and state.json, plus the briefings that began from its items.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "content/site_config.h"
#include "feeds/archive.h"
#include "feeds/fetch_state.h"
#include "feeds/sources.h"
#include "util/fs.h"
#include "util/text.h"

using namespace brief;

namespace {

std::string diagnostics_text(const Diagnostics& d) {
    std::string out;
    for (const auto& x : d.items()) out += format_diagnostic(x);
    return out;
}

}  // namespace

TEST_CASE("the example sources.yaml lists at least ten enabled feeds without a diagnostic",
          "[feeds]") {
    Diagnostics diags;
    auto sources = load_sources(BRIEF_REPO_DIR, diags);
    CHECK(diagnostics_text(diags) == "");
    auto enabled = std::count_if(sources.begin(), sources.end(),
                                 [](const SourceConfig& s) { return s.enabled; });
    CHECK(enabled >= 10);
}

TEST_CASE("the example archive is in the canonical form brief fetch writes", "[feeds]") {
    Diagnostics diags;
    SiteConfig site = load_site_config(BRIEF_REPO_DIR, diags);
    auto sources = load_sources(BRIEF_REPO_DIR, diags);
    std::set<std::string> source_ids;
    for (const auto& s : sources) source_ids.insert(s.id);
    auto files = list_files(std::string(BRIEF_REPO_DIR) + "/content/feeds", ".jsonl");
    REQUIRE(files.size() >= 4);
    std::size_t count = 0;
    for (const auto& path : files) {
        std::string name = path.filename().string();
        auto text = read_file(path);
        REQUIRE(text);
        Diagnostics file_diags;
        auto items = parse_archive_file(name, *text, file_diags);
        INFO(name);
        CHECK(diagnostics_text(file_diags) == "");
        std::string rewritten;
        for (const auto& item : items) rewritten += serialize_item(item) + "\n";
        CHECK(rewritten == *text);  // fixed key order, one object a line
        CHECK(std::is_sorted(items.begin(), items.end(), archive_order));
        for (const auto& item : items) {
            INFO(item.url);
            CHECK(archive_file_name(item, site.timezone) == name);
            CHECK(source_ids.count(item.source_id) == 1);
            bool real_guid = !item.guid.empty() && item.guid != item.url;
            CHECK(item.id ==
                  archive_item_id(item.source_id, real_guid ? item.guid : "", item.canonical_url));
            CHECK(item.summary_text.size() <= 303);
        }
        count += items.size();
    }
    CHECK(count >= 30);
    for (const char* week : {"2026-W45", "2026-W46", "2026-W47", "2026-W48"})
        CHECK(std::any_of(files.begin(), files.end(), [&](const auto& p) {
            return p.filename().string() == std::string(week) + ".jsonl";
        }));
    Diagnostics state_diags;
    auto state = load_state(BRIEF_REPO_DIR, state_diags);
    CHECK(diagnostics_text(state_diags) == "");
    for (const auto& [id, s] : state) CHECK(source_ids.count(id) == 1);
}

TEST_CASE("every briefing's discovered_from names an item of the example archive", "[feeds]") {
    Diagnostics diags;
    std::set<std::string> known;
    for (const auto& item : load_archive(BRIEF_REPO_DIR, diags)) {
        known.insert(item.url);
        known.insert(item.id);
    }
    int checked = 0;
    for (const auto& path : list_files(std::string(BRIEF_REPO_DIR) + "/content/briefings", ".md")) {
        std::istringstream in(read_file(path).value_or(""));
        std::string line;
        while (std::getline(in, line)) {
            if (!line.starts_with("discovered_from:")) continue;
            std::string value(trim(std::string_view(line).substr(16)));
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\''))
                value = value.substr(1, value.size() - 2);
            INFO(path.string() << ": " << value);
            CHECK(known.count(value) == 1);
            ++checked;
        }
    }
    CHECK(checked >= 1);
}
