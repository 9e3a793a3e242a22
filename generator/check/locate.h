#pragma once
// Finds where a link was written. In: the site's source files and a URL; out: the file, line
// and column of each place it is written, so a broken link is reported where the editor can
// fix it.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "render/theme_files.h"

namespace brief {

/// One source file's text, named as diagnostics name it ("content/briefings/2026/x.md").
struct SourceText {
    std::string file;
    std::string text;
};

/// A place in a source file.
struct SourcePosition {
    std::string file;
    int line = 0;    ///< 1-based
    int column = 0;  ///< 1-based, in bytes
    std::string source_line;
};

/// Every place `url` is written in `source` as a whole URL (not inside a longer one), in the
/// form given or percent-decoded (an editor writes /topics/华为/, the page has %E5%8D%8E…).
std::vector<SourcePosition> find_url(const SourceText& source, std::string_view url);

/// The URL-like words of many sources (tokens with '/', '#' or '.'), for finding which file
/// wrote a link without searching every file for every link.
class UrlIndex {
  public:
    /// Indexes `sources`.
    explicit UrlIndex(std::vector<SourceText> sources);
    /// Every place in any source where `url` is written as a whole word (or percent-decoded).
    std::vector<SourcePosition> find(std::string_view url) const;
    /// Every place in the source named `file` (find_url on it); empty when there is none.
    std::vector<SourcePosition> find_in(std::string_view file, std::string_view url) const;
    /// The source named `file`, or nullptr.
    const SourceText* source(std::string_view file) const;

  private:
    std::vector<SourceText> sources_;
    std::unordered_map<std::string, std::size_t> by_name_;
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> words_;
};

/// The text files of a site's content (content/**/*.md, *.yaml, except the feed archive),
/// named relative to `root`, sorted by name.
std::vector<SourceText> read_content_sources(const std::filesystem::path& root);

/// The template files of a theme (*.mustache), named as diagnostics name them.
std::vector<SourceText> theme_sources(const ThemeFiles& theme);

}  // namespace brief
