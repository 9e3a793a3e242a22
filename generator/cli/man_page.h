#pragma once
// `brief help --man`: the man page, written from the commands' own option tables so it never
// disagrees with --help.

#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"

namespace brief::cli {

/// `text` escaped for a roff text line: backslashes, '-' as \-, non-ASCII as \[uXXXX], and a
/// leading '.' or '\'' guarded.
std::string roff_escape(std::string_view text);

/// The whole man page (section 1) for `commands`, in roff with the man macros.
std::string man_page(const std::vector<Command>& commands);

}  // namespace brief::cli
