// brief: the command-line front end. Everything else lives in brief_core.
#include "cli/commands.h"

int main(int argc, char** argv) {
    return brief::cli::run_cli(argc, argv);
}
