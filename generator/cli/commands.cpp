#include "cli/commands.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>

#include "util/version.h"

namespace brief::cli {

const std::vector<Command>& all_commands() {
    static const std::vector<Command> commands = {
        {init_spec(), run_init},
        {build_spec(), run_build},
        {serve_spec(), run_serve},
        {new_spec(), run_new},
        {inbox_spec(), run_inbox},
        {check_spec(), run_check},
        {fetch_spec(), run_fetch},
        {feed_spec(), run_feed},
        {sources_spec(), run_sources},
        {theme_spec(), run_theme},
        {completion_spec(), run_completion},
        {help_spec(), run_help},
    };
    return commands;
}

const Command* find_command(const std::string& name) {
    for (const auto& c : all_commands())
        if (c.spec.name == name) return &c;
    return nullptr;
}

std::string overview_text() {
    std::string out = "brief " + std::string(brief_version()) +
                      " - a static site generator for curated briefing sites\n\n"
                      "Usage: brief <command> [options]\n\nCommands:\n";
    std::size_t width = 4;
    for (const auto& c : all_commands()) width = std::max(width, c.spec.name.size());
    for (const auto& c : all_commands())
        out += "  " + c.spec.name + std::string(width - c.spec.name.size() + 2, ' ') +
               c.spec.summary + "\n";
    out +=
        "\nStart a desk: brief init mydesk && cd mydesk && brief serve\n"
        "Run 'brief <command> --help' for a command's options, 'man brief' for all of them.\n"
        "Exit codes: 0 success, 1 content errors, 2 usage errors, 3 I/O or network failure.\n";
    return out;
}

std::string version_text() {
    return "brief " + std::string(brief_version()) + " (commit " + std::string(brief_commit()) +
           ")\n";
}

int run_cli(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cout << overview_text();
        return kExitUsage;
    }
    const std::string& first = args[0];
    if (first == "--version" || first == "-V" || first == "version") {
        std::cout << version_text();
        return kExitOk;
    }
    if (first == "--help" || first == "-h") {
        std::cout << overview_text();
        return kExitOk;
    }
    const Command* cmd = find_command(first);
    if (!cmd) {
        std::cerr << "brief: unknown command '" << first << "'. Run 'brief help' for the list.\n";
        return kExitUsage;
    }
    ParsedArgs parsed = parse_args(cmd->spec, {args.begin() + 1, args.end()});
    if (parsed.help) {
        std::cout << help_text(cmd->spec);
        return kExitOk;
    }
    if (!parsed.error.empty()) {
        std::cerr << "brief " << cmd->spec.name << ": " << parsed.error << "\nRun 'brief "
                  << cmd->spec.name << " --help' for its options.\n";
        return kExitUsage;
    }
    return run_guarded(
        cmd->spec.name, [&] { return cmd->run(parsed); }, std::cerr);
}

int run_guarded(const std::string& command, const std::function<int()>& run, std::ostream& err) {
    // Whatever a bug lets escape still ends the command the way every failure does: one line
    // that says what happened, and an exit code a script can test.
    auto report = [&](const std::string& what) {
        err << "brief " << command << ": internal error: " << what << " (please report it)\n";
        return static_cast<int>(kExitIo);
    };
    try {
        return run();
    } catch (const std::exception& e) {
        return report(e.what());
    } catch (...) {
        return report("an unknown exception");
    }
}

}  // namespace brief::cli
