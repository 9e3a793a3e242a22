#pragma once
// The files of the theme a site builds with: the theme compiled into Brief (util/embedded.h),
// overlaid file by file by the site's own templates/. In go the site folder and the embedded
// set; out comes one map, relative path -> bytes and where they came from, which every reader
// of the theme uses (layouts, partials, labels, static assets, the build cache's keys, the
// link checker, `brief theme`). Also the base record `brief theme export` leaves in
// templates/ (the hash of each embedded original it copied), which tells a stale override.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"
#include "util/embedded.h"
#include "util/hash.h"

namespace brief {

/// The site's theme folder, relative to the site.
inline constexpr std::string_view kSiteThemeDir = "templates";

/// The base record in the site's theme folder (never part of the theme itself).
inline constexpr std::string_view kThemeBaseFile = ".theme-base.json";

/// Where a theme file's bytes come from.
enum class ThemeOrigin { embedded, site };

/// One file of the theme.
struct ThemeFile {
    std::string bytes;
    ThemeOrigin origin = ThemeOrigin::embedded;
    /// The site's file (origin site), as it was read.
    std::filesystem::path site_path;
    /// The embedded file of the same path, when there is one (what a site file overrides).
    std::optional<std::string> original;
    /// As diagnostics name it: "templates/layouts/x.mustache" or "(theme) layouts/x.mustache".
    std::string name;
};

/// The theme a site builds with.
struct ThemeFiles {
    std::filesystem::path site_dir;          ///< <source>/templates (need not exist)
    std::map<std::string, ThemeFile> files;  ///< by relative path ("layouts/home.mustache")
    /// The file at `rel`, or nullptr.
    const ThemeFile* find(std::string_view rel) const;
    /// The files whose relative path starts with `folder` ("static/") and ends with `suffix`,
    /// in path order.
    std::vector<std::pair<std::string, const ThemeFile*>> under(std::string_view folder,
                                                                std::string_view suffix) const;
    /// The site files that take the place of an embedded one, in path order.
    std::vector<std::pair<std::string, const ThemeFile*>> overrides() const;
    /// The hash of every file's path and bytes, in path order.
    Hash128 hash() const;
};

/// The name diagnostics give the theme file at `rel`.
std::string theme_file_name(std::string_view rel, ThemeOrigin origin);

/// Reads the site's templates/ over `embedded`. A file or folder there that is a symbolic
/// link leaving the site is an error and is not read; hidden files and editor droppings are
/// not part of the theme. An override whose embedded original has changed since the base
/// record was written is a warning naming both files.
ThemeFiles load_theme_files(const std::filesystem::path& source,
                            std::span<const EmbeddedFile> embedded, Diagnostics& diags);

/// For the build's no-change check: a hash of the names, sizes and modification times of the
/// site's theme files and of its base record, raising `newest_mtime_ns` (the embedded half is
/// the binary's fingerprint).
Hash128 theme_stamp(const std::filesystem::path& source, std::int64_t& newest_mtime_ns);

/// The hash a base record keeps for a file's bytes (32 hex digits).
std::string theme_base_hash(std::string_view bytes);

/// The base record of the site's theme folder: relative path -> theme_base_hash of the
/// embedded original it was copied from. Empty when there is none; `error` is set when the
/// file exists but is not a base record.
std::map<std::string, std::string> read_theme_base(const std::filesystem::path& site_dir,
                                                   std::string& error);

/// The bytes of a base record (deterministic: sorted, one entry a line).
std::string theme_base_json(const std::map<std::string, std::string>& base);

}  // namespace brief
