#include "cli/commands.h"

namespace brief::cli {
CommandSpec build_spec() { return {"build", "brief build [options]", "build the site", "", common_options()}; }
int run_build(const ParsedArgs&) { return 0; }
}  // namespace brief::cli
