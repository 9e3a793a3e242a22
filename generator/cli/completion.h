#pragma once
// `brief completion bash`: a bash completion script written from the commands' own option
// tables, so it offers exactly the options --help lists.

#include <string>
#include <vector>

#include "cli/commands.h"

namespace brief::cli {

/// What a command's positional argument at one place completes to.
struct PositionalCompletion {
    std::vector<std::string> words;  ///< fixed words ("briefing", "week")
    bool dirs = false;               ///< folders (a DIR metavariable)
    bool files = false;              ///< files (a FILE metavariable)
    bool commands = false;           ///< command names (COMMAND)
};

/// The positional arguments of `spec`, read from its usage lines: after "brief NAME", each
/// word up to the first option ("[COMMAND]" counts, "[--x]" ends them) is a fixed word when
/// it is lower case, and a metavariable otherwise (DIR: folders, FILE: files, COMMAND:
/// command names, anything else: nothing).
std::vector<PositionalCompletion> positional_completions(const CommandSpec& spec);

/// The bash completion script for `commands` (source it, or install it as
/// share/bash-completion/completions/brief).
std::string bash_completion(const std::vector<Command>& commands);

}  // namespace brief::cli
