#pragma once
// Output conventions: colour only on a terminal and never with NO_COLOR; progress only on a
// terminal.

#include <cstdio>
#include <string>

#include "util/diagnostic.h"

namespace brief::cli {

/// True when `stream` is a terminal.
bool is_terminal(FILE* stream);

/// True when diagnostics on `stream` should be coloured.
bool use_color(FILE* stream);

/// Prints every diagnostic to stderr, compiler style.
void print_diagnostics(const Diagnostics& diags);

}  // namespace brief::cli
