#pragma once
// The fetch stage: every enabled source that is due fetched in parallel, read, filtered and
// merged into the archive; state.json records how each answered and when to ask it again
// (feeds/politeness.h). One failing source never stops the rest.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "feeds/archive.h"
#include "feeds/feed_parser.h"
#include "feeds/fetch_state.h"
#include "feeds/http_fetcher.h"
#include "feeds/sources.h"
#include "util/dates.h"

namespace brief {

/// How one source fared. The last four were not asked: a Retry-After (`skipped`), the
/// freshness of its last answer, a backoff after failures in a row, a 410 Gone.
enum class FetchOutcome { fetched, not_modified, failed, skipped, not_due, backing_off, gone };

/// One row of the closing table.
struct SourceReport {
    std::string id;
    std::string name;
    FetchOutcome outcome = FetchOutcome::failed;
    int status = 0;  ///< HTTP status; 0 when no response came
    int added = 0, updated = 0, filtered = 0;
    std::size_t total = 0;  ///< the source's items in the archive after this run
    double seconds = 0;
    std::string error;
    std::vector<std::string> warnings;  ///< charset, malformed XML, skipped items, backoff
    /// True when the source was asked (fetched, not_modified or failed).
    bool asked() const;
};

/// What a whole run did.
struct FetchReport {
    std::vector<SourceReport> sources;
    std::vector<std::string> write_errors;  ///< archive or state files that could not be written
    /// Sources that answered (200 or 304).
    int answered() const;
    /// Sources that failed.
    int failed() const;
    /// Sources that failed, and those not asked because of earlier failures (backing off, gone).
    int failing() const;
    /// Sources that were asked (not skipped for Retry-After, freshness, backoff or Gone).
    int attempted() const;
};

/// Settings of one run (the command line's options).
struct FetchSettings {
    int jobs = 8;
    int timeout_seconds = 30;
    std::size_t max_bytes = 16u << 20;
    bool force = false;    ///< ask every source now, whatever state.json says of waiting
    std::int64_t now = 0;  ///< the run's clock in UTC seconds; 0: the system clock
};

/// Called as each source is done.
using SourceDoneCallback =
    std::function<void(const SourceReport&, std::size_t done, std::size_t total)>;

/// Reads one feed response into archive items for `source`: decoded, parsed, filtered,
/// normalised. `fetched` is the time the items were seen.
std::vector<ArchiveItem> items_from_feed(const SourceConfig& source, const ParsedFeed& feed,
                                         std::int64_t fetched, int* filtered = nullptr);

/// Fetches the `sources` that are due (callers pass only the enabled, selected ones) and
/// updates the archive and state.json under `root`; a source moved permanently or gone is a
/// warning in `diags` naming its line of sources.yaml. The caller holds the ArchiveLock.
FetchReport fetch_sources(const std::filesystem::path& root,
                          const std::vector<SourceConfig>& sources, const FetchSettings& settings,
                          const TimeZone& zone, HttpFetcher& http, Diagnostics& diags,
                          const SourceDoneCallback& on_done = {});

}  // namespace brief
