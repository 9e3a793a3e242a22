#pragma once
// File-system helpers: whole-file reads, crash-safe writes, sorted directory walks, and the
// guarded walks and reads of a site's own files (never through a link out of the site).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"
#include "util/hash.h"
#include "util/result.h"

namespace brief {

/// The bytes of a regular file, or nullopt when it cannot be read (the one file reader).
std::optional<std::string> read_file(const std::filesystem::path& path);

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, and renames it over
/// `path`: a reader sees the old file or the new one, never a torn one.
Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                         bool sync = true);

/// Writes all of `bytes` to `fd` (retrying short and interrupted writes); a failure names
/// `shown`, the file the descriptor is open on.
Status write_all(int fd, std::string_view bytes, const std::filesystem::path& shown);

/// Creates `path` (and its missing parent folders) with `bytes`, never replacing anything,
/// not even a file that appeared a moment ago (O_EXCL): for the files `brief new`, `brief init`
/// and `brief theme export` start.
Status create_file(const std::filesystem::path& path, std::string_view bytes);

/// Regular files under `dir` (recursively) whose name ends with `suffix`, sorted by path.
std::vector<std::filesystem::path> list_files(const std::filesystem::path& dir,
                                              std::string_view suffix);

/// The hash of every file under `dir` (names and bytes, in path order); empty hash when the
/// folder does not exist.
Hash128 hash_tree(const std::filesystem::path& dir);

/// A hash of the names, sizes, modification times and inodes of every file under `dir`, in
/// path order (what make and ninja trust); empty hash when the folder does not exist. Raises
/// `newest_mtime_ns` to the newest modification time seen.
Hash128 stat_tree(const std::filesystem::path& dir, std::int64_t& newest_mtime_ns);

/// Adds one file's size, modification time and inode to `h` (a marker when it cannot be
/// stat'ed), raising `newest_mtime_ns` to its modification time.
void add_file_stat(Hasher& h, const std::filesystem::path& path, std::int64_t& newest_mtime_ns);

/// Like list_files, for the files of the site at `root`: hidden files and folders are skipped,
/// links that stay inside the site are followed (each folder once), and a file or folder under
/// `dir` (or `dir` itself) that is a symbolic link resolving outside `root` is left out, with
/// an error that names the link and where it points (read_refusal()); nothing is read from it.
std::vector<std::filesystem::path> list_site_files(const std::filesystem::path& root,
                                                   const std::filesystem::path& dir,
                                                   std::string_view suffix, Diagnostics& diags);

/// The bytes of the site file `root / rel`, or nullopt when it is missing or cannot be read;
/// a file that resolves outside `root` is not read, and an error names the link.
std::optional<std::string> read_site_file(const std::filesystem::path& root, const std::string& rel,
                                          Diagnostics& diags);

}  // namespace brief
