#include "cli/terminal.h"

#include <unistd.h>

#include <cstdlib>

namespace brief::cli {

bool is_terminal(FILE* stream) {
    return ::isatty(fileno(stream)) == 1;
}

bool use_color(FILE* stream) {
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    const char* term = std::getenv("TERM");
    if (term && std::string(term) == "dumb") return false;
    return is_terminal(stream);
}

void print_diagnostics(const Diagnostics& diags) {
    bool color = use_color(stderr);
    for (const auto& d : diags.items()) std::fputs(format_diagnostic(d, color).c_str(), stderr);
}

}  // namespace brief::cli
