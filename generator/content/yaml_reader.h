#pragma once
// Reads YAML (front matter, site.yaml, sources.yaml, data files, labels) with libyaml's event
// parser into a small tree of YamlNode, each node with its line and column, and turns every
// problem into a Diagnostic that points at the file's own line and column.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace brief {

/// One node of a YAML document: null, a scalar, a list or a map, with its position.
class YamlNode {
  public:
    /// What the node holds; `undefined` is the node a lookup returns when nothing is there.
    enum class Type : unsigned char { undefined, null, scalar, list, map };

    YamlNode() = default;
    /// A node of `type` starting at 0-based `line` and `column` (in characters).
    YamlNode(Type type, int line, int column) : type_(type), line_(line), column_(column) {}

    /// False for the node a failed lookup returns.
    bool defined() const { return type_ != Type::undefined; }
    /// True for an empty value, `~` and `null` (plain, unquoted).
    bool is_null() const { return type_ == Type::null; }
    /// True for text (quoted or plain, not null).
    bool is_scalar() const { return type_ == Type::scalar; }
    /// True for a list.
    bool is_list() const { return type_ == Type::list; }
    /// True for a map.
    bool is_map() const { return type_ == Type::map; }
    /// The text of a scalar ("" otherwise).
    const std::string& scalar() const { return text_; }
    /// 0-based line of the node's first character in the parsed text.
    int line() const { return line_; }
    /// 0-based column, in characters, of the node's first character.
    int column() const { return column_; }

    /// A list's items (empty for anything else).
    const std::vector<YamlNode>& items() const { return is_list() ? children_ : empty(); }
    /// A list's items, for range-for.
    auto begin() const { return items().begin(); }
    /// End of a list's items.
    auto end() const { return items().end(); }
    /// A map's number of entries.
    std::size_t entry_count() const { return is_map() ? children_.size() / 2 : 0; }
    /// The key node of a map's entry `i`.
    const YamlNode& key_at(std::size_t i) const { return children_[2 * i]; }
    /// The value node of a map's entry `i`.
    const YamlNode& value_at(std::size_t i) const { return children_[2 * i + 1]; }

  private:
    friend class YamlTreeBuilder;
    static const std::vector<YamlNode>& empty();

    Type type_ = Type::undefined;
    int line_ = -1;
    int column_ = -1;
    std::string text_;
    std::vector<YamlNode> children_;  // list items; for a map, key and value alternating
};

/// A YAML text with the place it came from, and the diagnostics it produced.
class YamlReader {
  public:
    /// `line_offset`: lines of the file before the YAML text starts (1 for front matter).
    YamlReader(std::string file, std::string_view file_text, int line_offset, Diagnostics& diags);

    /// Parses the first document of `yaml` (an empty text is a null node); on a syntax error
    /// adds a diagnostic and returns nullopt. `yaml` must outlive the reader.
    [[nodiscard]] std::optional<YamlNode> parse(std::string_view yaml);

    /// Adds an error at the node's position (key nodes point at the key, values at the value).
    void error(const YamlNode& at, std::string message, std::string hint = {});
    /// Adds a warning at the node's position.
    void warning(const YamlNode& at, std::string message, std::string hint = {});
    /// Adds a diagnostic at an explicit 1-based position of the file.
    void report(Severity s, int line, int column, std::string message, std::string hint = {});

    /// A scalar as a string; reports "`key`: expected text" for a map or list.
    std::optional<std::string> string(const YamlNode& value, std::string_view key);
    /// A boolean (true/false/yes/no); reports anything else.
    std::optional<bool> boolean(const YamlNode& value, std::string_view key);
    /// A number; reports anything else.
    std::optional<double> number(const YamlNode& value, std::string_view key);
    /// A list of strings; a single string is accepted as a list of one.
    std::vector<std::string> string_list(const YamlNode& value, std::string_view key);
    /// One of `allowed`; reports the value, the allowed set and the nearest one.
    std::optional<std::string> one_of(const YamlNode& value, std::string_view key,
                                      const std::vector<std::string>& allowed);
    /// Warns about every key of `map` not in `known`, with the nearest known key as a hint.
    void check_keys(const YamlNode& map, const std::vector<std::string>& known,
                    std::string_view where);
    /// Reports an error when `map` has no `key`; returns whether it is present and not null.
    bool require(const YamlNode& map, std::string_view key, std::string_view where);

    /// Position (1-based line, column in bytes) of a node in the file; {0,0} when unknown.
    std::pair<int, int> position(const YamlNode& node) const;
    /// The file name diagnostics carry.
    const std::string& file() const { return file_; }
    /// The diagnostics sink.
    Diagnostics& diagnostics() { return diags_; }

  private:
    std::pair<int, int> file_position(int line, int char_column) const;

    std::string file_;
    std::string_view text_;
    std::string_view yaml_;
    int line_offset_;
    Diagnostics& diags_;
};

/// Iterates a YAML map in document order: f(key_node, value_node, key_string).
template <typename F>
void for_each_entry(const YamlNode& map, F&& f) {
    for (std::size_t i = 0; i < map.entry_count(); ++i) {
        const YamlNode& k = map.key_at(i);
        f(k, map.value_at(i), k.is_scalar() ? k.scalar() : std::string{});
    }
}

/// The value node of `key` in `map`, plus its key node (for positions); both undefined if
/// absent.
struct YamlEntry {
    YamlNode key;
    YamlNode value;
    bool found = false;
    explicit operator bool() const { return found; }
};
/// Finds the first `key` in `map`.
YamlEntry find_entry(const YamlNode& map, std::string_view key);
/// The value of the first `key` in `map`, or nullptr (no copy, unlike find_entry).
const YamlNode* find_value(const YamlNode& map, std::string_view key);

}  // namespace brief
