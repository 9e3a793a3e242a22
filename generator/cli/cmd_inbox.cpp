// brief inbox: the discovered items no briefing covers yet, newest first.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "content/loader.h"
#include "feeds/archive.h"
#include "feeds/sources.h"
#include "model/archive_index.h"
#include "model/inbox.h"
#include "pipeline/build.h"

namespace brief::cli {

CommandSpec inbox_spec() {
    CommandSpec spec;
    spec.name = "inbox";
    spec.usage = "brief inbox [--days N] [--json]";
    spec.summary = "list discovered items that no briefing covers yet";
    spec.details =
        "The editor's to-do list: the items the feeds brought in the last N days that no\n"
        "briefing (drafts included) names in discovered_from, newest first, with the keywords\n"
        "they matched. Start a briefing from one with: brief new briefing \"TITLE\" --from ID.\n"
        "'brief build --drafts' also builds this list as the /inbox/ page.";
    spec.options = common_options();
    spec.options.insert(spec.options.begin() + 1, {{"--days", "N", "how far back to look", "14"},
                                                   {"--json", "", "print the list as JSON", ""}});
    return spec;
}

int run_inbox(const ParsedArgs& args) {
    std::filesystem::path root = args.get("--source", ".");
    int days = 14;
    if (args.has("--days")) {
        std::string err;
        auto n = parse_positive(args.get("--days"), "--days", err);
        if (!n) {
            std::fprintf(stderr, "brief inbox: %s\n", err.c_str());
            return kExitUsage;
        }
        days = static_cast<int>(*n);
    }
    Diagnostics diags;
    Content content = load_content(root, 0, diags);
    std::vector<SourceConfig> sources = load_sources(root, diags);
    std::vector<ArchiveItem> archive = load_archive(root, diags);
    if (!args.has("--quiet")) print_diagnostics(diags);
    std::map<std::string, std::string> names;
    for (const auto& s : sources) names[s.id] = s.name;
    const std::int64_t now = build_time_now();
    auto items = inbox_items(archive, ArchiveIndex(archive), content.documents, now, days);
    const TimeZone& zone = content.site.timezone;

    if (args.has("--json")) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (std::size_t i : items) {
            const ArchiveItem& it = archive[i];
            out.push_back(
                {{"id", it.id},
                 {"source", it.source_id},
                 {"publisher", names.count(it.source_id) ? names[it.source_id] : it.source_id},
                 {"title", it.title},
                 {"url", it.url},
                 {"published", format_rfc3339(zone.localize(it.sort_time()))},
                 {"matched", it.matched}});
        }
        std::printf("%s\n", out.dump(2).c_str());
        return kExitOk;
    }
    if (items.empty()) {
        std::printf("Nothing waiting: every item of the last %d days is covered by a briefing.\n",
                    days);
        return kExitOk;
    }
    for (std::size_t i : items) {
        const ArchiveItem& it = archive[i];
        LocalDateTime l = zone.localize(it.sort_time()).local();
        std::string matched;
        for (const auto& m : it.matched) matched += (matched.empty() ? "" : ", ") + m;
        std::printf(
            "%s  %-20s  %s\n", format_date(l.date).c_str(),
            (names.count(it.source_id) ? names[it.source_id] : it.source_id).substr(0, 20).c_str(),
            it.title.c_str());
        std::printf("            %s\n", it.url.c_str());
        std::printf("            id %s%s%s\n", it.id.c_str(),
                    matched.empty() ? "" : "  matched: ", matched.c_str());
    }
    std::printf("%zu item%s from the last %d days not covered by a briefing.\n", items.size(),
                items.size() == 1 ? "" : "s", days);
    return kExitOk;
}

}  // namespace brief::cli
