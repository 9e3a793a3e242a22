#pragma once
// The command-line parser every command shares. In: a command's spec (its long options and
// values) and the words after its name; out: the parsed options, or a usage error, and the
// --help text written from the same spec.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace brief::cli {

/// One option a command accepts.
struct OptionSpec {
    std::string name;           ///< "--output"
    std::string value_name;     ///< "DIR"; empty for a flag
    std::string help;           ///< one line
    std::string default_value;  ///< shown in --help; empty for none
    bool repeatable = false;    ///< may be given more than once (--only A --only B)
};

/// What a command line said.
struct ParsedArgs {
    std::map<std::string, std::vector<std::string>> values;  ///< option name -> values given
    std::vector<std::string> positional;
    bool help = false;
    std::string error;  ///< usage error; exit code 2

    /// True when the flag or option was given.
    bool has(const std::string& name) const { return values.count(name) > 0; }
    /// The last value given for `name`, or `fallback`.
    std::string get(const std::string& name, const std::string& fallback = {}) const;
    /// Every value given for `name`.
    std::vector<std::string> all(const std::string& name) const;
};

/// A command's description for `--help` and for the command list.
struct CommandSpec {
    std::string name;     ///< "build"
    std::string usage;    ///< "brief build [options]"
    std::string summary;  ///< one line
    std::string details;  ///< optional paragraph after the usage line
    std::vector<OptionSpec> options;
};

/// The options every command takes: --source, --verbose, --quiet, --help.
std::vector<OptionSpec> common_options();

/// Parses `args` (without the program and command names) against `spec`.
ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args);

/// The full --help text of a command.
std::string help_text(const CommandSpec& spec);

/// Parses a positive integer option; sets `error` and returns nullopt when it is not one.
std::optional<long> parse_positive(const std::string& text, const std::string& option,
                                   std::string& error);

}  // namespace brief::cli
