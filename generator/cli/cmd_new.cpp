// brief new: start a briefing (optionally from a discovered feed item) or this week's note.

#include <cstdio>
#include <fstream>
#include <map>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "cli/week_note.h"
#include "content/fields.h"
#include "content/front_matter.h"
#include "content/site_config.h"
#include "content/yaml_writer.h"
#include "feeds/archive.h"
#include "feeds/sources.h"
#include "model/archive_index.h"
#include "pipeline/build.h"
#include "util/fs.h"
#include "util/safe_paths.h"
#include "util/text.h"

namespace brief::cli {
namespace {

std::string local_stamp(const Timestamp& t) {
    LocalDateTime l = t.local();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", l.date.year, l.date.month,
                  l.date.day, l.hour, l.minute);
    return buf;
}

// Writes `text` to `path` only if nothing is there (util/fs.h create_file).
int write_new_file(const std::filesystem::path& root, const std::string& shown,
                   const std::string& text) {
    const std::filesystem::path path = root / shown;
    // Never through a link out of the site's content/ folder (util/safe_paths.h).
    if (std::string why = write_refusal(root / "content", path, /*replace=*/true); !why.empty()) {
        std::fprintf(stderr, "brief new: %s\n", why.c_str());
        return kExitUsage;
    }
    if (Status made = create_file(path, text); !made) {
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
            std::fprintf(stderr,
                         "brief new: %s exists already; brief new never overwrites a file\n"
                         "  hint: pick another title, or edit the existing file\n",
                         shown.c_str());
            return kExitContent;
        }
        std::fprintf(stderr, "brief new: %s\n", made.error().c_str());
        return kExitIo;
    }
    std::printf("%s\n", shown.c_str());
    return kExitOk;
}

int new_briefing(const ParsedArgs& args, const std::filesystem::path& root,
                 const SiteConfig& site) {
    if (args.positional.size() != 2) {
        std::fprintf(stderr,
                     "brief new briefing: give the title in quotes: brief new briefing \"Huawei "
                     "ships …\"\n");
        return kExitUsage;
    }
    const std::string title(trim(args.positional[1]));
    std::string kind = args.get("--kind", "news");
    if (!enum_value(kKindNames, kind)) {
        std::fprintf(stderr,
                     "brief new: --kind must be news, analysis, guide or explainer, not '%s'\n",
                     kind.c_str());
        return kExitUsage;
    }
    std::string lang = args.get("--lang");
    if (!lang.empty() && !is_language_tag(lang)) {
        std::fprintf(stderr, "brief new: --lang '%s' is not a language tag (use en, de, zh, …)\n",
                     lang.c_str());
        return kExitUsage;
    }
    std::string slug = slugify(title);
    if (slug.empty()) {
        std::fprintf(stderr,
                     "brief new: the title '%s' gives an empty slug; use letters or digits\n",
                     title.c_str());
        return kExitUsage;
    }

    const ArchiveItem* item = nullptr;
    std::vector<ArchiveItem> archive;
    std::vector<SourceConfig> sources;
    if (args.has("--from")) {
        Diagnostics diags;
        archive = load_archive(root, diags);
        sources = load_sources(root, diags);
        if (auto i = ArchiveIndex(archive).find(args.get("--from"))) item = &archive[*i];
        if (!item) {
            std::fprintf(stderr,
                         "brief new: no discovered item has the id or URL '%s'\n"
                         "  hint: 'brief inbox' lists recent items with their ids\n",
                         args.get("--from").c_str());
            return kExitContent;
        }
    }
    const SourceConfig* source = nullptr;
    if (item)
        for (const auto& s : sources)
            if (s.id == item->source_id) source = &s;

    Timestamp now = site.timezone.localize(build_time_now());
    // The fields a new briefing starts with, in the order the file lists them (each a field of
    // content/fields.h, which tests/front_matter_yaml_test.cpp checks).
    std::vector<std::pair<std::string, std::string>> fields = {
        {"title", yaml_double_quoted(title)},
        {"date", yaml_scalar(local_stamp(now))},
        {"kind", yaml_scalar(kind)}};
    if (!lang.empty()) fields.push_back({"lang", yaml_scalar(lang)});
    fields.push_back({"summary", yaml_double_quoted("")});
    fields.push_back(
        {"topics", yaml_flow_list(source ? source->topics : std::vector<std::string>{})});
    fields.push_back({"key_points", yaml_flow_list({})});
    fields.push_back({"watch", yaml_flow_list({})});
    if (item) {
        // The item as the one source, its keys in the field table's order.
        const std::map<std::string, std::string> from_item = {
            {"title", yaml_double_quoted(item->title.empty() ? item->url : item->title)},
            {"publisher", yaml_double_quoted(source ? source->name : item->source_id)},
            {"url", yaml_scalar(item->url)},
            {"primary", "true"}};
        std::string entry;
        for (const auto& key : entry_keys(FieldType::sources))
            if (auto it = from_item.find(key); it != from_item.end())
                entry += (entry.empty() ? "\n  - " : "\n    ") + key + ": " + it->second;
        fields.push_back({"sources", entry});
        fields.push_back({"discovered_from", yaml_scalar(item->id)});
    } else {
        // Without a source a news briefing cannot be published; it starts as a draft.
        fields.push_back({"sources", "\n  []"});  // an empty block list, as it always was
        fields.push_back({"draft", "true"});
    }
    std::string yaml;
    for (const auto& [key, value] : fields)
        yaml +=
            (yaml.empty() ? "" : "\n") + key + ":" + (value.starts_with('\n') ? "" : " ") + value;

    // Guidance goes in YAML comments: raw HTML comments would show as text on the page.
    std::string guide =
        item ? "# Started from \"" + item->title + "\" (" +
                   (source ? source->name : item->source_id) +
                   "). Write it in your own words; the quote below is the feed's.\n"
             : "# Add at least one source {title, publisher, url, primary: true}, then "
               "remove draft: true.\n";
    std::string text = "---\n" + guide + yaml + "\n---\n";
    if (item && !item->summary_text.empty()) text += "> " + item->summary_text + "\n\n";
    text += "## What happened\n\n\n## Why it matters\n\n\n## What to watch next\n\n";

    std::string rel =
        "content/briefings/" + std::to_string(now.local().date.year) + "/" + slug + ".md";
    return write_new_file(root, rel, text);
}

}  // namespace

std::string week_note_text(const IsoWeek& week) {
    const std::string yaml = "title: " + yaml_double_quoted("The week of " + week.str()) +
                             "\nsummary: " + yaml_double_quoted("") +
                             "\nmore_usable: []\nless_reliable: []";
    return "---\n# What changed this week for builders: a paragraph or two below, and the two "
           "lists.\n" +
           yaml + "\n---\n";
}

namespace {

int new_week(const std::filesystem::path& root, const SiteConfig& site) {
    Timestamp now = site.timezone.localize(build_time_now());
    IsoWeek week = iso_week(now.local().date);
    std::string text = week_note_text(week);
    std::string rel = "content/weeks/" + week.str() + ".md";
    return write_new_file(root, rel, text);
}

}  // namespace

CommandSpec new_spec() {
    CommandSpec spec;
    spec.name = "new";
    spec.usage =
        "brief new briefing \"TITLE\" [--from ITEM_ID_OR_URL] [--kind K] [--lang L]\n       brief "
        "new week";
    spec.summary = "start a briefing (from a discovered item) or this week's note";
    spec.details =
        "'new briefing' writes content/briefings/YYYY/<slug>.md with the front matter filled in:\n"
        "the date now in the site's time zone, the slug from the title. With --from, the\n"
        "discovered item (its archive id or URL; see 'brief inbox') becomes the first source,\n"
        "its feed the publisher, its source's topics the topics, and its summary a starting\n"
        "quote. Without --from the briefing starts as a draft until it has a source.\n"
        "'new week' writes this ISO week's note, content/weeks/YYYY-Www.md.\n"
        "Neither ever overwrites an existing file. SOURCE_DATE_EPOCH, when set, is 'now'.";
    spec.options = common_options();
    spec.options.insert(
        spec.options.begin() + 1,
        {{"--from", "ITEM", "start from a discovered item: its archive id or URL", ""},
         {"--kind", "K", "news, analysis, guide or explainer", "news"},
         {"--lang", "L", "the briefing's language (BCP 47)", "the site's language"}});
    return spec;
}

int run_new(const ParsedArgs& args) {
    std::filesystem::path root = args.get("--source", ".");
    if (args.positional.empty() ||
        (args.positional[0] != "briefing" && args.positional[0] != "week")) {
        std::fprintf(
            stderr,
            "brief new: say what to start: 'brief new briefing \"TITLE\"' or 'brief new week'\n");
        return kExitUsage;
    }
    Diagnostics diags;
    SiteConfig site = load_site_config(root, diags);
    if (diags.has_errors()) {
        print_diagnostics(diags);
        return kExitContent;
    }
    if (args.positional[0] == "week") {
        if (args.positional.size() != 1 || args.has("--from") || args.has("--kind") ||
            args.has("--lang")) {
            std::fprintf(stderr, "brief new week: takes no title and no --from/--kind/--lang\n");
            return kExitUsage;
        }
        return new_week(root, site);
    }
    return new_briefing(args, root, site);
}

}  // namespace brief::cli
