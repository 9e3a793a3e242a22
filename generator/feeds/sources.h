#pragma once
// sources.yaml (the feeds a site watches): its text in, one SourceConfig per entry out;
// content/feeds/state.json (how each answered) is feeds/fetch_state.h.

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

}  // namespace brief
