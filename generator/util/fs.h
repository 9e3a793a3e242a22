#pragma once
// File-system helpers: whole-file reads, crash-safe writes, sorted directory walks.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// The bytes of a file, or nullopt when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, and renames it over
/// `path`: a reader sees the old file or the new one, never a torn one. Returns an error
/// message, empty on success.
std::string write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                              bool sync = true);

/// Regular files under `dir` (recursively) whose name ends with `suffix`, sorted by path.
std::vector<std::filesystem::path> list_files(const std::filesystem::path& dir,
                                              std::string_view suffix);

}  // namespace brief
