#pragma once
// Reads YAML (front matter, site.yaml, sources.yaml, data files) into typed values and turns
// every problem into a Diagnostic that points at the file's own line and column.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace brief {

/// A YAML text with the place it came from, and the diagnostics it produced.
class YamlReader {
  public:
    /// `line_offset`: lines of the file before the YAML text starts (1 for front matter).
    YamlReader(std::string file, std::string_view file_text, int line_offset, Diagnostics& diags);

    /// Parses `yaml`; on a syntax error adds a diagnostic and returns nullopt.
    std::optional<YAML::Node> parse(const std::string& yaml);

    /// Adds an error at the node's position (key nodes point at the key, values at the value).
    void error(const YAML::Node& at, std::string message, std::string hint = {});
    /// Adds a warning at the node's position.
    void warning(const YAML::Node& at, std::string message, std::string hint = {});
    /// Adds a diagnostic at an explicit 1-based position of the file.
    void report(Severity s, int line, int column, std::string message, std::string hint = {});

    /// A scalar as a string; reports "`key`: expected text" for a map or list.
    std::optional<std::string> string(const YAML::Node& value, std::string_view key);
    /// A boolean (true/false/yes/no); reports anything else.
    std::optional<bool> boolean(const YAML::Node& value, std::string_view key);
    /// A number; reports anything else.
    std::optional<double> number(const YAML::Node& value, std::string_view key);
    /// A list of strings; a single string is accepted as a list of one.
    std::vector<std::string> string_list(const YAML::Node& value, std::string_view key);
    /// One of `allowed`; reports the value, the allowed set and the nearest one.
    std::optional<std::string> one_of(const YAML::Node& value, std::string_view key,
                                      const std::vector<std::string>& allowed);
    /// Warns about every key of `map` not in `known`, with the nearest known key as a hint.
    void check_keys(const YAML::Node& map, const std::vector<std::string>& known,
                    std::string_view where);
    /// Reports an error when `map` has no `key`; returns whether it is present and not null.
    bool require(const YAML::Node& map, std::string_view key, std::string_view where);

    /// Position (1-based line, column) of a node in the file; {0,0} when unknown.
    std::pair<int, int> position(const YAML::Node& node) const;
    /// The file name diagnostics carry.
    const std::string& file() const { return file_; }
    /// The diagnostics sink.
    Diagnostics& diagnostics() { return diags_; }

  private:
    std::string file_;
    std::string_view text_;
    int line_offset_;
    Diagnostics& diags_;
};

/// Iterates a YAML map in document order: f(key_node, value_node, key_string).
template <typename F>
void for_each_entry(const YAML::Node& map, F&& f) {
    if (!map.IsMap()) return;
    for (auto it = map.begin(); it != map.end(); ++it) {
        std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string{};
        f(it->first, it->second, key);
    }
}

/// The value node of `key` in `map`, plus its key node (for positions); both invalid if absent.
struct YamlEntry {
    YAML::Node key;
    YAML::Node value;
    bool found = false;
    explicit operator bool() const { return found; }
};
/// Finds `key` in `map`.
YamlEntry find_entry(const YAML::Node& map, std::string_view key);

}  // namespace brief
