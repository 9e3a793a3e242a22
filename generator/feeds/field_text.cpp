#include "feeds/field_text.h"

#include <algorithm>

#include "util/text.h"

namespace brief {

namespace {

bool c1_at(std::string_view s, std::size_t i) {
    return static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
           static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
           static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

std::string_view strip_punctuation(std::string_view s) {
    auto junk = [](char c) {
        return c == ' ' || c == ',' || c == ';' || c == ':' || c == '-' || c == '"' || c == '\'' ||
               c == '<' || c == '>' || c == '(' || c == ')' || c == '[' || c == ']';
    };
    while (!s.empty() && junk(s.front())) s.remove_prefix(1);
    while (!s.empty() && junk(s.back())) s.remove_suffix(1);
    return s;
}

bool is_email(std::string_view s) {
    s = strip_punctuation(trim(s));
    if (s.size() > 7 && to_lower_ascii(s.substr(0, 7)) == "mailto:") return true;
    auto at = s.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
           s.find(' ') == std::string_view::npos;
}

// Removes "<...>" parts that hold an address ("Jane Doe <jane@example.com>").
std::string without_angle_addresses(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t close = s[i] == '<' ? s.find('>', i) : std::string_view::npos;
        if (close != std::string_view::npos && is_email(s.substr(i + 1, close - i - 1))) {
            i = close + 1;
            continue;
        }
        out += s[i++];
    }
    return out;
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;  // '-' and '_': the URL-safe alphabet
    if (c == '/' || c == '_') return 63;
    return -1;
}

}  // namespace

std::string strip_controls(std::string_view text, bool keep_layout) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c1_at(text, i)) {
            ++i;
        } else if (c == '\t' || c == '\n') {
            out += keep_layout ? static_cast<char>(c) : ' ';
        } else if (c == '\r') {
            // CR LF and a lone CR are line breaks, as HTML reads them.
            bool crlf = i + 1 < text.size() && text[i + 1] == '\n';
            if (!keep_layout || !crlf) out += keep_layout ? '\n' : ' ';
        } else if (c >= 0x20 && c != 0x7F) {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string url_without_controls(std::string_view url) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(url.size());
    auto encode = [&](unsigned char c) {
        out += '%';
        out += hex[c >> 4];
        out += hex[c & 15];
    };
    for (std::size_t i = 0; i < url.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(url[i]);
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c1_at(url, i)) {
            encode(c);
            encode(static_cast<unsigned char>(url[++i]));
        } else if (c < 0x20 || c == 0x7F) {
            encode(c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string author_name(std::string_view text) {
    std::string v = without_angle_addresses(trim(text));
    auto open = v.find('('), close = v.rfind(')');
    if (open != std::string::npos && close != std::string::npos && close > open) {
        std::string inside(trim(std::string_view(v).substr(open + 1, close - open - 1)));
        std::string outside = std::string(trim(std::string_view(v).substr(0, open))) + " " +
                              std::string(trim(std::string_view(v).substr(close + 1)));
        outside = std::string(trim(outside));
        if (outside.empty() || is_email(outside))
            v = inside;
        else if (is_email(inside))
            v = outside;
    }
    std::string out;
    for (std::string_view word : split(v, ' ')) {
        if (word.empty() || is_email(word)) continue;
        if (!out.empty()) out += ' ';
        out += word;
    }
    return std::string(strip_punctuation(out));
}

void add_name(std::vector<std::string>& names, std::string name) {
    if (name.empty() || std::find(names.begin(), names.end(), name) != names.end()) return;
    names.push_back(std::move(name));
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::optional<std::string> decode_base64(std::string_view text) {
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0;
    bool padding = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c == '=') {
            padding = true;
            continue;
        }
        int v = base64_value(c);
        if (v < 0 || padding) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    if (bits >= 6) return std::nullopt;  // a lone sixth of a byte is not base64
    return out;
}

}  // namespace brief
