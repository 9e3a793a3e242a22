#include "cli/commands.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace brief::cli {

const std::vector<Command>& all_commands() {
    static const std::vector<Command> commands = {
        {build_spec(), run_build}, {new_spec(), run_new},     {inbox_spec(), run_inbox},
        {serve_spec(), run_serve}, {check_spec(), run_check}, {fetch_spec(), run_fetch},
        {feed_spec(), run_feed},   {theme_spec(), run_theme},
    };
    return commands;
}

namespace {

void print_overview() {
    std::cout << "brief " << BRIEF_VERSION
              << " - a static site generator for curated briefing sites\n\n"
                 "Usage: brief <command> [options]\n\nCommands:\n";
    std::size_t width = 4;
    for (const auto& c : all_commands()) width = std::max(width, c.spec.name.size());
    for (const auto& c : all_commands())
        std::cout << "  " << c.spec.name << std::string(width - c.spec.name.size() + 2, ' ')
                  << c.spec.summary << "\n";
    std::cout
        << "  help" << std::string(width - 4 + 2, ' ') << "show this list, or a command's help\n"
        << "\nRun 'brief <command> --help' for a command's options.\n"
           "Exit codes: 0 success, 1 content errors, 2 usage errors, 3 I/O or network failure.\n";
}

const Command* find_command(const std::string& name) {
    for (const auto& c : all_commands())
        if (c.spec.name == name) return &c;
    return nullptr;
}

}  // namespace

int run_cli(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_overview();
        return kExitUsage;
    }
    const std::string& first = args[0];
    if (first == "--version" || first == "-V" || first == "version") {
        std::cout << "brief " << BRIEF_VERSION << "\n";
        return kExitOk;
    }
    if (first == "help" || first == "--help" || first == "-h") {
        if (args.size() > 1) {
            if (const Command* c = find_command(args[1])) {
                std::cout << help_text(c->spec);
                return kExitOk;
            }
            std::cerr << "brief: unknown command '" << args[1] << "'\n";
            return kExitUsage;
        }
        print_overview();
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
    return cmd->run(parsed);
}

}  // namespace brief::cli
