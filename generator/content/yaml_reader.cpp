#include "content/yaml_reader.h"

#include <yaml.h>

#include <algorithm>
#include <map>
#include <memory>

namespace brief {

const std::vector<YamlNode>& YamlNode::empty() {
    static const std::vector<YamlNode> none;
    return none;
}

namespace {

struct ParserDeleter {
    void operator()(yaml_parser_t* p) const {
        yaml_parser_delete(p);
        delete p;
    }
};
using ParserPtr = std::unique_ptr<yaml_parser_t, ParserDeleter>;

struct Event {
    yaml_event_t e{};
    Event() = default;
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;
    ~Event() { yaml_event_delete(&e); }
};

bool is_null_word(std::string_view s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// libyaml's problems in a sentence a writer can act on, with the hint that goes with it.
struct ProblemText {
    std::string_view libyaml;
    std::string_view message;
    bool indentation_hint;
};
constexpr ProblemText kProblems[] = {
    {"did not find expected ',' or ']'", "a list in [ ] is not closed with ']'", false},
    {"did not find expected ',' or '}'", "a map in { } is not closed with '}'", true},
    {"mapping values are not allowed in this context",
     "a ': ' where a map cannot start (a value with ': ' in it needs quotes)", true},
    {"did not find expected key", "a line does not continue the map it is indented under", true},
    {"did not find expected '-' indicator",
     "a line does not continue the list it is indented under", false},
    {"could not find expected ':'", "a line is neither 'key: value' nor a list entry", true},
    {"invalid leading UTF-8 octet", "a byte that is not UTF-8", false},
    {"invalid trailing UTF-8 octet", "a byte that is not UTF-8", false},
    {"incomplete UTF-8 octet sequence", "a byte that is not UTF-8", false},
    {"did not find expected node content", "a key or list entry has no value where one must be",
     true},
    {"found character that cannot start any token",
     "a value starts with a character that needs quotes", true},
    {"found undefined alias", "the referenced anchor is not defined", false},
    {"found unexpected end of stream", "a quoted value is not closed", false},
    {"found unknown escape character", "unknown escape character in a double-quoted value", false},
    {"block sequence entries are not allowed in this context",
     "a list entry '- ' where a list cannot start", true},
    {"found a tab character that violates indentation",
     "a tab in the indentation (YAML indents with spaces)", false},
    {"did not find expected comment or line break",
     "unexpected text where the line should end (after a '|' or '>', or a closing quote)", false},
    {"did not find expected alphabetic or numeric character",
     "an anchor '&' or alias '*' needs a name of letters and digits", false},
    {"did not find expected hexdecimal number", "a \\x, \\u or \\U escape needs hexadecimal digits",
     false},
    {"found an indentation indicator equal to 0",
     "a block scalar's indentation indicator cannot be 0", false},
    {"found unexpected ':'", "a ':' that needs quotes", true},
    {"did not find expected whitespace or line break", "a tag '!' needs a space after it", false},
    {"found a tab character where an indentation space is expected",
     "a tab in the indentation (YAML indents with spaces)", false},
};

}  // namespace

// Builds the tree from libyaml's events: containers open on a stack and close into their
// parent, anchors are copied where an alias names them.
class YamlTreeBuilder {
  public:
    // Nodes free their children recursively: a bound on depth keeps that off the stack's end.
    static constexpr std::size_t kMaxDepth = 256;

    // False when the new list or map would nest deeper than kMaxDepth.
    bool open(YamlNode::Type type, const yaml_mark_t& m, const yaml_char_t* anchor) {
        if (stack_.size() >= kMaxDepth) return false;
        stack_.emplace_back(type, static_cast<int>(m.line), static_cast<int>(m.column));
        anchors_open_.push_back(anchor ? reinterpret_cast<const char*>(anchor) : "");
        return true;
    }
    void close() {
        YamlNode node = std::move(stack_.back());
        std::string anchor = std::move(anchors_open_.back());
        stack_.pop_back();
        anchors_open_.pop_back();
        add(std::move(node), anchor);
    }
    // An empty value is placed at the token after it, as Brief's diagnostics always placed it.
    void place_pending(const yaml_mark_t& m) {
        if (!pending_empty_) return;
        pending_empty_ = false;
        YamlNode& n = stack_.empty() ? root_ : stack_.back().children_.back();
        n.line_ = static_cast<int>(m.line);
        n.column_ = static_cast<int>(m.column);
    }
    void scalar(const yaml_event_t& e) {
        std::string_view v(reinterpret_cast<const char*>(e.data.scalar.value),
                           e.data.scalar.length);
        bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !e.data.scalar.tag;
        YamlNode n(plain && is_null_word(v) ? YamlNode::Type::null : YamlNode::Type::scalar,
                   static_cast<int>(e.start_mark.line), static_cast<int>(e.start_mark.column));
        if (n.is_scalar()) n.text_.assign(v);
        const char* anchor = reinterpret_cast<const char*>(e.data.scalar.anchor);
        bool empty = plain && v.empty() && !anchor;
        add(std::move(n), anchor ? anchor : "");
        pending_empty_ = empty;
    }
    // False when the alias names no anchor.
    bool alias(const yaml_event_t& e) {
        auto it = anchors_.find(reinterpret_cast<const char*>(e.data.alias.anchor));
        if (it == anchors_.end()) return false;
        YamlNode copy = it->second;
        add(std::move(copy), "");
        return true;
    }
    bool done() const { return has_root_; }
    YamlNode take() { return std::move(root_); }

  private:
    void add(YamlNode node, const std::string& anchor) {
        if (!anchor.empty()) anchors_[anchor] = node;
        if (stack_.empty()) {
            root_ = std::move(node);
            has_root_ = true;
        } else {
            stack_.back().children_.push_back(std::move(node));
        }
    }

    std::vector<YamlNode> stack_;
    std::vector<std::string> anchors_open_;
    std::map<std::string, YamlNode, std::less<>> anchors_;
    YamlNode root_{YamlNode::Type::null, 0, 0};
    bool has_root_ = false;
    bool pending_empty_ = false;
};

YamlReader::YamlReader(std::string file, std::string_view file_text, int line_offset,
                       Diagnostics& diags)
    : file_(std::move(file)), text_(file_text), line_offset_(line_offset), diags_(diags) {}

std::optional<YamlNode> YamlReader::parse(std::string_view yaml) {
    yaml_ = yaml;
    ParserPtr parser(new yaml_parser_t);
    if (!yaml_parser_initialize(parser.get())) {
        delete parser.release();
        report(Severity::error, 0, 0, "invalid YAML: out of memory");
        return std::nullopt;
    }
    yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(yaml.data()),
                                 yaml.size());
    YamlTreeBuilder tree;
    while (true) {
        Event ev;
        if (!yaml_parser_parse(parser.get(), &ev.e)) {
            const yaml_parser_t& p = *parser;
            std::string_view problem = p.problem ? p.problem : "unreadable text";
            std::string message(problem);
            bool hint = false;
            for (const auto& known : kProblems) {
                if (problem == known.libyaml) {
                    message = std::string(known.message);
                    hint = known.indentation_hint;
                    break;
                }
            }
            // A key without ':' or a quote left open is found at the end of the text; point at
            // where the key or the quoted value starts.
            const bool at_start = problem == "could not find expected ':'" ||
                                  (problem == "found unexpected end of stream" && p.context);
            const yaml_mark_t& at = at_start ? p.context_mark : p.problem_mark;
            auto [line, col] =
                file_position(static_cast<int>(at.line), static_cast<int>(at.column));
            report(Severity::error, line, col, "invalid YAML: " + message,
                   hint ? "check the indentation, and quote values that contain ': ' or start "
                          "with a special character such as '[', '{', '*', '&' or '#'"
                        : std::string{});
            return std::nullopt;
        }
        const yaml_event_t& e = ev.e;
        tree.place_pending(e.start_mark);
        switch (e.type) {
            case YAML_SCALAR_EVENT:
                tree.scalar(e);
                break;
            case YAML_SEQUENCE_START_EVENT:
            case YAML_MAPPING_START_EVENT: {
                const bool list = e.type == YAML_SEQUENCE_START_EVENT;
                if (!tree.open(list ? YamlNode::Type::list : YamlNode::Type::map, e.start_mark,
                               list ? e.data.sequence_start.anchor : e.data.mapping_start.anchor)) {
                    auto [line, col] = file_position(static_cast<int>(e.start_mark.line),
                                                     static_cast<int>(e.start_mark.column));
                    report(Severity::error, line, col,
                           "invalid YAML: lists and maps nest deeper than " +
                               std::to_string(YamlTreeBuilder::kMaxDepth) + " levels");
                    return std::nullopt;
                }
                break;
            }
            case YAML_SEQUENCE_END_EVENT:
            case YAML_MAPPING_END_EVENT:
                tree.close();
                break;
            case YAML_ALIAS_EVENT:
                if (!tree.alias(e)) {
                    auto [line, col] = file_position(static_cast<int>(e.start_mark.line),
                                                     static_cast<int>(e.start_mark.column));
                    report(Severity::error, line, col,
                           "invalid YAML: the referenced anchor is not defined");
                    return std::nullopt;
                }
                break;
            default:
                break;
        }
        // Only the first document counts.
        if (e.type == YAML_DOCUMENT_END_EVENT || e.type == YAML_STREAM_END_EVENT) break;
    }
    return tree.take();
}

std::pair<int, int> YamlReader::file_position(int line, int char_column) const {
    if (line < 0) return {0, 0};
    // libyaml counts columns in characters; diagnostics count bytes of the line.
    std::size_t start = 0;
    for (int l = 0; l < line && start != std::string_view::npos; ++l) {
        start = yaml_.find('\n', start);
        if (start != std::string_view::npos) ++start;
    }
    int bytes = char_column;
    if (start != std::string_view::npos) {
        std::size_t at = start;
        for (int c = 0; c < char_column && at < yaml_.size(); ++c) {
            ++at;
            while (at < yaml_.size() && (static_cast<unsigned char>(yaml_[at]) & 0xC0) == 0x80)
                ++at;
        }
        bytes = static_cast<int>(at - start);
    }
    return {line + 1 + line_offset_, bytes + 1};
}

std::pair<int, int> YamlReader::position(const YamlNode& node) const {
    if (!node.defined()) return {0, 0};
    return file_position(node.line(), node.column());
}

void YamlReader::report(Severity s, int line, int column, std::string message, std::string hint) {
    Diagnostic d;
    d.file = file_;
    d.line = line;
    d.column = column;
    d.severity = s;
    d.message = std::move(message);
    d.hint = std::move(hint);
    if (line > 0) d.source_line = std::string(line_of(text_, line));
    diags_.add(std::move(d));
}

void YamlReader::error(const YamlNode& at, std::string message, std::string hint) {
    auto [line, col] = position(at);
    report(Severity::error, line, col, std::move(message), std::move(hint));
}

void YamlReader::warning(const YamlNode& at, std::string message, std::string hint) {
    auto [line, col] = position(at);
    report(Severity::warning, line, col, std::move(message), std::move(hint));
}

std::optional<std::string> YamlReader::string(const YamlNode& value, std::string_view key) {
    if (value.is_scalar()) return value.scalar();
    if (value.is_null()) return std::string{};
    error(value,
          std::string(key) + ": expected text, found a " + (value.is_list() ? "list" : "map"),
          value.is_list() ? "write it as one line, or quote it if it contains '[' or ','"
                          : "quote the value if it contains ': '");
    return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YamlNode& value, std::string_view key) {
    if (value.is_scalar()) {
        const std::string& v = value.scalar();
        if (v == "true" || v == "True" || v == "yes" || v == "on") return true;
        if (v == "false" || v == "False" || v == "no" || v == "off") return false;
    }
    error(value, std::string(key) + ": expected true or false" +
                     (value.is_scalar() ? ", found '" + value.scalar() + "'" : std::string{}));
    return std::nullopt;
}

std::optional<double> YamlReader::number(const YamlNode& value, std::string_view key) {
    if (value.is_scalar()) {
        try {
            std::size_t used = 0;
            double d = std::stod(value.scalar(), &used);
            if (used == value.scalar().size()) return d;
        } catch (const std::exception&) {
        }
    }
    error(value, std::string(key) + ": expected a number" +
                     (value.is_scalar() ? ", found '" + value.scalar() + "'" : std::string{}));
    return std::nullopt;
}

std::vector<std::string> YamlReader::string_list(const YamlNode& value, std::string_view key) {
    std::vector<std::string> out;
    if (value.is_null()) return out;
    if (value.is_scalar()) {
        out.push_back(value.scalar());
        return out;
    }
    if (!value.is_list()) {
        error(value, std::string(key) + ": expected a list of text",
              "write one item per line, each starting with '- '");
        return out;
    }
    out.reserve(value.items().size());
    for (const auto& item : value) {
        if (item.is_scalar()) {
            out.push_back(item.scalar());
        } else {
            error(item,
                  std::string(key) + ": expected text in the list, found a " +
                      (item.is_list()  ? "list"
                       : item.is_map() ? "map"
                                       : "null"),
                  item.is_map() ? "quote the item if it contains ': '" : std::string{});
        }
    }
    return out;
}

std::optional<std::string> YamlReader::one_of(const YamlNode& value, std::string_view key,
                                              const std::vector<std::string>& allowed) {
    auto s = string(value, key);
    if (!s) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *s) != allowed.end()) return s;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    std::string near = nearest(*s, allowed);
    error(value, std::string(key) + ": '" + *s + "' is not one of " + list,
          near.empty() ? std::string{} : "did you mean '" + near + "'?");
    return std::nullopt;
}

void YamlReader::check_keys(const YamlNode& map, const std::vector<std::string>& known,
                            std::string_view where) {
    for_each_entry(map, [&](const YamlNode& k, const YamlNode&, const std::string& key) {
        if (std::find(known.begin(), known.end(), key) != known.end()) return;
        std::string near = nearest(key, known);
        warning(k, "unknown key '" + key + "' in " + std::string(where),
                near.empty() ? "it is ignored" : "did you mean '" + near + "'?");
    });
}

bool YamlReader::require(const YamlNode& map, std::string_view key, std::string_view where) {
    for (std::size_t i = 0; i < map.entry_count(); ++i) {
        const YamlNode& k = map.key_at(i);
        if (!k.is_scalar() || k.scalar() != key) continue;
        if (!map.value_at(i).is_null()) return true;
        error(k, std::string(key) + " is empty in " + std::string(where));
        return false;
    }
    error(map, "missing required key '" + std::string(key) + "' in " + std::string(where));
    return false;
}

const YamlNode* find_value(const YamlNode& map, std::string_view key) {
    for (std::size_t i = 0; i < map.entry_count(); ++i) {
        const YamlNode& k = map.key_at(i);
        if (k.is_scalar() && k.scalar() == key) return &map.value_at(i);
    }
    return nullptr;
}

YamlEntry find_entry(const YamlNode& map, std::string_view key) {
    YamlEntry out;
    for (std::size_t i = 0; i < map.entry_count(); ++i) {
        const YamlNode& k = map.key_at(i);
        if (k.is_scalar() && k.scalar() == key) {
            out.key = k;
            out.value = map.value_at(i);
            out.found = true;
            return out;
        }
    }
    return out;
}

}  // namespace brief
