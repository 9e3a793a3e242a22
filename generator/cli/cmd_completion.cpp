// brief completion: a shell completion script, written from the commands' option tables.
#include <iostream>

#include "cli/commands.h"
#include "cli/completion.h"

namespace brief::cli {

CommandSpec completion_spec() {
    CommandSpec spec;
    spec.name = "completion";
    spec.usage = "brief completion bash";
    spec.summary = "print a shell completion script (bash) for brief's commands and options";
    spec.details =
        "Completes the commands, each command's options, folders after options that take a\n"
        "DIR, files after those that take a FILE, and the words a command expects (new\n"
        "briefing|week). The package installs it; elsewhere: source <(brief completion bash).";
    spec.options = {{"--help", "", "show this help", ""}};
    return spec;
}

int run_completion(const ParsedArgs& args) {
    if (args.positional.size() != 1 || args.positional[0] != "bash") {
        std::cerr << "brief completion: say which shell: brief completion bash (the only one "
                     "so far)\n";
        return kExitUsage;
    }
    std::cout << bash_completion(all_commands());
    return kExitOk;
}

}  // namespace brief::cli
