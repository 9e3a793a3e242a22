#pragma once
// Whole-file reads with plain POSIX calls: one fstat, one allocation, one read. Loading ten
// thousand documents through an ifstream and a stringstream cost more than parsing them.

#include <filesystem>
#include <optional>
#include <string>

namespace brief {

/// The bytes of a file, or nullopt when it cannot be read.
std::optional<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace brief
