#pragma once
// The registry of `brief` commands. In: the command line's words; out: the exit status of the
// command they name (each command is a spec of its options plus a run function).

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/options.h"

namespace brief::cli {

/// Exit codes (DESIGN.md): 0 success, 1 content errors, 2 usage errors, 3 I/O or network.
enum ExitCode { kExitOk = 0, kExitContent = 1, kExitUsage = 2, kExitIo = 3 };

/// A registered command.
struct Command {
    CommandSpec spec;
    int (*run)(const ParsedArgs& args);
};

/// Every command, in the order `brief help` lists them.
const std::vector<Command>& all_commands();

/// The command named `name`, or nullptr.
const Command* find_command(const std::string& name);

/// What `brief` and `brief help` print: the version and every command with its summary.
std::string overview_text();

/// What `brief --version` prints: "brief 0.1.0 (commit 1a2b3c4)".
std::string version_text();

/// Entry point used by main(): dispatches argv to a command and returns the exit code.
int run_cli(int argc, char** argv);

/// Runs the command `command`; an exception that escapes it is printed to `err` as
/// "brief <command>: internal error: <what> (please report it)" and gives exit 3.
int run_guarded(const std::string& command, const std::function<int()>& run, std::ostream& err);

// Each command lives in its own file (cmd_<name>.cpp) and exposes its spec and run function.
CommandSpec build_spec();
int run_build(const ParsedArgs& args);
CommandSpec new_spec();
int run_new(const ParsedArgs& args);
CommandSpec inbox_spec();
int run_inbox(const ParsedArgs& args);
CommandSpec serve_spec();
int run_serve(const ParsedArgs& args);
CommandSpec check_spec();
int run_check(const ParsedArgs& args);
CommandSpec fetch_spec();
int run_fetch(const ParsedArgs& args);
CommandSpec feed_spec();
int run_feed(const ParsedArgs& args);
CommandSpec sources_spec();
int run_sources(const ParsedArgs& args);
CommandSpec theme_spec();
int run_theme(const ParsedArgs& args);
CommandSpec init_spec();
int run_init(const ParsedArgs& args);
CommandSpec completion_spec();
int run_completion(const ParsedArgs& args);
CommandSpec help_spec();
int run_help(const ParsedArgs& args);

}  // namespace brief::cli
