#pragma once
// The fetch stage: every enabled source fetched in parallel, read, filtered and merged into
// the archive; state.json records how each answered. One failing source never stops the rest.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "feeds/archive.h"
#include "feeds/feed_parser.h"
#include "feeds/http_fetcher.h"
#include "feeds/sources.h"
#include "util/dates.h"

namespace brief {

/// How one source fared.
enum class FetchOutcome { fetched, not_modified, failed, skipped };

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
    std::vector<std::string> warnings;  ///< charset, malformed XML, skipped items
};

/// What a whole run did.
struct FetchReport {
    std::vector<SourceReport> sources;
    std::vector<std::string> write_errors;  ///< archive or state files that could not be written
    /// Sources that answered (200 or 304).
    int answered() const;
    /// Sources that failed.
    int failed() const;
    /// Sources that were tried (not skipped for Retry-After).
    int attempted() const;
};

/// Settings of one run (the command line's options).
struct FetchSettings {
    int jobs = 8;
    int timeout_seconds = 30;
    std::size_t max_bytes = 16u << 20;
};

/// Called as each source is done.
using SourceDoneCallback =
    std::function<void(const SourceReport&, std::size_t done, std::size_t total)>;

/// Reads one feed response into archive items for `source`: decoded, parsed, filtered,
/// normalised. `fetched` is the time the items were seen.
std::vector<ArchiveItem> items_from_feed(const SourceConfig& source, const ParsedFeed& feed,
                                         std::int64_t fetched, int* filtered = nullptr);

/// Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or nullopt.
std::optional<std::int64_t> retry_after_until(std::string_view value, std::int64_t now);

/// Fetches `sources` (callers pass only the enabled, selected ones) and updates the archive
/// and state.json under `root`. The caller holds the ArchiveLock.
FetchReport fetch_sources(const std::filesystem::path& root,
                          const std::vector<SourceConfig>& sources, const FetchSettings& settings,
                          const TimeZone& zone, HttpFetcher& http, Diagnostics& diags,
                          const SourceDoneCallback& on_done = {});

}  // namespace brief
