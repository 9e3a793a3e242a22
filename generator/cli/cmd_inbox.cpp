// brief inbox: the discovered stories no briefing covers yet, newest first, one line a story.
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
        "they matched. A story several feeds carried (the same canonical URL, or the same\n"
        "title within two days) is listed once, under its earliest item, with the others as\n"
        "'also in'; a briefing that began from any of them covers them all. Start a briefing\n"
        "from one with: brief new briefing \"TITLE\" --from ID.\n"
        "'brief build --drafts' also builds this list as the /inbox/ page.";
    spec.options = common_options();
    spec.options.insert(spec.options.begin() + 1, {{"--days", "N", "how far back to look", "14"},
                                                   {"--json", "", "print the list as JSON", ""}});
    return spec;
}

namespace {

// What printing an inbox needs: the items, the sources' names, the site's time zone.
struct InboxPrinter {
    const std::vector<ArchiveItem>& archive;
    std::map<std::string, std::string> names;  // source id -> name
    const TimeZone& zone;

    std::string publisher(const ArchiveItem& it) const {
        auto n = names.find(it.source_id);
        return n == names.end() ? it.source_id : n->second;
    }

    nlohmann::ordered_json json_item(const ArchiveItem& it) const {
        return {{"id", it.id},
                {"source", it.source_id},
                {"publisher", publisher(it)},
                {"title", it.title},
                {"url", it.url},
                {"published", format_rfc3339(zone.localize(it.sort_time()))}};
    }

    void json(const std::vector<InboxEntry>& entries) const {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const InboxEntry& e : entries) {
            nlohmann::ordered_json o = json_item(archive[e.lead]);
            o["matched"] = archive[e.lead].matched;
            o["also_in"] = nlohmann::ordered_json::array();
            for (std::size_t i : e.also) o["also_in"].push_back(json_item(archive[i]));
            out.push_back(std::move(o));
        }
        std::printf("%s\n", out.dump(2).c_str());
    }

    void text(const std::vector<InboxEntry>& entries, int days) const {
        if (entries.empty()) {
            std::printf(
                "Nothing waiting: every item of the last %d days is covered by a briefing.\n",
                days);
            return;
        }
        std::size_t copies = 0;
        for (const InboxEntry& e : entries) {
            const ArchiveItem& it = archive[e.lead];
            LocalDateTime l = zone.localize(it.sort_time()).local();
            std::string matched, also;
            for (const auto& m : it.matched) matched += (matched.empty() ? "" : ", ") + m;
            for (std::size_t i : e.also)
                also += (also.empty() ? "" : ", ") + publisher(archive[i]) + " (id " +
                        archive[i].id + ")";
            std::printf("%s  %-20s  %s\n", format_date(l.date).c_str(),
                        publisher(it).substr(0, 20).c_str(), it.title.c_str());
            std::printf("            %s\n", it.url.c_str());
            std::printf("            id %s%s%s\n", it.id.c_str(),
                        matched.empty() ? "" : "  matched: ", matched.c_str());
            if (!also.empty()) std::printf("            also in %s\n", also.c_str());
            copies += e.also.size();
        }
        std::printf("%zu item%s from the last %d days not covered by a briefing", entries.size(),
                    entries.size() == 1 ? "" : "s", days);
        if (copies)
            std::printf(" (and %zu cop%s of them in other feeds)", copies,
                        copies == 1 ? "y" : "ies");
        std::printf(".\n");
    }
};

}  // namespace

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
    InboxPrinter print{archive, {}, content.site.timezone};
    for (const auto& s : sources) print.names[s.id] = s.name;
    auto entries =
        inbox_entries(archive, ArchiveIndex(archive), content.documents, build_time_now(), days);
    if (args.has("--json"))
        print.json(entries);
    else
        print.text(entries, days);
    return kExitOk;
}

}  // namespace brief::cli
