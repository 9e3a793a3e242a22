#pragma once
// What `brief --version` says: the release and the commit the binary was built from. CMake
// writes the definitions at configure time (cmake/version.cpp.in).

#include <string_view>

namespace brief {

/// The release, "0.1.0".
std::string_view brief_version();

/// The git commit the binary was built from: "1a2b3c4", "1a2b3c4-dirty" when the tree had
/// uncommitted changes, "unknown" outside a git checkout.
std::string_view brief_commit();

/// Where a desk downloads this release's Debian package by default (a placeholder the desk
/// replaces in its publishing workflow).
std::string_view brief_package_url();

/// Brief's home page, as the package and the man page give it.
std::string_view brief_homepage();

}  // namespace brief
