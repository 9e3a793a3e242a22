#include "content/yaml_reader.h"

#include <algorithm>

namespace brief {

YamlReader::YamlReader(std::string file, std::string_view file_text, int line_offset,
                       Diagnostics& diags)
    : file_(std::move(file)), text_(file_text), line_offset_(line_offset), diags_(diags) {}

std::optional<YAML::Node> YamlReader::parse(const std::string& yaml) {
    try {
        return YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        std::string msg = e.msg;
        std::string hint;
        if (msg.find("map") != std::string::npos || msg.find("mapping") != std::string::npos)
            hint =
                "check the indentation, and quote values that contain ': ' or start with a "
                "special character such as '[', '{', '*', '&' or '#'";
        int line = e.mark.is_null() ? 0 : e.mark.line + 1 + line_offset_;
        int col = e.mark.is_null() ? 0 : e.mark.column + 1;
        report(Severity::error, line, col, "invalid YAML: " + msg, hint);
        return std::nullopt;
    }
}

std::pair<int, int> YamlReader::position(const YAML::Node& node) const {
    if (!node.IsDefined()) return {0, 0};
    YAML::Mark m = node.Mark();
    if (m.is_null() || m.line < 0) return {0, 0};
    return {m.line + 1 + line_offset_, m.column + 1};
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

void YamlReader::error(const YAML::Node& at, std::string message, std::string hint) {
    auto [line, col] = position(at);
    report(Severity::error, line, col, std::move(message), std::move(hint));
}

void YamlReader::warning(const YAML::Node& at, std::string message, std::string hint) {
    auto [line, col] = position(at);
    report(Severity::warning, line, col, std::move(message), std::move(hint));
}

std::optional<std::string> YamlReader::string(const YAML::Node& value, std::string_view key) {
    if (value.IsScalar()) return value.Scalar();
    if (value.IsNull()) return std::string{};
    error(value,
          std::string(key) + ": expected text, found a " + (value.IsSequence() ? "list" : "map"),
          value.IsSequence() ? "write it as one line, or quote it if it contains '[' or ','"
                             : "quote the value if it contains ': '");
    return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& value, std::string_view key) {
    if (value.IsScalar()) {
        std::string v = value.Scalar();
        if (v == "true" || v == "True" || v == "yes" || v == "on") return true;
        if (v == "false" || v == "False" || v == "no" || v == "off") return false;
    }
    error(value, std::string(key) + ": expected true or false" +
                     (value.IsScalar() ? ", found '" + value.Scalar() + "'" : std::string{}));
    return std::nullopt;
}

std::optional<double> YamlReader::number(const YAML::Node& value, std::string_view key) {
    if (value.IsScalar()) {
        try {
            std::size_t used = 0;
            double d = std::stod(value.Scalar(), &used);
            if (used == value.Scalar().size()) return d;
        } catch (const std::exception&) {
        }
    }
    error(value, std::string(key) + ": expected a number" +
                     (value.IsScalar() ? ", found '" + value.Scalar() + "'" : std::string{}));
    return std::nullopt;
}

std::vector<std::string> YamlReader::string_list(const YAML::Node& value, std::string_view key) {
    std::vector<std::string> out;
    if (value.IsNull()) return out;
    if (value.IsScalar()) {
        out.push_back(value.Scalar());
        return out;
    }
    if (!value.IsSequence()) {
        error(value, std::string(key) + ": expected a list of text",
              "write one item per line, each starting with '- '");
        return out;
    }
    for (const auto& item : value) {
        if (item.IsScalar()) {
            out.push_back(item.Scalar());
        } else {
            error(item,
                  std::string(key) + ": expected text in the list, found a " +
                      (item.IsSequence() ? "list"
                       : item.IsMap()    ? "map"
                                         : "null"),
                  item.IsMap() ? "quote the item if it contains ': '" : std::string{});
        }
    }
    return out;
}

std::optional<std::string> YamlReader::one_of(const YAML::Node& value, std::string_view key,
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

void YamlReader::check_keys(const YAML::Node& map, const std::vector<std::string>& known,
                            std::string_view where) {
    for_each_entry(map, [&](const YAML::Node& k, const YAML::Node&, const std::string& key) {
        if (std::find(known.begin(), known.end(), key) != known.end()) return;
        std::string near = nearest(key, known);
        warning(k, "unknown key '" + key + "' in " + std::string(where),
                near.empty() ? "it is ignored" : "did you mean '" + near + "'?");
    });
}

bool YamlReader::require(const YAML::Node& map, std::string_view key, std::string_view where) {
    YamlEntry e = find_entry(map, key);
    if (e && !e.value.IsNull()) return true;
    if (e) {
        error(e.key, std::string(key) + " is empty in " + std::string(where));
    } else {
        error(map, "missing required key '" + std::string(key) + "' in " + std::string(where));
    }
    return false;
}

YamlEntry find_entry(const YAML::Node& map, std::string_view key) {
    YamlEntry out;
    if (!map.IsMap()) return out;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key) {
            out.key = it->first;
            out.value = it->second;
            out.found = true;
            return out;
        }
    }
    return out;
}

}  // namespace brief
