// brief fetch: watches the sources of sources.yaml and keeps the week-by-week archive.
#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "content/site_config.h"
#include "feeds/archive.h"
#include "feeds/fetch.h"
#include "feeds/sources.h"
#include "util/diagnostic.h"

namespace brief::cli {

namespace {

const char* kFetch = "brief fetch";

std::string status_text(const SourceReport& r) {
    switch (r.outcome) {
        case FetchOutcome::skipped:
            return "skipped";
        case FetchOutcome::not_due:
            return "not due";
        case FetchOutcome::backing_off:
            return "backoff";
        case FetchOutcome::gone:
            return "gone";
        default:
            return r.status == 0 ? "-" : std::to_string(r.status);
    }
}

// ", 2 not due, 1 gone": the sources not asked, by why; "" when every source was asked.
std::string not_asked_text(const FetchReport& report) {
    std::string out;
    for (const auto& kind : {std::pair{FetchOutcome::not_due, "not due"},
                             std::pair{FetchOutcome::backing_off, "backing off"},
                             std::pair{FetchOutcome::gone, "gone"},
                             std::pair{FetchOutcome::skipped, "asked to wait (Retry-After)"}}) {
        auto n = std::count_if(report.sources.begin(), report.sources.end(),
                               [&](const SourceReport& r) { return r.outcome == kind.first; });
        if (n > 0) out += ", " + std::to_string(n) + " " + kind.second;
    }
    return out;
}

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", s);
    return buf;
}

struct Colors {
    const char* green = "";
    const char* yellow = "";
    const char* red = "";
    const char* dim = "";
    const char* bold = "";
    const char* reset = "";
    explicit Colors(bool on) {
        if (!on) return;
        green = "\033[32m";
        yellow = "\033[33m";
        red = "\033[31m";
        dim = "\033[2m";
        bold = "\033[1m";
        reset = "\033[0m";
    }
    const char* of(const SourceReport& r) const {
        switch (r.outcome) {
            case FetchOutcome::fetched:
                return green;
            case FetchOutcome::not_modified:
            case FetchOutcome::not_due:
                return dim;
            case FetchOutcome::skipped:
            case FetchOutcome::backing_off:
            case FetchOutcome::gone:
                return yellow;
            default:
                return red;
        }
    }
};

std::string pad(const std::string& s, std::size_t width, bool right = false) {
    // Width in code points, so CJK source names do not skew the columns too far.
    std::size_t cps = 0;
    for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
    if (cps >= width) return s;
    std::string fill(width - cps, ' ');
    return right ? fill + s : s + fill;
}

void print_table(const FetchReport& report, bool color) {
    Colors c(color);
    std::size_t w = 6;
    for (const auto& r : report.sources) w = std::max(w, r.id.size());
    std::printf("%s%s  %s  %s  %s  %s  %s  %s%s\n", c.bold, pad("source", w).c_str(),
                pad("status", 7).c_str(), pad("new", 5, true).c_str(),
                pad("updated", 7, true).c_str(), pad("total", 6, true).c_str(),
                pad("seconds", 7, true).c_str(), "error", c.reset);
    int added = 0, updated = 0, unchanged = 0;
    for (const auto& r : report.sources) {
        added += r.added;
        updated += r.updated;
        unchanged += r.outcome == FetchOutcome::not_modified;
        std::printf("%s  %s%s%s  %s  %s  %s  %s  %s\n", pad(r.id, w).c_str(), c.of(r),
                    pad(status_text(r), 7).c_str(), c.reset,
                    pad(std::to_string(r.added), 5, true).c_str(),
                    pad(std::to_string(r.updated), 7, true).c_str(),
                    pad(std::to_string(r.total), 6, true).c_str(),
                    pad(seconds_text(r.seconds), 7, true).c_str(), r.error.c_str());
    }
    std::printf(
        "%d of %zu sources answered (%d unchanged, 304 Not Modified), %d failed%s; %d new "
        "items, %d updated\n",
        report.answered(), report.sources.size(), unchanged, report.failed(),
        not_asked_text(report).c_str(), added, updated);
}

void print_progress(const SourceReport& r, std::size_t done, std::size_t total, bool color) {
    Colors c(color);
    std::string what;
    switch (r.outcome) {
        case FetchOutcome::fetched:
            what = std::to_string(r.added) + " new, " + std::to_string(r.updated) + " updated";
            break;
        case FetchOutcome::not_modified:
            what = "unchanged";
            break;
        default:
            what = r.error;
            break;
    }
    std::fprintf(stderr, "[%zu/%zu] %s%s%s %s %s(%s s)\n", done, total, c.of(r),
                 status_text(r).c_str(), c.reset, r.id.c_str(), what.c_str(),
                 seconds_text(r.seconds).c_str());
}

}  // namespace

CommandSpec fetch_spec() {
    CommandSpec spec;
    spec.name = "fetch";
    spec.usage = "brief fetch [--only ID...] [--jobs N] [--timeout SECONDS] [--force] [options]";
    spec.summary = "fetch the watched feeds of sources.yaml into the archive (content/feeds/)";
    spec.details =
        "Fetches every enabled source in parallel with conditional requests (ETag and\n"
        "Last-Modified from content/feeds/state.json), reads RSS, Atom and JSON Feed, keeps the\n"
        "items that pass each source's include / exclude keywords, and merges them into\n"
        "content/feeds/YYYY-Www.jsonl (ISO weeks in the site's time zone). A source that fails\n"
        "keeps its archive; the others go on. Brief asks at most two requests of one host at\n"
        "once, and does not ask a source before its Cache-Control / Expires (at most a week),\n"
        "its Retry-After or its backoff (after failures in a row: 15 minutes doubling, at most a\n"
        "day) says, nor again after a 410 Gone; --force asks anyway. A source redirected\n"
        "permanently on three fetches in a row is named with its new URL, for sources.yaml.\n"
        "Exit status: 0 when at least one source answered or none is failing, 3 when none\n"
        "answered and some failed or are backing off or gone (with --strict, when any is), 1\n"
        "for errors in sources.yaml, 2 for usage errors.";
    spec.options = common_options();
    spec.options.insert(
        spec.options.begin() + 1,
        {{"--only", "ID", "fetch only this source (repeatable)", "every enabled source", true},
         {"--jobs", "N", "sources fetched at once", "8"},
         {"--timeout", "SECONDS", "time allowed for each feed (a source's own timeout wins)", "30"},
         {"--max-size", "MIB", "largest feed accepted, in MiB after decompression", "16"},
         {"--force", "", "ask every source now: not due, backing off, gone or Retry-After", ""},
         {"--strict", "", "exit 3 when any source failed, is backing off or is gone", ""}});
    return spec;
}

namespace {

// --jobs, --timeout and --max-size; false (after saying why) on a bad value.
bool read_settings(const ParsedArgs& args, FetchSettings& settings) {
    std::string err;
    if (args.has("--jobs")) {
        auto v = parse_positive(args.get("--jobs"), "--jobs", err);
        if (!v) {
            std::fprintf(stderr, "%s: %s\n", kFetch, err.c_str());
            return false;
        }
        settings.jobs = static_cast<int>(std::min(*v, 64L));
    }
    if (args.has("--timeout")) {
        auto v = parse_positive(args.get("--timeout"), "--timeout", err);
        if (!v) {
            std::fprintf(stderr, "%s: %s\n", kFetch, err.c_str());
            return false;
        }
        settings.timeout_seconds = static_cast<int>(std::min(*v, 3600L));
    }
    if (args.has("--max-size")) {
        auto v = parse_positive(args.get("--max-size"), "--max-size", err);
        if (!v) {
            std::fprintf(stderr, "%s: %s\n", kFetch, err.c_str());
            return false;
        }
        settings.max_bytes = static_cast<std::size_t>(std::min(*v, 1024L)) << 20;
    }
    return true;
}

// The sources --only names, or every enabled one; nullopt (after saying why) for an --only
// that names no source.
std::optional<std::vector<SourceConfig>> select_sources(const ParsedArgs& args,
                                                        const std::vector<SourceConfig>& sources) {
    std::vector<SourceConfig> selected;
    std::vector<std::string> only = args.all("--only");
    std::vector<std::string> ids;
    for (const auto& s : sources) ids.push_back(s.id);
    for (const auto& id : only) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            std::string near = nearest(id, ids);
            std::fprintf(stderr, "%s: --only: no source has the id '%s' in sources.yaml%s\n",
                         kFetch, id.c_str(),
                         near.empty() ? "" : (" (did you mean '" + near + "'?)").c_str());
            return std::nullopt;
        }
    }
    for (const auto& s : sources) {
        bool chosen =
            only.empty() ? s.enabled : std::find(only.begin(), only.end(), s.id) != only.end();
        if (chosen) selected.push_back(s);
    }
    return selected;
}

// The closing diagnostics, warnings and table (not with --quiet).
void print_report(const FetchReport& report, Diagnostics& diags, bool verbose) {
    diags.sort();
    print_diagnostics(diags);
    for (const auto& r : report.sources)
        for (const auto& w : r.warnings)
            std::fprintf(stderr, "%s: warning: source '%s': %s\n", kFetch, r.id.c_str(), w.c_str());
    if (verbose)
        for (const auto& r : report.sources)
            if (r.filtered > 0)
                std::fprintf(stderr, "%s: source '%s': %d item%s left out by its keywords\n",
                             kFetch, r.id.c_str(), r.filtered, r.filtered == 1 ? "" : "s");
    print_table(report, use_color(stdout));
    std::fflush(stdout);
}

}  // namespace

int run_fetch(const ParsedArgs& args) {
    std::filesystem::path root = args.get("--source", ".");
    bool quiet = args.has("--quiet");
    bool verbose = args.has("--verbose");
    FetchSettings settings;
    if (!read_settings(args, settings)) return kExitUsage;
    settings.force = args.has("--force");
    if (!args.positional.empty()) {
        std::fprintf(stderr, "%s: unexpected argument '%s' (use --only ID to pick sources)\n",
                     kFetch, args.positional[0].c_str());
        return kExitUsage;
    }

    Diagnostics diags;
    SiteConfig site = load_site_config(root, diags);
    std::vector<SourceConfig> sources = load_sources(root, diags);
    if (diags.has_errors()) {
        diags.sort();
        print_diagnostics(diags);
        return kExitContent;
    }
    if (!quiet) print_diagnostics(diags);
    diags = Diagnostics{};

    auto chosen = select_sources(args, sources);
    if (!chosen) return kExitUsage;
    const std::vector<SourceConfig>& selected = *chosen;
    if (selected.empty()) {
        if (!quiet)
            std::fprintf(stderr, "%s: no sources to fetch (sources.yaml lists %zu, none enabled)\n",
                         kFetch, sources.size());
        return kExitOk;
    }

    ArchiveLock lock(root);
    if (!lock.ok()) {
        std::fprintf(stderr, "%s: %s\n", kFetch, lock.error().c_str());
        return kExitIo;
    }
    remove_stale_temp_files(root);

    bool progress = !quiet && is_terminal(stderr);
    bool color_err = use_color(stderr);
    if (progress)
        std::fprintf(stderr, "fetching %zu source%s, %d at a time\n", selected.size(),
                     selected.size() == 1 ? "" : "s", settings.jobs);
    CurlFetcher http(FetcherOptions{settings.jobs, {}});
    FetchReport report =
        fetch_sources(root, selected, settings, site.timezone, http, diags,
                      [&](const SourceReport& r, std::size_t done, std::size_t total) {
                          if (progress) print_progress(r, done, total, color_err);
                      });

    if (!quiet) print_report(report, diags, verbose);
    for (const auto& e : report.write_errors)
        std::fprintf(stderr, "%s: error: %s\n", kFetch, e.c_str());

    if (!report.write_errors.empty()) return kExitIo;
    // Backing off and gone sources are failing ones that Brief no longer asks for a while.
    if (report.failing() > 0 && report.answered() == 0) return kExitIo;
    if (args.has("--strict") && report.failing() > 0) return kExitIo;
    return kExitOk;
}

}  // namespace brief::cli
