#include "content/yaml_writer.h"

#include <cstdint>

#include "util/utf8.h"

namespace brief {
namespace {

// Decodes one UTF-8 code point at `i`; an invalid byte reads as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (n < 0 || i + n >= s.size() + (n == 0 ? 1 : 0)) {
        if (n != 0) {
            ++i;
            return 0xFFFD;
        }
    }
    char32_t cp = n == 0 ? c : c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
        if (i + k >= s.size() || (b(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    i += n + 1;
    return cp;
}

void append_escape(std::string& out, char32_t cp) {
    static const char hex[] = "0123456789abcdef";
    int digits = cp < 0xFF ? 2 : cp < 0xFFFF ? 4 : 8;
    out += '\\';
    out += digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
    for (; digits > 0; --digits) out += hex[(cp >> (4 * (digits - 1))) & 0xF];
}

bool is_blank_or_break(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::string yaml_double_quoted(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = next_code_point(text, i);
        switch (cp) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\b':
                out += "\\b";
                break;
            default:
                // What YAML cannot carry unescaped (YAML 1.1 §5.1 c-printable).
                if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xFEFF || cp == 0xFFFE ||
                    cp == 0xFFFF)
                    append_escape(out, cp);
                else
                    append_utf8(out, cp);
        }
    }
    out += '"';
    return out;
}

std::string yaml_scalar(std::string_view s, bool in_flow) {
    auto quoted = [&] { return yaml_double_quoted(s); };
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return quoted();
    // The first character: not an indicator, and '-', '?' only when a character follows; never
    // ':' in a [ ] list, where libyaml reads ":x" as a key without a value.
    const std::string_view indicators = in_flow ? ":?,[]{}#&*!|>'\"%@`" : ",[]{}#&*!|>'\"%@`";
    const std::string_view lone = in_flow ? "-" : "-?:";
    char c0 = s[0];
    if (is_blank_or_break(c0) || indicators.find(c0) != std::string_view::npos) return quoted();
    if (lone.find(c0) != std::string_view::npos &&
        (s.size() == 1 || is_blank_or_break(s[1]) || (in_flow && s[1] == ' ')))
        return quoted();
    if (s.back() == ' ') return quoted();
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        bool end = i + 1 == s.size();
        char next = end ? '\0' : s[i + 1];
        if (c == ':' && (end || is_blank_or_break(next) ||
                         (in_flow && (next == ',' || next == ']' || next == '}'))))
            return quoted();
        if (in_flow &&
            std::string_view(",?[]{}").find(static_cast<char>(c)) != std::string_view::npos)
            return quoted();
        if (is_blank_or_break(static_cast<char>(c)) && next == '#') return quoted();
        if (c == '\t' || c == '\n' || c == '\r') return quoted();
        if (c == 0 || (c <= 0x08) || c == 0x0B || c == 0x0C || c == 0x7F ||
            (c >= 0x0E && c <= 0x1F))
            return quoted();
        if (c == 0xC2 && !end) {
            unsigned char n = static_cast<unsigned char>(next);
            if ((n >= 0x80 && n <= 0x84) || (n >= 0x86 && n <= 0x9F)) return quoted();
        }
        for (std::string_view bad : {"\xEF\xBB\xBF", "\xEF\xBF\xBE", "\xEF\xBF\xBF"})
            if (s.substr(i).starts_with(bad)) return quoted();  // U+FEFF, U+FFFE, U+FFFF
    }
    return std::string(s);
}

std::string yaml_flow_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += yaml_scalar(items[i], true);
    }
    return out + "]";
}

}  // namespace brief
