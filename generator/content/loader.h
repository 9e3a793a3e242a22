#pragma once
// The load stage: content/** on disk -> Documents + Diagnostics. Collects every problem
// before returning; never stops at the first one.

#include <filesystem>
#include <vector>

#include "content/document.h"
#include "content/document_cache.h"
#include "content/site_config.h"
#include "util/diagnostic.h"

namespace brief {

/// Everything under content/ except the feed archive.
struct Content {
    SiteConfig site;
    std::vector<Document> documents;   ///< briefings, guides and pages, sorted by path
    std::vector<Document> weeks;       ///< weekly notes (content/weeks/YYYY-Www.md), sorted
    std::vector<Signal> data_signals;  ///< content/data/signals.yaml
    std::vector<Tool> data_tools;      ///< content/data/tools.yaml
    std::size_t files = 0;             ///< Markdown files found, readable or not
    std::size_t cached = 0;            ///< documents taken from the DocumentCache
};

/// Reads site.yaml, every document and the data files under `root`, on `jobs` threads. With a
/// `cache`, a document whose bytes it has is taken from it instead of being parsed, and one
/// parsed without a diagnostic is stored in it.
Content load_content(const std::filesystem::path& root, unsigned jobs, Diagnostics& diags,
                     DocumentCache* cache = nullptr);

/// Parses content/data/signals.yaml text.
std::vector<Signal> parse_signals_data(const std::string& file, const std::string& text,
                                       Diagnostics& diags);
/// Parses content/data/tools.yaml text.
std::vector<Tool> parse_tools_data(const std::string& file, const std::string& text,
                                   Diagnostics& diags);

}  // namespace brief
