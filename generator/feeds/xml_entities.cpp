#include "feeds/xml_entities.h"

#include <algorithm>
#include <map>

#include "util/utf8.h"

namespace brief::xml {

namespace {

constexpr int kMaxDepth = 16;
constexpr std::size_t kMaxEntityBytes = 64 * 1024;
constexpr std::size_t kMaxTotalBytes = 4 * 1024 * 1024;

bool space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool name_char(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
           u == ':' || u == '-' || u == '.' || u >= 0x80;
}

// The offset just past `close`, searching from `from`; the end when it is missing.
std::size_t past(std::string_view s, std::size_t from, std::string_view close) {
    std::size_t at = s.find(close, from);
    return at == std::string_view::npos ? s.size() : at + close.size();
}

// The offset of the first of `stops` at or after `i` outside quoted text, or the end.
std::size_t find_unquoted(std::string_view s, std::size_t i, std::string_view stops) {
    char quote = 0;
    for (; i < s.size(); ++i) {
        if (quote) {
            if (s[i] == quote) quote = 0;
        } else if (s[i] == '"' || s[i] == '\'') {
            quote = s[i];
        } else if (stops.find(s[i]) != std::string_view::npos) {
            return i;
        }
    }
    return s.size();
}

// The offset just past the '>' that ends a declaration starting at `i`, skipping quoted text.
std::size_t past_declaration(std::string_view s, std::size_t i) {
    return std::min(find_unquoted(s, i, ">") + 1, s.size());
}

// "&#233;" / "&#xE9;" at `i` as UTF-8; `len` gets the reference's length (0: not one).
std::string char_reference(std::string_view s, std::size_t i, std::size_t& len) {
    len = 0;
    std::size_t j = i + 2;
    bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    std::uint32_t cp = 0;
    std::size_t digits = 0;
    for (; j < s.size() && digits < 8; ++j, ++digits) {
        char c = s[j];
        int v = c >= '0' && c <= '9'                            ? c - '0'
                : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                : -1;
        if (v < 0) break;
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    }
    if (digits == 0 || j >= s.size() || s[j] != ';') return {};
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    len = j + 1 - i;
    std::string out;
    append_utf8(out, static_cast<char32_t>(cp));
    return out;
}

bool predefined(std::string_view name) {
    return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

// The name of an entity reference "&name;" at `i`, or empty.
std::string_view reference_name(std::string_view s, std::size_t i) {
    std::size_t j = i + 1;
    while (j < s.size() && name_char(s[j])) ++j;
    if (j == i + 1 || j >= s.size() || s[j] != ';') return {};
    return s.substr(i + 1, j - i - 1);
}

class Expander {
  public:
    explicit Expander(std::vector<std::string>& warnings) : warnings_(warnings) {}

    bool empty() const { return entities_.empty(); }

    // Reads the internal subset starting just after '['; returns the offset past its ']'.
    std::size_t read_subset(std::string_view s, std::size_t i) {
        while (i < s.size() && s[i] != ']') {
            if (s.substr(i).starts_with("<!--")) {
                i = past(s, i + 4, "-->");
            } else if (s.substr(i).starts_with("<?")) {
                i = past(s, i + 2, "?>");
            } else if (s.substr(i).starts_with("<!ENTITY")) {
                i = read_entity(s, i + 8);
            } else if (s[i] == '<') {
                i = past_declaration(s, i + 1);
            } else {
                ++i;
            }
        }
        return i < s.size() ? i + 1 : i;
    }

    // The text after the DOCTYPE with every reference to a declared entity written out.
    std::string expand_body(std::string_view s, bool& changed) {
        std::string out;
        out.reserve(s.size());
        std::size_t i = 0;
        while (i < s.size()) {
            std::size_t end = i;
            if (s.substr(i).starts_with("<!--")) end = past(s, i + 4, "-->");
            if (s.substr(i).starts_with("<![CDATA[")) end = past(s, i + 9, "]]>");
            if (s.substr(i).starts_with("<?")) end = past(s, i + 2, "?>");
            if (end != i) {
                out.append(s.substr(i, end - i));
                i = end;
                continue;
            }
            std::string_view name = s[i] == '&' ? reference_name(s, i) : std::string_view{};
            const std::string* value = name.empty() ? nullptr : expansion(std::string(name), 0);
            if (!value && entities_.count(std::string(name)) && !warned_failure_) {
                warnings_.push_back("the DOCTYPE's entity '" + std::string(name) +
                                    "' expands to more than 64 KiB, nests more than 16 deep or "
                                    "refers to itself; left as it is");
                warned_failure_ = true;
            }
            if (value && total_ + value->size() > kMaxTotalBytes) {
                if (!over_budget_)
                    warnings_.push_back(
                        "the DOCTYPE's entities expand to more than 4 MiB in all; the rest were "
                        "left as they are");
                over_budget_ = true;
                value = nullptr;
            }
            if (!value) {
                out += s[i++];
                continue;
            }
            total_ += value->size();
            out += *value;
            changed = true;
            i += name.size() + 2;
        }
        return out;
    }

  private:
    struct Entity {
        std::string literal;  // with character references already expanded
        std::string text;     // the expansion, as escaped text
        enum { unread, reading, done, failed } state = unread;
    };

    std::size_t read_entity(std::string_view s, std::size_t i) {
        while (i < s.size() && space(s[i])) ++i;
        if (i < s.size() && s[i] == '%') return past_declaration(s, i);  // parameter entity
        std::size_t start = i;
        while (i < s.size() && name_char(s[i])) ++i;
        std::string name(s.substr(start, i - start));
        while (i < s.size() && space(s[i])) ++i;
        if (i >= s.size()) return i;
        if (s[i] != '"' && s[i] != '\'') {
            if (!name.empty())
                warnings_.push_back("the DOCTYPE declares the external entity '" + name +
                                    "'; Brief does not read external entities");
            return past_declaration(s, i);
        }
        char quote = s[i++];
        std::size_t close = s.find(quote, i);
        if (close == std::string_view::npos) return s.size();
        if (!name.empty() && !predefined(name) && !entities_.count(name))
            entities_[name].literal = expand_char_references(s.substr(i, close - i));
        return past_declaration(s, close + 1);
    }

    static std::string expand_char_references(std::string_view v) {
        std::string out;
        for (std::size_t i = 0; i < v.size();) {
            std::size_t len = 0;
            std::string ch = v.substr(i).starts_with("&#") ? char_reference(v, i, len) : "";
            if (len) {
                out += ch;
                i += len;
            } else {
                out += v[i++];
            }
        }
        return out;
    }

    // The escaped expansion of `name`, or nullptr when it is not declared, too big or circular.
    const std::string* expansion(const std::string& name, int depth) {
        auto it = entities_.find(name);
        if (it == entities_.end()) return nullptr;
        Entity& e = it->second;
        if (e.state == Entity::done) return &e.text;
        // Too deep here says nothing about the entity itself: only its user fails.
        if (e.state != Entity::unread || depth > kMaxDepth) return nullptr;
        e.state = Entity::reading;
        bool ok = expand_literal(e, depth);
        e.state = ok ? Entity::done : Entity::failed;
        return ok ? &e.text : nullptr;
    }

    bool expand_literal(Entity& e, int depth) {
        const std::string& v = e.literal;
        std::string out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            std::string_view name = v[i] == '&' ? reference_name(v, i) : std::string_view{};
            if (!name.empty() && entities_.count(std::string(name))) {
                const std::string* inner = expansion(std::string(name), depth + 1);
                if (!inner) return false;
                out += *inner;
                i += name.size() + 1;
            } else if (v[i] == '<') {
                out += "&lt;";
            } else if (v[i] == '"') {
                out += "&quot;";
            } else if (v[i] == '\'') {
                out += "&apos;";
            } else if (v[i] == '\n') {
                out += "&#10;";
            } else {
                out += v[i];
            }
            if (out.size() > kMaxEntityBytes) return false;
        }
        e.text = std::move(out);
        return true;
    }

    std::vector<std::string>& warnings_;
    std::map<std::string, Entity> entities_;
    std::size_t total_ = 0;
    bool over_budget_ = false;
    bool warned_failure_ = false;  // one warning for all the entities left unexpanded
};

// The offset of "<!DOCTYPE" in the prolog (after the declaration, comments and processing
// instructions), or npos.
std::size_t doctype_offset(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (space(s[i])) {
            ++i;
        } else if (s.substr(i).starts_with("<?")) {
            i = past(s, i + 2, "?>");
        } else if (s.substr(i).starts_with("<!--")) {
            i = past(s, i + 4, "-->");
        } else {
            return s.substr(i).starts_with("<!DOCTYPE") ? i : std::string_view::npos;
        }
    }
    return std::string_view::npos;
}

}  // namespace

std::optional<std::string> expand_declared_entities(std::string_view text,
                                                    std::vector<std::string>& warnings) {
    std::size_t at = doctype_offset(text);
    if (at == std::string_view::npos) return std::nullopt;
    // The internal subset opens at the first '[' outside quotes, if before the closing '>'.
    std::size_t i = find_unquoted(text, at + 9, "[>");
    if (i >= text.size() || text[i] != '[') return std::nullopt;
    Expander expander(warnings);
    std::size_t subset_end = expander.read_subset(text, i + 1);
    if (expander.empty()) return std::nullopt;
    std::size_t body = past_declaration(text, subset_end);
    bool changed = false;
    std::string rest = expander.expand_body(text.substr(body), changed);
    if (!changed) return std::nullopt;
    return std::string(text.substr(0, body)) + rest;
}

}  // namespace brief::xml
