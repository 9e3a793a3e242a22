#pragma once
// The one rule for where Brief may write, delete or read. In go the site folder and a path
// Brief is about to use; out comes either nothing (allowed) or one sentence that names the
// folder and says why not. Every command that writes or deletes asks here first: build (the
// output folder), fetch (the archive), new, init and theme export (new files only).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// The marker at the root of every output folder Brief wrote: the list of files it wrote.
inline constexpr std::string_view kOutputMarker = ".brief-site.json";

/// What an output folder holds now.
enum class OutputState {
    absent,   ///< nothing there yet
    empty,    ///< an empty folder
    ours,     ///< a folder with Brief's marker
    foreign,  ///< a non-empty folder without the marker
};

/// Whether, and how, a folder may be Brief's output folder.
struct OutputDecision {
    std::filesystem::path folder;  ///< absolute, with every symbolic link resolved
    OutputState state = OutputState::absent;
    /// The files the marker lists (when `ours`): the only files a build may replace or delete.
    std::vector<std::string> written;
    /// One sentence when the folder may not be used (exit 2); empty when it may.
    std::string refusal;
    /// With --force, a foreign folder is moved aside here before the new site takes its place.
    std::filesystem::path move_aside_to;
};

/// Decides whether `output` may be the output folder of the site at `site` (empty: no site,
/// for tests of the writer alone). Refused whatever the spelling (relative, `..`, symbolic
/// links): the site folder or a folder that holds it; anything inside its content/,
/// templates/, .git/ or .brief-cache/; the home folder, `/`, the working directory or a folder
/// that holds it; a non-empty folder without the marker, unless `force`, when it is none of
/// the others (the caller then moves its content to `move_aside_to`).
[[nodiscard]] OutputDecision decide_output(const std::filesystem::path& site,
                                           const std::filesystem::path& output, bool force);

/// Why a new file may not be created at `file`, as part of the tree `root` (a new desk, a
/// theme export, content/, content/feeds/): it resolves outside `root` through `..` or a
/// symbolic link, `root` is `/`, the home folder or a folder holding it, or the file exists and
/// `replace` is false. Empty when it may.
[[nodiscard]] std::string write_refusal(const std::filesystem::path& root,
                                        const std::filesystem::path& file, bool replace);

/// Why `path` (spelled from `root`, or through it) may not be read as part of the tree at
/// `root`: it, or a folder on the way to it, is a symbolic link that resolves outside `root`. The
/// sentence names the link and where it points, never what the target holds. Empty when it may be
/// read.
[[nodiscard]] std::string read_refusal(const std::filesystem::path& root,
                                       const std::filesystem::path& path);

/// The marker's bytes for a site of `files` (site-relative paths, any order); deterministic.
std::string output_marker(std::vector<std::string> files);

/// The files a marker lists; false when `bytes` is not a marker.
bool parse_output_marker(std::string_view bytes, std::vector<std::string>& files);

/// `path` made absolute with every symbolic link of its existing part resolved.
std::filesystem::path resolved(const std::filesystem::path& path);

/// True when `path` is `dir` or lies inside it (both already resolved).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& dir);

}  // namespace brief
