// brief sources add|import|export: add a watched feed from its web page, bring in a reader's
// OPML subscription list, and give the desk's feeds out as OPML. sources.yaml is edited as text:
// the new entries are appended, every byte the editor wrote stays.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <set>
#include <string>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "content/site_config.h"
#include "feeds/discover.h"
#include "feeds/opml.h"
#include "feeds/sources.h"
#include "feeds/sources_edit.h"
#include "util/dates.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/url.h"

namespace brief::cli {
namespace {

const char* kSources = "brief sources";
const char* kDefaultSourceKind = "aggregator";

// True when the space-separated `words` holds `word`.
bool has_word(std::string_view words, std::string_view word) {
    for (std::string_view w : split(words, ' '))
        if (w == word) return true;
    return false;
}

// Why `kind` is not a source kind, or "".
std::string kind_error(const std::string& kind) {
    const auto& kinds = source_kinds();
    if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) return {};
    std::string list;
    for (const auto& k : kinds) list += (list.empty() ? "" : ", ") + k;
    std::string near = nearest(kind, kinds);
    return "--kind: '" + kind + "' is not a source kind (" + list + ")" +
           (near.empty() ? "" : "; did you mean '" + near + "'?");
}

// Appends `entries` to <root>/sources.yaml, read again now (the editor may have saved it since
// it was checked), and writes it; prints why not and returns the exit code.
int append_and_save(const std::filesystem::path& root, const std::vector<SourceConfig>& entries,
                    SourcesAppend& edit, const char* command) {
    Diagnostics diags;
    std::string text;
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(root / "sources.yaml", ec))) {
        auto read = read_site_file(root, "sources.yaml", diags);
        print_diagnostics(diags);
        if (!read) {
            std::fprintf(stderr, "%s %s: cannot read sources.yaml\n", kSources, command);
            return kExitIo;
        }
        text = std::move(*read);
    }
    Result<SourcesAppend> appended = append_sources(text, entries);
    if (!appended) {
        std::fprintf(stderr, "%s %s: %s\n", kSources, command, appended.error().c_str());
        return kExitContent;
    }
    edit = std::move(*appended);
    if (Status saved = save_sources_text(root, edit.text); !saved) {
        std::fprintf(stderr, "%s %s: %s\n", kSources, command, saved.error().c_str());
        return kExitIo;
    }
    return kExitOk;
}

// Why `id` cannot be a new source's id among `existing`, or "".
std::string taken_id(const std::vector<SourceConfig>& existing, const std::string& id,
                     const std::string& how) {
    for (const auto& s : existing)
        if (s.id == id)
            return "the id '" + id + "'" + how + " is taken: sources.yaml line " +
                   std::to_string(s.line) + " is '" + s.name + "'; choose another with --id";
    return {};
}

void print_found(const DiscoveredFeed& found) {
    const ParsedFeed& feed = found.feed;
    const FeedItem* newest = nullptr;
    std::int64_t newest_time = 0;
    for (const auto& item : feed.items) {
        auto t = item.published ? item.published : item.updated;
        if (t && (!newest || *t > newest_time)) {
            newest = &item;
            newest_time = *t;
        }
    }
    std::printf("found a feed at %s (%s)\n", found.url.c_str(), found.found_by.c_str());
    std::printf("  format:  %s\n", std::string(feed_format_name(feed.format)).c_str());
    std::printf("  title:   %s\n", feed.title.empty() ? "(none)" : feed.title.c_str());
    std::printf("  items:   %zu\n", feed.items.size());
    if (newest)
        std::printf("  newest:  %s  %s\n", format_rfc3339_utc(newest_time).c_str(),
                    newest->title.empty() ? newest->url.c_str() : newest->title.c_str());
    else
        std::printf("  newest:  (no item has a date)\n");
    for (const auto& w : feed.warnings)
        std::fprintf(stderr, "%s add: warning: %s\n", kSources, w.c_str());
}

// The source `add` appends, after saying what it found; nullopt (after saying why) when the
// feed's address or its id is taken.
std::optional<SourceConfig> new_source(const DiscoveredFeed& found,
                                       const std::vector<SourceConfig>& existing,
                                       const std::string& id, const std::string& kind, bool quiet) {
    if (!quiet) print_found(found);
    if (const SourceConfig* s = source_with_url(existing, found.url)) {
        std::fprintf(stderr, "%s add: %s is in sources.yaml already, as '%s' (line %d)\n", kSources,
                     found.url.c_str(), s->id.c_str(), s->line);
        return std::nullopt;
    }
    SourceConfig c;
    c.id = id.empty() ? source_id_for(found.feed.title, found.url) : id;
    if (std::string err = taken_id(existing, c.id, id.empty() ? " (from the feed's title)" : "");
        !err.empty()) {
        std::fprintf(stderr, "%s add: %s\n", kSources, err.c_str());
        return std::nullopt;
    }
    c.name = source_name_for(found.feed.title, found.url);
    c.url = found.url;
    c.kind = kind;
    c.lang.clear();  // not known from the feed; the reader's default applies
    return c;
}

// URL, --id and --timeout; false (after saying why) when one is wrong.
bool read_add_args(const ParsedArgs& args, std::string& url, std::string& id, int& timeout) {
    if (args.positional.size() != 2) {
        std::fprintf(stderr, "%s add: expected one URL (a feed's or a web page's)\n", kSources);
        return false;
    }
    url = args.positional[1];
    if (!is_http_url(url)) {
        std::fprintf(stderr, "%s add: '%s' is not an http or https URL\n", kSources, url.c_str());
        return false;
    }
    id = args.get("--id");
    if (args.has("--id") && !valid_source_id(id)) {
        std::fprintf(stderr,
                     "%s add: --id: '%s' is not a valid source id (use lower-case letters, "
                     "digits and '-', e.g. '%s')\n",
                     kSources, id.c_str(), source_id_for(id, "").c_str());
        return false;
    }
    if (args.has("--timeout")) {
        std::string err;
        auto v = parse_positive(args.get("--timeout"), "--timeout", err);
        if (!v) {
            std::fprintf(stderr, "%s add: %s\n", kSources, err.c_str());
            return false;
        }
        timeout = static_cast<int>(std::min(*v, 3600L));
    }
    return true;
}

int run_add(const ParsedArgs& args, const std::filesystem::path& root, const std::string& kind) {
    std::string url, id;
    int timeout = 30;
    if (!read_add_args(args, url, id, timeout)) return kExitUsage;
    const bool quiet = args.has("--quiet");
    Diagnostics diags;
    auto existing = load_sources(root, diags);
    if (diags.has_errors() || !quiet) print_diagnostics(diags);
    if (diags.has_errors()) return kExitContent;
    if (std::string err = id.empty() ? "" : taken_id(existing, id, ""); !err.empty()) {
        std::fprintf(stderr, "%s add: %s\n", kSources, err.c_str());
        return kExitContent;
    }
    if (const SourceConfig* s = source_with_url(existing, url)) {
        std::fprintf(stderr, "%s add: %s is in sources.yaml already, as '%s' (line %d)\n", kSources,
                     url.c_str(), s->id.c_str(), s->line);
        return kExitContent;
    }
    CurlFetcher http(FetcherOptions{1, {}});
    Discovery d = discover_feed(url, http, {timeout, 16u << 20});
    if (args.has("--verbose"))
        for (const auto& asked : d.asked)
            std::fprintf(stderr, "%s add: asked %s\n", kSources, asked.c_str());
    if (!d.found) {
        std::fprintf(stderr, "%s add: %s\n", kSources, d.error.c_str());
        return d.network_failure ? kExitIo : kExitContent;
    }
    auto source = new_source(*d.found, existing, id, kind, quiet);
    if (!source) return kExitContent;
    SourcesAppend edit;
    if (int rc = append_and_save(root, {*source}, edit, "add"); rc != kExitOk) return rc;
    if (!quiet)
        std::printf("added '%s' to sources.yaml at line %d:\n%s", source->id.c_str(),
                    edit.first_line, edit.added.c_str());
    return kExitOk;
}

// The new sources an OPML file brings, and the feeds it lists that the desk already watches.
struct ImportPlan {
    std::vector<SourceConfig> added;
    std::vector<std::pair<std::string, const SourceConfig*>> present;  // url, existing source
};

ImportPlan plan_import(const OpmlDocument& opml, const std::vector<SourceConfig>& existing,
                       const std::string& default_kind) {
    ImportPlan plan;
    std::set<std::string> taken;
    for (const auto& s : existing) taken.insert(s.id);
    const auto& kinds = source_kinds();
    for (const OpmlFeed& f : opml.feeds) {
        if (const SourceConfig* s = source_with_url(existing, f.xml_url)) {
            plan.present.emplace_back(f.xml_url, s);
            continue;
        }
        SourceConfig c;
        c.id = valid_source_id(f.id) && !taken.count(f.id)
                   ? f.id
                   : unused_source_id(source_id_for(f.title, f.xml_url), taken);
        taken.insert(c.id);
        c.name = source_name_for(f.title, f.xml_url);
        c.url = f.xml_url;
        c.kind =
            std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end() ? f.kind : default_kind;
        c.lang = valid_language_tag(f.language) ? f.language : std::string{};
        c.topics = f.topics;
        plan.added.push_back(std::move(c));
    }
    return plan;
}

void print_import(const ImportPlan& plan, const std::string& file, int first_line) {
    if (!plan.added.empty()) {
        std::printf("imported %zu source%s from %s into sources.yaml (from line %d):\n",
                    plan.added.size(), plan.added.size() == 1 ? "" : "s", file.c_str(), first_line);
        for (const auto& s : plan.added) {
            std::string topics;
            for (const auto& t : s.topics) topics += (topics.empty() ? "" : ", ") + t;
            std::printf("  %s  %s%s\n", s.id.c_str(), s.url.c_str(),
                        topics.empty() ? "" : ("  topics: " + topics).c_str());
        }
    }
    if (!plan.present.empty()) {
        std::printf("left out %zu already in sources.yaml:\n", plan.present.size());
        for (const auto& [url, s] : plan.present)
            std::printf("  %s  (as '%s', line %d)\n", url.c_str(), s->id.c_str(), s->line);
    }
}

int run_import(const ParsedArgs& args, const std::filesystem::path& root, const std::string& kind) {
    if (args.positional.size() != 2) {
        std::fprintf(stderr, "%s import: expected one FILE.opml\n", kSources);
        return kExitUsage;
    }
    const std::string& file = args.positional[1];
    auto bytes = read_file(file);
    if (!bytes) {
        std::fprintf(stderr, "%s import: cannot read '%s'\n", kSources, file.c_str());
        return kExitIo;
    }
    Diagnostics diags;
    auto opml = parse_opml(file, *bytes, diags);
    auto existing = opml ? load_sources(root, diags) : std::vector<SourceConfig>{};
    if (!args.has("--quiet") || diags.has_errors()) print_diagnostics(diags);
    if (diags.has_errors()) {
        std::fprintf(stderr, "%s import: nothing imported\n", kSources);
        return kExitContent;
    }
    ImportPlan plan = plan_import(*opml, existing, kind);
    if (plan.added.empty()) {
        if (!args.has("--quiet")) {
            print_import(plan, file, 0);
            std::printf("nothing to import: %s\n", opml->feeds.empty()
                                                       ? ("no feeds in " + file).c_str()
                                                       : "every feed is in sources.yaml already");
        }
        return kExitOk;
    }
    SourcesAppend edit;
    if (int rc = append_and_save(root, plan.added, edit, "import"); rc != kExitOk) return rc;
    if (!args.has("--quiet")) print_import(plan, file, edit.first_line);
    return kExitOk;
}

int run_export(const ParsedArgs& args, const std::filesystem::path& root) {
    if (args.positional.size() != 1) {
        std::fprintf(stderr, "%s export: unexpected argument '%s'\n", kSources,
                     args.positional[1].c_str());
        return kExitUsage;
    }
    Diagnostics diags;
    SiteConfig site = load_site_config(root, diags);
    std::vector<SourceConfig> sources = load_sources(root, diags);
    if (diags.has_errors() || !args.has("--quiet")) print_diagnostics(diags);
    if (diags.has_errors()) return kExitContent;
    std::string opml = write_opml(site.title, sources);
    if (!args.has("--output")) {
        std::cout << opml << std::flush;
        return kExitOk;
    }
    const std::string out = args.get("--output");
    if (Status written = write_file_atomic(out, opml); !written) {
        std::fprintf(stderr, "%s export: %s\n", kSources, written.error().c_str());
        return kExitIo;
    }
    return kExitOk;
}

}  // namespace

CommandSpec sources_spec() {
    std::string kinds;
    for (const auto& k : source_kinds()) kinds += (kinds.empty() ? "" : ", ") + k;
    CommandSpec spec;
    spec.name = "sources";
    spec.usage =
        "brief sources add URL [--id ID] [--kind KIND]\n"
        "       brief sources import FILE.opml [--kind KIND]\n"
        "       brief sources export [--output FILE]";
    spec.summary = "add a feed from its web page, import or export OPML";
    spec.details =
        "'add' takes a feed's address or a web page's: on a page it follows the feeds the\n"
        "page's <head> announces (<link rel=\"alternate\">), then tries the common paths\n"
        "/feed, /rss.xml, /atom.xml, /index.xml, /feed.xml and /feed.json. It fetches and reads\n"
        "the feed, prints its format, title, item count and newest item, and appends an entry\n"
        "to sources.yaml (its id from the feed's title unless --id is given). 'import' appends\n"
        "every feed of an OPML 1 or 2 file that sources.yaml does not list yet; the folders a\n"
        "feed is filed in and its categories become its topics. 'export' writes the enabled\n"
        "sources as OPML 2.0, the file the site publishes at /sources.opml.\n"
        "sources.yaml is edited as text: the new entries go after the last one, indented like\n"
        "it, and every comment stays. Nothing is written when the new text would not read\n"
        "back, when an id or address is taken, or when no feed is found. Exit status: 0 done,\n"
        "1 no feed found, a feed or OPML file that does not parse, a taken id or errors in\n"
        "sources.yaml, 2 usage errors, 3 when the address or a file cannot be read.";
    spec.options = common_options();
    spec.options.insert(
        spec.options.begin() + 1,
        {{"--id", "ID", "the new source's id (add)", "from the feed's title"},
         {"--kind", "KIND", "the kind of the new sources (add, import): " + kinds,
          kDefaultSourceKind},
         {"--timeout", "SECONDS", "time allowed for each request (add)", "30"},
         {"--output", "FILE", "write the OPML to FILE instead of standard output (export)", ""}});
    return spec;
}

int run_sources(const ParsedArgs& args) {
    const std::string what = args.positional.empty() ? "" : args.positional[0];
    if (what != "add" && what != "import" && what != "export") {
        std::fprintf(stderr, "%s: expected add, import or export (usage: %s)\n", kSources,
                     sources_spec().usage.c_str());
        return kExitUsage;
    }
    // The options of one subcommand, given to another, would be ignored without a word.
    static const std::pair<const char*, const char*> kOwners[] = {
        {"--id", "add"}, {"--timeout", "add"}, {"--kind", "add import"}, {"--output", "export"}};
    for (const auto& [option, owners] : kOwners) {
        if (args.has(option) && !has_word(owners, what)) {
            std::string of;
            for (std::string_view w : split(owners, ' '))
                of += (of.empty() ? "'brief sources " : " and 'brief sources ") + std::string(w) +
                      "'";
            std::fprintf(stderr, "%s %s: %s is an option of %s\n", kSources, what.c_str(), option,
                         of.c_str());
            return kExitUsage;
        }
    }
    const std::filesystem::path root = args.get("--source", ".");
    std::string kind = kDefaultSourceKind;
    if (args.has("--kind")) {
        kind = args.get("--kind");
        if (std::string err = kind_error(kind); !err.empty()) {
            std::fprintf(stderr, "%s %s: %s\n", kSources, what.c_str(), err.c_str());
            return kExitUsage;
        }
    }
    if (what == "add") return run_add(args, root, kind);
    if (what == "import") return run_import(args, root, kind);
    return run_export(args, root);
}

}  // namespace brief::cli
