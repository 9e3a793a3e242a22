#pragma once
// sources.yaml (the feeds a site watches) and content/feeds/state.json (how each last answered).

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace brief {

/// One watched feed, as sources.yaml describes it.
struct SourceConfig {
    std::string id, name, url, kind, lang;
    std::vector<std::string> topics, include, exclude;
    bool enabled = true;
    int timeout_seconds = 0;  ///< 0 = the fetch default
    int line = 0;             ///< line of the entry in sources.yaml
};

/// The kinds a source may have.
const std::vector<std::string>& source_kinds();

/// True for a source id: lower-case letters, digits, '-' and '_', not starting or ending
/// with '-'.
bool valid_source_id(std::string_view id);

/// True for a plausible BCP 47 language tag ("en", "zh-Hans").
bool valid_language_tag(std::string_view lang);

/// Parses sources.yaml text; `file` names it in diagnostics.
std::vector<SourceConfig> parse_sources(const std::string& file, const std::string& text,
                                        Diagnostics& diags);

/// Reads <root>/sources.yaml (a missing file means no sources); diagnostics name
/// sources.yaml:line:col.
std::vector<SourceConfig> load_sources(const std::filesystem::path& root, Diagnostics& diags);

/// What Brief remembers about one source between fetches.
struct SourceState {
    std::string etag, last_modified, last_error;
    std::optional<std::int64_t> last_success, last_attempt, retry_after;
    int last_status = 0;
};

/// Parses state.json text; `file` names it in diagnostics.
std::map<std::string, SourceState> parse_state(const std::string& file, std::string_view text,
                                               Diagnostics& diags);

/// content/feeds/state.json, keyed by source id; missing file = empty map.
std::map<std::string, SourceState> load_state(const std::filesystem::path& root,
                                              Diagnostics& diags);

/// state.json text: sorted by source id, fixed key order, one trailing newline.
std::string serialize_state(const std::map<std::string, SourceState>& state);

/// Writes content/feeds/state.json atomically; returns an error message, empty on success.
[[nodiscard]] std::string save_state(const std::filesystem::path& root,
                                     const std::map<std::string, SourceState>& state);

}  // namespace brief
