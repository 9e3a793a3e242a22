#include "cli/options.h"

#include <charconv>

namespace brief::cli {

std::string ParsedArgs::get(const std::string& name, const std::string& fallback) const {
    auto it = values.find(name);
    if (it == values.end() || it->second.empty()) return fallback;
    return it->second.back();
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::vector<std::string>{} : it->second;
}

std::vector<OptionSpec> common_options() {
    return {
        {"--source", "DIR", "the site folder (holding content/, templates/, sources.yaml)", "."},
        {"--verbose", "", "print each stage with its time", ""},
        {"--quiet", "", "print only errors", ""},
        {"--help", "", "show this help", ""},
    };
}

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
    ParsedArgs out;
    auto find = [&](const std::string& name) -> const OptionSpec* {
        for (const auto& o : spec.options)
            if (o.name == name) return &o;
        return nullptr;
    };
    bool only_positional = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (only_positional || arg.size() < 2 || arg[0] != '-') {
            out.positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            only_positional = true;
            continue;
        }
        if (arg == "-h" || arg == "--help") {
            out.help = true;
            continue;
        }
        std::string value;
        bool inline_value = false;
        if (auto eq = arg.find('='); eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            inline_value = true;
        }
        if (arg == "-j") arg = "--jobs";
        if (arg == "-q") arg = "--quiet";
        if (arg == "-v") arg = "--verbose";
        const OptionSpec* opt = find(arg);
        if (!opt) {
            std::vector<std::string> names;
            for (const auto& o : spec.options) names.push_back(o.name);
            out.error = "unknown option '" + arg + "' for 'brief " + spec.name + "'";
            std::string near;
            std::size_t best = 4;
            for (const auto& n : names) {
                // Cheap nearest-name hint without pulling in the diagnostic helpers.
                std::size_t common = 0;
                while (common < n.size() && common < arg.size() && n[common] == arg[common])
                    ++common;
                std::size_t diff = std::max(n.size(), arg.size()) - common;
                if (diff < best) {
                    best = diff;
                    near = n;
                }
            }
            if (!near.empty()) out.error += " (did you mean '" + near + "'?)";
            return out;
        }
        if (opt->value_name.empty()) {
            if (inline_value) {
                out.error = "option '" + arg + "' takes no value";
                return out;
            }
            out.values[arg].push_back("");
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= args.size()) {
                out.error = "option '" + arg + "' needs a value (" + opt->value_name + ")";
                return out;
            }
            value = args[++i];
        }
        if (!opt->repeatable && out.values.count(arg) && !out.values[arg].empty()) {
            out.values[arg].clear();
        }
        out.values[arg].push_back(value);
    }
    if (out.has("--verbose") && out.has("--quiet"))
        out.error = "--verbose and --quiet exclude each other";
    return out;
}

std::string help_text(const CommandSpec& spec) {
    std::string out = spec.summary + "\n\nUsage: " + spec.usage + "\n";
    if (!spec.details.empty()) out += "\n" + spec.details + "\n";
    out += "\nOptions:\n";
    std::size_t width = 0;
    auto left = [](const OptionSpec& o) {
        return o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    };
    for (const auto& o : spec.options) width = std::max(width, left(o).size());
    for (const auto& o : spec.options) {
        std::string l = left(o);
        out += "  " + l + std::string(width - l.size() + 2, ' ') + o.help;
        if (!o.default_value.empty()) out += " (default: " + o.default_value + ")";
        out += "\n";
    }
    return out;
}

std::optional<long> parse_positive(const std::string& text, const std::string& option,
                                   std::string& error) {
    long v = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc{} || res.ptr != text.data() + text.size() || v <= 0) {
        error = "option '" + option + "' expects a positive number, got '" + text + "'";
        return std::nullopt;
    }
    return v;
}

}  // namespace brief::cli
