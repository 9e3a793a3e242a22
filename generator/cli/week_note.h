#pragma once
// The weekly note `brief new week` starts, shared with `brief init` (the desk's first week).
// In: an ISO week; out: the note's Markdown text.

#include <string>

#include "util/dates.h"

namespace brief::cli {

/// The note for `week`: front matter between `---` lines (title, empty summary and lists)
/// with a guidance comment, and no body.
std::string week_note_text(const IsoWeek& week);

}  // namespace brief::cli
