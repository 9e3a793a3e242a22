#pragma once
// When Brief may ask a source again. In: what state.json remembers of the source and the
// run's clock, or the headers of one answer. Out: whether the source is due now (and if not,
// why and until when), how long an answer stays fresh, how long to back off after failures.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/fetch_state.h"
#include "feeds/http_fetcher.h"

namespace brief {

/// The longest freshness Brief believes of a Cache-Control or Expires header: a week.
inline constexpr std::int64_t kMaxFreshSeconds = 7 * 86400;
/// The wait after the second failure in a row; it doubles with each failure after that.
inline constexpr std::int64_t kFirstBackoffSeconds = 15 * 60;
/// The longest wait after failures in a row: a day.
inline constexpr std::int64_t kMaxBackoffSeconds = 86400;
/// Fetches in a row that must be moved permanently to the same URL before Brief says so.
inline constexpr int kMovedReportAfter = 3;

/// Until when an answer received at `now` is fresh, at most a week on; nullopt when it is
/// not (no such header, no-cache, no-store, max-age=0, an Expires not after Date).
std::optional<std::int64_t> fresh_until(const CacheHeaders& headers, std::int64_t now);

/// The time a Retry-After value (delta-seconds or an HTTP date) names, or nullopt.
std::optional<std::int64_t> retry_after_until(std::string_view value, std::int64_t now);

/// The wait after `failures` failed fetches in a row: none after the first, then 15 minutes
/// doubling with each failure (15 min, 30 min, 1 h, …), at most a day.
std::int64_t backoff_seconds(int failures);

/// Why a source is not asked now.
enum class Wait { none, gone, retry_after, backing_off, not_due };

/// Whether a source may be asked now, and if not why and until when.
struct Due {
    Wait wait = Wait::none;
    std::int64_t until = 0;  ///< when it may be asked again (for gone: when it went)
};

/// Whether the source whose state is `st` may be asked at `now`: not when it answered 410
/// Gone, nor before the latest of its Retry-After, its backoff and its answer's freshness.
Due when_due(const SourceState& st, std::int64_t now);

/// Counts the fetches in a row that were moved permanently to the same URL: `moved_to` is
/// where this fetch's 301 / 308 redirects led ("" when its first answer was not one).
void note_redirects(SourceState& st, const std::string& moved_to);

}  // namespace brief
