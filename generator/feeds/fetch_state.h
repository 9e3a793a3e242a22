#pragma once
// content/feeds/state.json: what Brief remembers about each source between fetches (its
// validators, how it last answered, and when it may be asked again). Text or the file in, a
// map by source id out; and back, sorted, in a fixed key order.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace brief {

/// What Brief remembers about one source between fetches.
struct SourceState {
    std::string url;  ///< the address the rest describes; "" in files of older versions
    std::string etag, last_modified;  ///< the validators, byte for byte as the server sent them
    std::string last_error;
    std::optional<std::int64_t> last_success, last_attempt;
    std::optional<std::int64_t> retry_after;  ///< a 429 / 503's Retry-After: not asked before
    int last_status = 0;
    std::optional<std::int64_t> fresh_until;    ///< the last answer's Cache-Control / Expires
    int failures = 0;                           ///< failed fetches in a row
    std::optional<std::int64_t> backoff_until;  ///< after failures in a row: not asked before
    std::string moved_to;  ///< where the permanent redirects (301 / 308) of the last fetches led
    int moved_count = 0;   ///< fetches in a row that were moved there
    std::optional<std::int64_t> gone_since;  ///< the first 410 Gone: no longer asked
};

/// Forgets what belongs to the address of `st` (validators, waits, redirects, Gone) when
/// `url` is another one: the editor changed the source's url:, so it is asked afresh.
void follow_url(SourceState& st, const std::string& url);

/// Parses state.json text (files without the newer fields too); `file` names it in
/// diagnostics.
std::map<std::string, SourceState> parse_state(const std::string& file, std::string_view text,
                                               Diagnostics& diags);

/// content/feeds/state.json, keyed by source id; missing file = empty map.
std::map<std::string, SourceState> load_state(const std::filesystem::path& root,
                                              Diagnostics& diags);

/// state.json text: sorted by source id, fixed key order, one trailing newline. A validator
/// that is not UTF-8 is written as {"bytes": "<percent-encoded>"} so it comes back unchanged.
std::string serialize_state(const std::map<std::string, SourceState>& state);

/// Writes content/feeds/state.json atomically; returns an error message, empty on success.
[[nodiscard]] std::string save_state(const std::filesystem::path& root,
                                     const std::map<std::string, SourceState>& state);

}  // namespace brief
