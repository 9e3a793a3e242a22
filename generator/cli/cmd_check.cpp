#include <cstdio>
#include <optional>
#include <string>

#include "check/check.h"
#include "cli/commands.h"
#include "cli/terminal.h"

namespace brief::cli {

namespace {

// A whole number >= `min`; sets `error` otherwise.
std::optional<long> parse_at_least(const std::string& text, const std::string& option, long min,
                                   std::string& error) {
    std::size_t used = 0;
    long value = 0;
    try {
        value = std::stol(text, &used);
    } catch (...) {
        used = 0;
    }
    if (used == 0 || used != text.size() || value < min || value > 1000000) {
        error = option + " needs a whole number" +
                (min > 0 ? " of at least " + std::to_string(min) : " (0 or more)") + ", not '" +
                text + "'";
        return std::nullopt;
    }
    return value;
}

}  // namespace

CommandSpec check_spec() {
    CommandSpec spec;
    spec.name = "check";
    spec.usage =
        "brief check [--source DIR] [--drafts] [--future] [--external] [--cache-hours N] "
        "[--timeout S] [--jobs N] [--per-host N] [--verbose|--quiet]";
    spec.summary = "validate the site like build --strict, then every link in it";
    spec.details =
        "Builds the site in memory (nothing is written) with everything 'build --strict'\n"
        "validates, then checks that every internal link and #anchor of every page leads to a\n"
        "page of the site and an id in it. With --external, every http(s) URL the content cites\n"
        "(sources, tools, Markdown) is asked for with HEAD (GET when HEAD is refused), several\n"
        "at once but only --per-host at a time per host; redirects are followed and reported.\n"
        "Good answers are cached in <source>/.brief-cache/links.json for --cache-hours, so\n"
        "CI does not ask publishers again on every run; broken links are asked again each time.\n"
        "Broken links are reported where they were written (file:line:column).\n"
        "Exit codes: 0 no broken link and no content error, 1 broken links or content errors,\n"
        "2 usage error, 3 the site folder cannot be read, or no external URL answered at all\n"
        "(on two hosts or more: the network is down, which says nothing about the links).";
    spec.options = common_options();
    spec.options.insert(
        spec.options.begin() + 1,
        {{"--drafts", "", "include documents with draft: true", ""},
         {"--future", "", "include documents dated after the build time", ""},
         {"--external", "", "also check external http(s) URLs over the network", ""},
         {"--cache-hours", "N", "trust a good external answer this long; 0 asks again", "24"},
         {"--timeout", "S", "seconds to wait for each external URL", "10"},
         {"--jobs", "N", "external requests in flight at once", "8"},
         {"--per-host", "N", "external requests in flight to one host at once", "2"}});
    return spec;
}

int run_check(const ParsedArgs& args) {
    CheckRequest req;
    req.source = args.get("--source", ".");
    req.drafts = args.has("--drafts");
    req.future = args.has("--future");
    req.external = args.has("--external");
    req.build_time = build_time_now();

    std::string error;
    auto number = [&](const char* option, long min, long fallback) -> long {
        if (!error.empty() || !args.has(option)) return fallback;
        auto v = parse_at_least(args.get(option), option, min, error);
        return v ? *v : fallback;
    };
    req.cache_hours = static_cast<int>(number("--cache-hours", 0, 24));
    req.external_options.timeout_seconds = static_cast<int>(number("--timeout", 1, 10));
    req.external_options.parallel = static_cast<int>(number("--jobs", 1, 8));
    req.external_options.per_host = static_cast<int>(number("--per-host", 1, 2));
    if (error.empty() && !args.positional.empty())
        error = "unexpected argument '" + args.positional[0] + "'";
    if (!error.empty()) {
        std::fprintf(stderr, "brief check: %s\nRun 'brief check --help' for its options.\n",
                     error.c_str());
        return kExitUsage;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(req.source, ec)) {
        std::fprintf(stderr, "brief check: the source folder '%s' does not exist\n",
                     req.source.c_str());
        return kExitIo;
    }
    const bool quiet = args.has("--quiet");
    const bool verbose = args.has("--verbose");
    const bool progress = !quiet && is_terminal(stderr);
    if (progress && req.external)
        req.progress = [](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\rchecking external links: %zu/%zu", done, total);
            if (done == total) std::fputs("\r\033[K", stderr);
            std::fflush(stderr);
        };

    CheckResult result = run_check(req);
    if (quiet) {
        Diagnostics errors;
        for (const auto& d : result.diagnostics.items())
            if (d.severity == Severity::error) errors.add(d);
        print_diagnostics(errors);
    } else {
        print_diagnostics(result.diagnostics);
    }
    if (verbose)
        for (const auto& s : result.stages)
            std::fprintf(stderr, "  %-8s %8.3f s\n", s.name.c_str(), s.seconds);
    if (!quiet) std::fprintf(stderr, "%s\n", summary_line(result.summary).c_str());
    if (result.network_failed()) return kExitIo;
    return result.ok() ? kExitOk : kExitContent;
}

}  // namespace brief::cli
