#include "util/text.h"

#include <cstdint>
#include <cstdio>

#include "util/utf8.h"

namespace brief {

std::string slugify(std::string_view text) {
    std::string out;
    bool dash = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = text[i];
        if (c >= 0x80) {
            // Keep whole UTF-8 sequences of other scripts; fold the common punctuation ones
            // (CJK full stop/comma, ideographic space, dashes) to a separator.
            std::size_t len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
            std::string_view seq = text.substr(i, len);
            static const std::string_view separators[] = {
                "\u3000", "\u3001", "\u3002", "\uFF0C", "\uFF1A", "\u2013", "\u2014", "\u00B7",
                "\uFF08", "\uFF09", "\u201C", "\u201D", "\u2018", "\u2019", "\u00A0"};
            bool sep = false;
            for (auto s : separators) sep = sep || seq == s;
            if (sep) {
                dash = !out.empty();
            } else {
                if (dash) out += '-';
                dash = false;
                out += seq;
            }
            i += len - 1;
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash) out += '-';
            dash = false;
            out += static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            if (dash) out += '-';
            dash = false;
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c == '\'') {
            // "Huawei's" reads better as "huaweis" than "huawei-s".
        } else {
            dash = !out.empty();
        }
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string url_encode_path(std::string_view path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string percent_decode(std::string_view text) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
            hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return s;
}

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t pos = s.find(sep, start);
        parts.push_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return parts;
}

std::string truncate_words(std::string_view text, std::size_t max_bytes) {
    std::string collapsed;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = !collapsed.empty();
        } else {
            if (space) collapsed += ' ';
            space = false;
            collapsed += c;
        }
    }
    if (collapsed.size() <= max_bytes) return collapsed;
    std::size_t cut = utf8_boundary(collapsed, max_bytes);
    std::size_t space_pos = collapsed.rfind(' ', cut);
    // Prefer a word boundary unless it throws away most of the text (CJK has no spaces).
    if (space_pos != std::string::npos && space_pos > max_bytes * 2 / 3) cut = space_pos;
    std::string out = collapsed.substr(0, cut);
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';'))
        out.pop_back();
    return out + "\u2026";
}

std::string hash_hex(std::string_view data) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : data) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace brief
