#include "content/front_matter_fast.h"

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "content/front_matter.h"
#include "util/url.h"
#include "util/text.h"
#include "util/utf8.h"

namespace brief {
namespace {

// The subset of YAML this reads: a value is a scalar or a list; a list item is a scalar or a
// one-level map of scalars.
struct Item {
    bool is_map = false;
    std::string scalar;
    std::vector<std::pair<std::string, std::string>> map;
};

struct Value {
    bool is_list = false;
    std::string scalar;
    std::vector<Item> items;
};

using Entries = std::vector<std::pair<std::string, Value>>;

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

std::string_view rtrim_spaces(std::string_view s) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// A quoted scalar starting at s[0]; `rest` gets what follows the closing quote.
std::optional<std::string> quoted(std::string_view s, std::string_view& rest) {
    std::string out;
    const char q = s[0];
    std::size_t i = 1;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (q == '\'') {
            if (c == '\'') {
                if (i + 1 < s.size() && s[i + 1] == '\'') {
                    out += '\'';
                    ++i;
                    continue;
                }
                break;
            }
            out += c;
            continue;
        }
        if (c == '"') break;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= s.size()) return std::nullopt;
        switch (s[i]) {
            case '\\':
                out += '\\';
                break;
            case '"':
                out += '"';
                break;
            case '/':
                out += '/';
                break;
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'x':
            case 'u': {
                std::size_t n = s[i] == 'x' ? 2 : 4;
                if (i + n >= s.size()) return std::nullopt;
                std::uint32_t cp = 0;
                for (std::size_t k = 1; k <= n; ++k) {
                    char h = s[i + k];
                    cp <<= 4;
                    if (h >= '0' && h <= '9')
                        cp |= static_cast<std::uint32_t>(h - '0');
                    else if (h >= 'a' && h <= 'f')
                        cp |= static_cast<std::uint32_t>(h - 'a' + 10);
                    else if (h >= 'A' && h <= 'F')
                        cp |= static_cast<std::uint32_t>(h - 'A' + 10);
                    else
                        return std::nullopt;
                }
                if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
                append_utf8(out, cp);
                i += n;
                break;
            }
            default:
                return std::nullopt;  // an escape this reader leaves to yaml-cpp
        }
    }
    if (i >= s.size()) return std::nullopt;  // unclosed, or closed on another line
    rest = s.substr(i + 1);
    return out;
}

// A plain scalar as yaml-cpp reads it, when nothing in it could mean anything else.
std::optional<std::string> plain(std::string_view s, bool flow) {
    s = rtrim_spaces(s);
    if (s.empty()) return std::nullopt;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos)
        return std::nullopt;
    if (s.back() == ':' || s.find(": ") != std::string_view::npos ||
        s.find(" #") != std::string_view::npos)
        return std::nullopt;
    // yaml-cpp refuses some of these inside flow plain scalars even where YAML allows them.
    if (flow && s.find_first_of(",[]{}#:?&*!|>'\"%@`") != std::string_view::npos)
        return std::nullopt;
    if (s == "~" || s == "null" || s == "Null" || s == "NULL") return std::nullopt;
    return std::string(s);
}

// A scalar on the rest of a line: quoted (nothing after it) or plain.
std::optional<std::string> scalar(std::string_view s) {
    if (s.empty()) return std::nullopt;
    if (s[0] == '"' || s[0] == '\'') {
        std::string_view rest;
        auto v = quoted(s, rest);
        if (!v || !rtrim_spaces(rest).empty()) return std::nullopt;
        return v;
    }
    return plain(s, false);
}

std::optional<std::vector<Item>> flow_list(std::string_view s) {
    // s starts with '[' and, trimmed, ends with ']'.
    s = rtrim_spaces(s);
    if (s.size() < 2 || s.back() != ']') return std::nullopt;
    std::string_view inner = s.substr(1, s.size() - 2);
    std::vector<Item> items;
    while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
    if (rtrim_spaces(inner).empty()) return items;
    for (;;) {
        while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
        Item item;
        if (!inner.empty() && (inner[0] == '"' || inner[0] == '\'')) {
            std::string_view rest;
            auto v = quoted(inner, rest);
            if (!v) return std::nullopt;
            item.scalar = std::move(*v);
            inner = rest;
            while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
        } else {
            std::size_t comma = inner.find(',');
            auto v = plain(inner.substr(0, comma), true);
            if (!v) return std::nullopt;
            item.scalar = std::move(*v);
            inner = comma == std::string_view::npos ? std::string_view{} : inner.substr(comma);
        }
        items.push_back(std::move(item));
        if (inner.empty()) return items;
        if (inner.front() != ',') return std::nullopt;
        inner.remove_prefix(1);
        if (rtrim_spaces(inner).empty()) return std::nullopt;  // a trailing comma
    }
}

// "key: rest" or "key:" at the start of `line`; the key, and the text after ": ".
std::optional<std::pair<std::string, std::string_view>> key_line(std::string_view line) {
    std::size_t k = 0;
    while (k < line.size() && is_key_char(line[k])) ++k;
    if (k == 0 || k >= line.size() || line[k] != ':') return std::nullopt;
    if (k + 1 < line.size() && line[k + 1] != ' ') return std::nullopt;
    std::string_view rest = k + 1 < line.size() ? line.substr(k + 2) : std::string_view{};
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return std::make_pair(std::string(line.substr(0, k)), rest);
}

std::size_t indent_of(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ') ++n;
    return n;
}

bool blank(std::string_view line) {
    return indent_of(line) == line.size();
}

std::optional<Entries> parse_yaml(std::string_view yaml) {
    std::vector<std::string_view> lines;
    for (std::size_t pos = 0; pos < yaml.size();) {
        std::size_t end = yaml.find('\n', pos);
        if (end == std::string_view::npos) end = yaml.size();
        std::string_view l = yaml.substr(pos, end - pos);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        for (std::size_t k = 0; k < l.size(); ++k) {
            auto c = static_cast<unsigned char>(l[k]);
            if (c < 0x20 || c == 0x7f) return std::nullopt;  // tabs too
            if (c < 0x80) continue;
            // Only well-formed UTF-8 (RFC 3629); yaml-cpp gets anything else.
            std::size_t len = utf8_sequence_length(l, k);
            if (len == 0) return std::nullopt;
            k += len - 1;
        }
        lines.push_back(l);
        pos = end + 1;
    }
    Entries entries;
    std::size_t i = 0;
    auto skip_blank = [&] {
        while (i < lines.size() && blank(lines[i])) ++i;
    };
    for (skip_blank(); i < lines.size(); skip_blank()) {
        std::string_view line = lines[i];
        if (line[0] == ' ' || line[0] == '#') return std::nullopt;  // comments go to yaml-cpp
        auto kv = key_line(line);
        if (!kv) return std::nullopt;
        for (const auto& e : entries)
            if (e.first == kv->first) return std::nullopt;  // a duplicate key
        ++i;
        Value value;
        std::string_view rest = kv->second;
        if (!rest.empty()) {
            if (rest[0] == '[') {
                auto items = flow_list(rest);
                if (!items) return std::nullopt;
                value.is_list = true;
                value.items = std::move(*items);
            } else {
                auto s = scalar(rest);
                if (!s) return std::nullopt;
                value.scalar = std::move(*s);
            }
            // A more indented line would continue the scalar over several lines.
            skip_blank();
            if (i < lines.size() && lines[i][0] == ' ') return std::nullopt;
            entries.emplace_back(std::move(kv->first), std::move(value));
            continue;
        }
        // A block list: "- item" lines, all at one indentation.
        value.is_list = true;
        std::optional<std::size_t> dash;
        for (skip_blank(); i < lines.size(); skip_blank()) {
            std::string_view l = lines[i];
            std::size_t ind = indent_of(l);
            if (ind == 0 && l[0] != '-') break;  // the next key
            if ((dash && ind != *dash) || l.substr(ind, 2) != "- ") return std::nullopt;
            dash = ind;
            std::size_t col = ind + 2;
            while (col < l.size() && l[col] == ' ') ++col;
            std::string_view content = l.substr(col);
            ++i;
            Item item;
            auto pair = content.empty() || content[0] == '"' || content[0] == '\''
                            ? std::nullopt
                            : key_line(content);
            if (!pair) {
                auto s = scalar(content);
                if (!s) return std::nullopt;
                item.scalar = std::move(*s);
            } else {
                item.is_map = true;
                for (;;) {
                    for (const auto& e : item.map)
                        if (e.first == pair->first) return std::nullopt;
                    auto s = scalar(pair->second);
                    if (!s) return std::nullopt;
                    item.map.emplace_back(std::move(pair->first), std::move(*s));
                    skip_blank();
                    if (i >= lines.size() || indent_of(lines[i]) != col) break;
                    pair = key_line(lines[i].substr(col));
                    if (!pair) return std::nullopt;
                    ++i;
                }
            }
            // Anything indented more than the dash, and not read above, is YAML this skips.
            skip_blank();
            if (i < lines.size() && indent_of(lines[i]) > *dash) return std::nullopt;
            value.items.push_back(std::move(item));
        }
        if (!dash) return std::nullopt;  // "key:" with nothing: null
        entries.emplace_back(std::move(kv->first), std::move(value));
    }
    return entries;
}

// The readers of parse_document, for valid values only.
std::optional<std::string> as_string(const Value& v) {
    if (v.is_list) return std::nullopt;
    return v.scalar;
}

std::optional<std::vector<std::string>> as_list(const Value& v) {
    if (!v.is_list) return std::vector<std::string>{v.scalar};
    std::vector<std::string> out;
    for (const auto& item : v.items) {
        if (item.is_map) return std::nullopt;
        out.push_back(item.scalar);
    }
    return out;
}

std::optional<bool> as_bool(const std::string& s) {
    if (s == "true" || s == "True" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "False" || s == "no" || s == "off") return false;
    return std::nullopt;
}

using Map = std::vector<std::pair<std::string, std::string>>;

const std::string* find(const Map& m, std::string_view key) {
    for (const auto& [k, v] : m)
        if (k == key) return &v;
    return nullptr;
}

// A list of maps whose keys are all in `known`.
std::optional<std::vector<const Map*>> as_maps(const Value& v,
                                               std::initializer_list<std::string_view> known) {
    if (!v.is_list) return std::nullopt;
    std::vector<const Map*> out;
    for (const auto& item : v.items) {
        if (!item.is_map) return std::nullopt;
        for (const auto& [k, value] : item.map)
            if (std::find(known.begin(), known.end(), k) == known.end()) return std::nullopt;
        out.push_back(&item.map);
    }
    return out;
}

// A field of a list entry: a required one must be there and not empty.
std::optional<std::string> field(const Map& m, std::string_view key, bool required) {
    const std::string* v = find(m, key);
    if (!v) return required ? std::nullopt : std::optional<std::string>(std::string{});
    if (required && v->empty()) return std::nullopt;
    return *v;
}

}  // namespace

std::optional<Document> parse_document_fast(const std::string& path, std::string_view text,
                                            Section section, const SiteConfig& site) {
    Diagnostics ignored;
    auto split = split_front_matter(path, text, ignored);
    if (!split) return std::nullopt;
    auto entries = parse_yaml(split->yaml);
    if (!entries) return std::nullopt;

    Document doc = document_shell(path, section, std::move(*split));
    const auto& known = front_matter_keys(section);
    bool has_title = false, has_date = false;
    for (const auto& [key, v] : *entries) {
        if (std::find(known.begin(), known.end(), key) == known.end()) return std::nullopt;
        if (key == "title") {
            auto s = as_string(v);
            if (!s) return std::nullopt;
            doc.title = std::string(trim(*s));
            if (doc.title.empty()) return std::nullopt;
            has_title = true;
        } else if (key == "date" || key == "updated") {
            auto s = as_string(v);
            if (!s) return std::nullopt;
            DateResult d = parse_content_date(trim(*s), site.timezone);
            if (!d.value) return std::nullopt;
            (key == "date" ? doc.date : doc.updated) = d.value;
            if (key == "date") has_date = true;
        } else if (key == "kind") {
            auto s = as_string(v);
            if (!s) return std::nullopt;
            if (*s == "news")
                doc.kind = Kind::news;
            else if (*s == "analysis")
                doc.kind = Kind::analysis;
            else if (*s == "guide")
                doc.kind = Kind::guide;
            else if (*s == "explainer")
                doc.kind = Kind::explainer;
            else
                return std::nullopt;
        } else if (key == "summary" || key == "score_rationale" || key == "discovered_from") {
            auto s = as_string(v);
            if (!s) return std::nullopt;
            std::string t(trim(*s));
            (key == "summary"           ? doc.summary
             : key == "score_rationale" ? doc.score_rationale
                                        : doc.discovered_from) = t;
        } else if (key == "summary_generated" || key == "draft") {
            auto s = as_string(v);
            auto b = s ? as_bool(*s) : std::nullopt;
            if (!b) return std::nullopt;
            (key == "draft" ? doc.draft : doc.summary_generated) = *b;
        } else if (key == "topics" || key == "entities" || key == "key_points" || key == "watch" ||
                   key == "open_questions" || key == "more_usable" || key == "less_reliable") {
            auto l = as_list(v);
            if (!l) return std::nullopt;
            std::vector<std::string>& target = key == "topics"           ? doc.topics
                                               : key == "entities"       ? doc.entities
                                               : key == "key_points"     ? doc.key_points
                                               : key == "watch"          ? doc.watch
                                               : key == "open_questions" ? doc.open_questions
                                               : key == "more_usable"    ? doc.more_usable
                                                                         : doc.less_reliable;
            target = std::move(*l);
        } else if (key == "layer") {
            auto s = as_string(v);
            if (!s) return std::nullopt;
            const auto& names = layer_names();
            if (std::find(names.begin(), names.end(), *s) == names.end()) return std::nullopt;
            doc.layer = parse_layer(*s);
        } else if (key == "outlook") {
            auto maps = as_maps(v, {"claim", "likelihood", "horizon"});
            if (!maps) return std::nullopt;
            for (const Map* m : *maps) {
                OutlookItem o;
                auto claim = field(*m, "claim", true);
                const std::string* lk = find(*m, "likelihood");
                const std::string* hz = find(*m, "horizon");
                if (!claim || !lk || !hz) return std::nullopt;
                o.claim = std::move(*claim);
                if (*lk == "very-likely")
                    o.likelihood = Likelihood::very_likely;
                else if (*lk == "likely")
                    o.likelihood = Likelihood::likely;
                else if (*lk == "possible")
                    o.likelihood = Likelihood::possible;
                else if (*lk == "unlikely")
                    o.likelihood = Likelihood::unlikely;
                else
                    return std::nullopt;
                if (*hz == "weeks")
                    o.horizon = Horizon::weeks;
                else if (*hz == "months")
                    o.horizon = Horizon::months;
                else if (*hz == "years")
                    o.horizon = Horizon::years;
                else
                    return std::nullopt;
                doc.outlook.push_back(std::move(o));
            }
        } else if (key == "score") {
            auto s = as_string(v);
            if (!s || s->empty()) return std::nullopt;
            std::size_t used = 0;
            double d;
            try {
                d = std::stod(*s, &used);
            } catch (const std::exception&) {
                return std::nullopt;
            }
            if (used != s->size() || d < 0 || d > 10 || d != d) return std::nullopt;
            doc.score = d;
        } else if (key == "sources") {
            auto maps = as_maps(v, {"title", "publisher", "url", "primary"});
            if (!maps) return std::nullopt;
            for (const Map* m : *maps) {
                SourceLink s;
                auto title = field(*m, "title", true);
                const std::string* url = find(*m, "url");
                if (!title || !url) return std::nullopt;
                s.title = std::move(*title);
                s.publisher = *field(*m, "publisher", false);
                s.url = std::string(trim(*url));
                if (!is_http_url(s.url)) return std::nullopt;
                if (const std::string* p = find(*m, "primary")) {
                    auto b = as_bool(*p);
                    if (!b) return std::nullopt;
                    s.primary = *b;
                }
                doc.sources.push_back(std::move(s));
            }
        } else if (key == "signals") {
            auto maps = as_maps(v, {"signal", "why", "where"});
            if (!maps) return std::nullopt;
            for (const Map* m : *maps) {
                auto signal = field(*m, "signal", true);
                if (!signal) return std::nullopt;
                Signal s;
                s.signal = std::move(*signal);
                s.why = *field(*m, "why", false);
                s.where = *field(*m, "where", false);
                doc.signals.push_back(std::move(s));
            }
        } else if (key == "tools") {
            auto maps = as_maps(v, {"purpose", "name", "url", "note"});
            if (!maps) return std::nullopt;
            for (const Map* m : *maps) {
                auto name = field(*m, "name", true);
                if (!name) return std::nullopt;
                Tool t;
                t.purpose = *field(*m, "purpose", false);
                t.name = std::move(*name);
                t.url = *field(*m, "url", false);
                t.note = *field(*m, "note", false);
                if (!t.url.empty() && !is_http_url(t.url)) return std::nullopt;
                doc.tools.push_back(std::move(t));
            }
        } else if (key == "faq") {
            auto maps = as_maps(v, {"q", "a"});
            if (!maps) return std::nullopt;
            for (const Map* m : *maps) {
                auto q = field(*m, "q", true);
                auto a = field(*m, "a", true);
                if (!q || !a) return std::nullopt;
                doc.faq.push_back({std::move(*q), std::move(*a)});
            }
        } else if (key == "lang") {
            auto s = as_string(v);
            if (!s || !is_language_tag(*s)) return std::nullopt;
            doc.lang = *s;
        } else if (key == "translation_key") {
            auto s = as_string(v);
            if (!s) return std::nullopt;
            doc.translation_key = *s;
        } else if (key == "slug") {
            auto s = as_string(v);
            if (!s || slugify(*s) != *s) return std::nullopt;
            doc.slug = *s;
        } else if (key == "aliases") {
            auto l = as_list(v);
            if (!l) return std::nullopt;
            for (auto& a : *l) {
                if (a.empty() || a.front() != '/' || a.find("..") != std::string::npos)
                    return std::nullopt;
                doc.aliases.push_back(std::move(a));
            }
        }
    }
    if (!has_title) return std::nullopt;
    if (section == Section::briefing && !has_date) return std::nullopt;
    if (section == Section::briefing && doc.kind == Kind::news && doc.sources.empty() && !doc.draft)
        return std::nullopt;
    if (doc.slug.empty()) doc.slug = slugify(std::filesystem::path(path).stem().string());
    return doc;
}

}  // namespace brief
