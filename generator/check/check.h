#pragma once
// `brief check`: everything `build --strict` validates, then every internal link and anchor of
// the built site, then (on request) every external URL the content cites. Problems come back
// as Diagnostics that name the file and line where the link was written.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "check/external.h"
#include "pipeline/build.h"
#include "util/diagnostic.h"

namespace brief {

/// What to check.
struct CheckRequest {
    std::filesystem::path source = ".";
    bool drafts = false;
    bool future = false;
    unsigned jobs = 0;            ///< threads to build and read pages with; 0: one per core
    std::int64_t build_time = 0;  ///< as BuildRequest::now (SOURCE_DATE_EPOCH or the clock)
    bool external = false;        ///< also check external http(s) URLs
    ExternalCheckOptions external_options;
    int cache_hours = 24;    ///< how long a good answer is trusted; 0: ask again
    std::int64_t clock = 0;  ///< wall-clock UTC seconds for cache ages; 0: the real clock
    LinkProgress progress;   ///< called as external checks finish
};

/// The figures of the closing summary line.
struct CheckSummary {
    bool links_checked = false;     ///< false when the build failed before rendering pages
    bool external_checked = false;  ///< --external was given and the links were checked
    std::size_t pages = 0;          ///< HTML pages read
    std::size_t internal_links = 0;
    std::size_t external_urls = 0;   ///< distinct external URLs
    std::size_t from_cache = 0;      ///< of those, answered from the cache
    std::size_t requested = 0;       ///< of those, asked over the network
    std::size_t answered = 0;        ///< of those asked, how many got any HTTP answer
    bool offline = false;            ///< none answered, across two hosts or more: no network
    std::size_t broken = 0;          ///< broken-link errors reported
    std::size_t redirected = 0;      ///< external URLs that redirect
    std::size_t content_errors = 0;  ///< errors of the build itself (--strict)
};

/// What a check found.
struct CheckResult {
    Diagnostics diagnostics;  ///< the build's and the links', sorted by file and line
    CheckSummary summary;
    std::vector<StageTime> stages;
    /// True when nothing is broken and the content has no errors.
    bool ok() const { return !diagnostics.has_errors(); }
    /// True when the external check could not reach the network at all (exit 3).
    bool network_failed() const { return summary.offline; }
};

/// Builds the site in memory (strict, nothing written) and checks its links.
CheckResult run_check(const CheckRequest& request);

/// "checked 95 pages: 812 internal links, 64 external URLs (60 from cache); 2 broken, 1 redirected"
std::string summary_line(const CheckSummary& summary);

}  // namespace brief
