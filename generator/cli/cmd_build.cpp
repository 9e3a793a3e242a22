#include <cstdio>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "pipeline/build.h"
#include "pipeline/report.h"
#include "util/fs.h"

namespace brief::cli {

CommandSpec build_spec() {
    CommandSpec spec;
    spec.name = "build";
    spec.usage =
        "brief build [--source DIR] [--output DIR] [--force] [--drafts] [--future] [--strict] "
        "[--no-cache] "
        "[--jobs N] [--report FILE] [--verbose|--quiet]";
    spec.summary = "build the site from content/ into the output folder";
    spec.details =
        "Loads content/site.yaml and every Markdown document under content/, the feed archive\n"
        "in content/feeds/, applies the templates and writes the site. A build with errors\n"
        "writes nothing: the previous output stays as it was. SOURCE_DATE_EPOCH, when set, is\n"
        "the build time (for reproducible builds and for deciding what is in the future).\n"
        "Front matter as read, rendered Markdown and what each page was rendered from are\n"
        "kept in .brief-cache/ inside the source folder, so a rebuild reads and renders only\n"
        "what changed and writes only files whose bytes changed; --no-cache builds from\n"
        "scratch without reading or writing it.\n"
        "The output folder is Brief's alone: it must be new, empty, or one Brief wrote (it\n"
        "holds .brief-site.json), and never the site folder, a folder inside content/,\n"
        "templates/, .git/ or .brief-cache/, your home folder, / or a folder holding the\n"
        "working directory. Files in it that Brief did not write are kept. The new site\n"
        "replaces the old one in one step, so a killed build leaves the old site whole; the\n"
        "old one is kept beside it (.site.brief-prev/) for the next build to update.";
    spec.options = common_options();
    spec.options.insert(
        spec.options.begin() + 1,
        {{"--output", "DIR", "where the site is written", "site (inside --source)"},
         {"--force", "",
          "take over a non-empty output folder Brief did not write, moving its files aside to "
          "DIR.before-brief-TIME",
          ""},
         {"--drafts", "", "include documents with draft: true", ""},
         {"--future", "", "include documents dated after the build time", ""},
         {"--strict", "", "treat warnings as errors (for CI)", ""},
         {"--no-cache", "", "build from scratch, without .brief-cache/", ""},
         {"--jobs", "N", "threads to render with", "one per core"},
         {"--report", "FILE",
          "write a JSON report: counts, stage times, diagnostics, files added/changed/removed",
          ""}});
    return spec;
}

namespace {

// The one-line summary that ends a build: up to date, built, or failed (and left as it was).
void print_summary(const BuildRequest& req, const BuildResult& result) {
    double total = 0;
    for (const auto& s : result.stages) total += s.seconds;
    std::size_t errors = result.diagnostics.error_count();
    std::size_t warnings = result.diagnostics.warning_count();
    if (result.unchanged) {
        std::fprintf(stderr,
                     "nothing changed since the last build: %s (%zu documents, %zu files) is "
                     "up to date; checked in %.2f s\n",
                     req.output.c_str(), result.documents, result.pages_written, total);
    } else if (result.ok()) {
        std::fprintf(stderr,
                     "built %zu document%s: %zu file%s written to %s, %zu warning%s, 0 errors in "
                     "%.2f s\n",
                     result.documents, result.documents == 1 ? "" : "s", result.pages_written,
                     result.pages_written == 1 ? "" : "s", req.output.c_str(), warnings,
                     warnings == 1 ? "" : "s", total);
    } else {
        std::fprintf(stderr,
                     "build failed: %zu document%s, %zu warning%s, %zu error%s in %.2f s; %s "
                     "was left as it was\n",
                     result.documents, result.documents == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s", errors, errors == 1 ? "" : "s", total,
                     req.output.c_str());
    }
}

}  // namespace

int run_build(const ParsedArgs& args) {
    BuildRequest req;
    req.source = args.get("--source", ".");
    req.output =
        args.has("--output") ? std::filesystem::path(args.get("--output")) : req.source / "site";
    req.drafts = args.has("--drafts");
    req.future = args.has("--future");
    req.strict = args.has("--strict");
    req.force = args.has("--force");
    req.now = build_time_now();
    req.keep_memory = true;  // brief build exits right after
    if (!args.has("--no-cache")) req.cache_dir = req.source / ".brief-cache";
    if (args.has("--jobs")) {
        std::string err;
        auto n = parse_positive(args.get("--jobs"), "--jobs", err);
        if (!n) {
            std::fprintf(stderr, "brief build: %s\n", err.c_str());
            return kExitUsage;
        }
        req.jobs = static_cast<unsigned>(*n);
    }
    if (!args.positional.empty()) {
        std::fprintf(
            stderr,
            "brief build: unexpected argument '%s'\nRun 'brief build --help' for its options.\n",
            args.positional[0].c_str());
        return kExitUsage;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(req.source, ec)) {
        std::fprintf(stderr, "brief build: the source folder '%s' does not exist\n",
                     req.source.c_str());
        return kExitIo;
    }
    const bool quiet = args.has("--quiet");
    const bool verbose = args.has("--verbose");

    BuildResult result = run_build(req);
    if (result.refused) {
        // One sentence, and nothing written: not even the report.
        for (const auto& d : result.diagnostics.items())
            std::fprintf(stderr, "brief build: %s\n", d.message.c_str());
        return kExitUsage;
    }
    if (args.has("--report")) {
        // Written for failed builds too: a CI step can show the diagnostics from it.
        Status written =
            write_file_atomic(args.get("--report"), build_report_json(req, result), false);
        if (!written) {
            std::fprintf(stderr, "brief build: cannot write the report: %s\n",
                         written.error().c_str());
            return kExitIo;
        }
    }
    if (quiet) {
        Diagnostics errors;
        for (const auto& d : result.diagnostics.items())
            if (d.severity == Severity::error) errors.add(d);
        print_diagnostics(errors);
    } else {
        print_diagnostics(result.diagnostics);
    }
    if (verbose) {
        for (const auto& s : result.stages)
            std::fprintf(stderr, "  %-8s %8.3f s  %7.3f s CPU  %6zu MiB peak\n", s.name.c_str(),
                         s.seconds, s.cpu_seconds, s.peak_rss_kb / 1024);
        if (!result.unchanged && !req.cache_dir.empty())
            std::fprintf(stderr, "  %zu of %zu documents read from the cache\n",
                         result.documents_cached, result.documents);
    }
    if (!quiet) print_summary(req, result);
    if (result.io_failed) return kExitIo;
    return result.diagnostics.has_errors() ? kExitContent : kExitOk;
}

}  // namespace brief::cli
