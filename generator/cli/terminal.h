#pragma once
// Output conventions. In: a stream and the environment; out: whether to colour (a terminal,
// never with NO_COLOR) and whether to show progress (a terminal only), and the strings that do.

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
