#pragma once
// The write stage: Outputs -> the output folder. The new site is written beside the old one
// and swapped in at the end, so a reader (or a failed build) never sees half a site.

#include <filesystem>
#include <string>
#include <vector>

#include "render/render.h"

namespace brief {

/// What writing did.
struct WriteResult {
    std::size_t files = 0;
    std::size_t bytes = 0;
    std::string error;  ///< empty on success
};

/// Writes every output into a temporary folder beside `output_dir`, then swaps it into place
/// (atomically with renameat2 where the file system allows) and removes the old tree.
WriteResult write_site(const std::filesystem::path& output_dir, const std::vector<Output>& outputs);

}  // namespace brief
