// brief help: the command list, one command's help, or the man page (--man).
#include <iostream>

#include "cli/commands.h"
#include "cli/man_page.h"

namespace brief::cli {

CommandSpec help_spec() {
    CommandSpec spec;
    spec.name = "help";
    spec.usage = "brief help [COMMAND] [--man]";
    spec.summary = "show the command list, a command's help, or the man page";
    spec.details =
        "Without a command, lists every command; with one, prints its options (as\n"
        "'brief COMMAND --help' does). --man prints the man page in roff, written from the same\n"
        "option tables ('brief help --man | man -l -' reads it); the package installs it as\n"
        "brief(1).";
    spec.options = {
        {"--man", "", "print the man page (roff) of every command", ""},
        {"--help", "", "show this help", ""},
    };
    return spec;
}

int run_help(const ParsedArgs& args) {
    if (args.positional.size() > 1 || (args.has("--man") && !args.positional.empty())) {
        std::cerr << "brief help: give one command, or --man alone\n";
        return kExitUsage;
    }
    if (args.has("--man")) {
        std::cout << man_page(all_commands());
        return kExitOk;
    }
    if (args.positional.empty()) {
        std::cout << overview_text();
        return kExitOk;
    }
    const Command* c = find_command(args.positional[0]);
    if (!c) {
        std::cerr << "brief: unknown command '" << args.positional[0] << "'\n";
        return kExitUsage;
    }
    std::cout << help_text(c->spec);
    return kExitOk;
}

}  // namespace brief::cli
