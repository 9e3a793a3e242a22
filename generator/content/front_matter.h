#pragma once
// Front matter: splitting a Markdown file into its YAML header and body, and reading the
// header into a Document with every problem reported at the file's own line and column.

#include <optional>
#include <string>
#include <string_view>

#include "content/document.h"
#include "content/site_config.h"
#include "util/diagnostic.h"

namespace brief {

/// A file cut into front matter and body.
struct FrontMatterSplit {
    std::string yaml;   ///< the text between the two '---' lines
    std::string body;   ///< everything after the closing '---' line
    int yaml_line = 2;  ///< file line of the first YAML line
    int body_line = 3;  ///< file line of the first body line
};

/// Cuts `text` at its '---' lines; on failure adds a diagnostic for `file` and returns nullopt.
std::optional<FrontMatterSplit> split_front_matter(const std::string& file, std::string_view text,
                                                   Diagnostics& diags);

/// Parses and validates one document. `path` is relative to the site folder and decides the
/// section; returns nullopt when the file is too broken to use (diagnostics say why).
std::optional<Document> parse_document(const std::string& path, std::string_view text,
                                       Section section, const SiteConfig& site, Diagnostics& diags);

/// A document with its path, section and body set from `split`, before any field is read
/// (both front-matter readers start from it).
Document document_shell(const std::string& path, Section section, FrontMatterSplit&& split);

/// The front-matter keys a document of `section` may have (weekly notes have two more).
const std::vector<std::string>& front_matter_keys(Section section);

/// True for a plausible BCP 47 tag ("en", "de", "zh", "zh-Hans", "pt-BR").
bool is_language_tag(std::string_view tag);

}  // namespace brief
