#pragma once
// content/site.yaml. In: the file's text; out: the site's title, base URL, languages, time
// zone, limits and navigation, with a Diagnostic at the file's line and column for each
// problem.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/dates.h"
#include "util/diagnostic.h"
#include "util/hash.h"

namespace brief {

/// One entry of the navigation bar.
struct NavItem {
    std::string title;
    std::string url;
};

/// The parsed content/site.yaml.
struct SiteConfig {
    /// The hash of site.yaml's bytes: every field below follows from it.
    Hash128 source_hash;
    std::string title = "Brief";
    std::string description;
    std::string base_url = "http://localhost/";  ///< always ends with '/'
    std::string language = "en";                 ///< the default `lang` of documents
    std::vector<std::string> languages = {"en"};
    std::string timezone_name = "UTC";
    TimeZone timezone;
    std::string author;
    std::string how_we_report;
    bool allow_html = false;  ///< raw HTML in Markdown passes through instead of being escaped
    int items_per_feed = 20;
    int related_count = 4;
    std::vector<NavItem> nav;
};

/// Parses site.yaml text; `file` names it in diagnostics.
SiteConfig parse_site_config(const std::string& file, const std::string& text, Diagnostics& diags);

/// Reads `<root>/content/site.yaml`; a missing file is an error.
SiteConfig load_site_config(const std::filesystem::path& root, Diagnostics& diags);

}  // namespace brief
