#pragma once
// The theme: Mustache layouts (partials expanded and compiled once per build), the i18n
// labels of each language, and the static assets, all from the site's ThemeFiles.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "render/mustache.h"
#include "render/theme_files.h"
#include "render/value.h"
#include "util/diagnostic.h"

namespace brief {

/// The labels of one language (templates/i18n/<lang>.yaml).
struct Labels {
    std::string lang;
    std::map<std::string, std::string> text;           ///< label key -> text
    std::vector<std::string> months;                   ///< 12 month names
    std::string date_format = "{day} {month} {year}";  ///< tokens {day} {month} {mm} {year}
    /// The label for `key`, or the key itself when missing.
    const std::string& get(const std::string& key) const;
};

/// A loaded theme.
struct Theme {
    /// The files it was loaded from (static assets are published from here).
    std::shared_ptr<const ThemeFiles> files;
    std::map<std::string, std::shared_ptr<const mustache::Template>> layouts;  ///< by name
    std::map<std::string, Labels> labels;                                      ///< by language
    std::string fallback_lang = "en";
    /// Labels for `lang` (its primary subtag, then the fallback language).
    const Labels& labels_for(const std::string& lang) const;
    /// True when the theme has the layout.
    bool has(const std::string& layout) const { return layouts.count(layout) > 0; }
};

/// Loads layouts/*.mustache (with {{> name}} expanded textually from partials/*.mustache) and
/// i18n/*.yaml from `files`. A template that does not parse is an error at the line and
/// column of the file that holds the fault (a layout or a partial). Every language of
/// `languages` should have an i18n file; a label missing from one is a warning naming the key.
Theme load_theme(std::shared_ptr<const ThemeFiles> files, const std::vector<std::string>& languages,
                 const std::string& fallback_lang, Diagnostics& diags);

/// Renders a layout; a layout the theme does not have is a diagnostic naming its file.
std::string render_layout(const Theme& theme, const std::string& layout, const Value& data,
                          Diagnostics& diags);

/// Formats a date with a language's month names and pattern.
std::string format_local_date(const Labels& labels, int year, int month, int day);

}  // namespace brief
