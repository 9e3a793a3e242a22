#pragma once
// The external link cache, <source>/.brief-cache/links.json: URLs that answered well, and
// when, so that a check within the cache time asks no publisher twice. Broken links are not
// cached: they are checked again on every run until they are fixed.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "check/external.h"
#include "util/result.h"

namespace brief {

/// Good answers by URL.
struct LinkCache {
    std::map<std::string, LinkStatus> links;
};

/// <source>/.brief-cache/links.json
std::filesystem::path link_cache_path(const std::filesystem::path& source);

/// Reads the cache; a missing file is an empty cache. An unreadable one is empty too, and
/// `warning` says why.
LinkCache read_link_cache(const std::filesystem::path& file, std::string& warning);

/// Parses cache text (the JSON of links.json); throws nothing, returns nullopt when invalid.
std::optional<LinkCache> parse_link_cache(const std::string& text);

/// The JSON text of a cache, keys sorted, one entry a line.
std::string serialize_link_cache(const LinkCache& cache);

/// Writes the cache atomically, creating .brief-cache/.
Status write_link_cache(const std::filesystem::path& file, const LinkCache& cache);

/// The cached answer for `url` when it was checked less than `max_age_seconds` before `now`.
std::optional<LinkStatus> cached_status(const LinkCache& cache, const std::string& url,
                                        std::int64_t now, std::int64_t max_age_seconds);

/// Records fresh results (good ones only) and drops entries older than `max_age_seconds`.
void update_link_cache(LinkCache& cache, const std::vector<LinkStatus>& results, std::int64_t now,
                       std::int64_t max_age_seconds);

}  // namespace brief
