#include "feeds/filter.h"

#include "util/text.h"
#include "util/utf8.h"

namespace brief {

namespace {

// Decodes the code point at s[i] (invalid bytes read as themselves); sets `len`.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& len) {
    unsigned char c = s[i];
    auto cont = [&](std::size_t k) {
        return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    };
    if (c < 0x80) {
        len = 1;
        return c;
    }
    if (c >= 0xC0 && c < 0xE0 && cont(1)) {
        len = 2;
        return ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    }
    if (c >= 0xE0 && c < 0xF0 && cont(1) && cont(2)) {
        len = 3;
        return ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    }
    if (c >= 0xF0 && cont(1) && cont(2) && cont(3)) {
        len = 4;
        return ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
               (s[i + 3] & 0x3F);
    }
    len = 1;
    return 0xFFFD;
}

char32_t lower(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
        cp != 0x17F) {
        // Latin Extended-A pairs upper/lower case as even/odd, except in two runs.
        bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        if (odd_upper ? (cp % 2 == 1) : (cp % 2 == 0)) return cp + 1;
        return cp;
    }
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
    return cp;
}

bool word_char(char32_t cp) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
        return true;
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return true;
    if (cp >= 0x370 && cp <= 0x52F) return true;  // Greek, Cyrillic
    return false;
}

bool is_cjk(char32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000;
}

bool has_cjk(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len;
        if (is_cjk(decode_at(s, i, len))) return true;
        i += len;
    }
    return false;
}

// The code point that ends just before s[i].
char32_t previous(std::string_view s, std::size_t i) {
    if (i == 0) return ' ';
    std::size_t start = i - 1;
    while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
        --start;
    std::size_t len;
    return decode_at(s, start, len);
}

}  // namespace

std::string fold_case(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t len;
        char32_t cp = decode_at(text, i, len);
        if (cp == 0xFFFD && len == 1 && static_cast<unsigned char>(text[i]) >= 0x80)
            out += text[i];  // keep undecodable bytes as they are
        else
            append_utf8(out, lower(cp));
        i += len;
    }
    return out;
}

namespace {

bool matches_folded(const std::string& hay, std::string_view keyword_in) {
    std::string keyword = fold_case(trim(keyword_in));
    if (keyword.empty()) return false;
    if (has_cjk(keyword)) return hay.find(keyword) != std::string::npos;
    for (std::size_t pos = hay.find(keyword); pos != std::string::npos;
         pos = hay.find(keyword, pos + 1)) {
        std::size_t end = pos + keyword.size();
        std::size_t len;
        char32_t next = end < hay.size() ? decode_at(hay, end, len) : U' ';
        bool starts = !word_char(previous(hay, pos)) || !word_char(decode_at(keyword, 0, len));
        bool ends = !word_char(next) || !word_char(previous(keyword, keyword.size()));
        if (starts && ends) return true;
    }
    return false;
}

}  // namespace

bool keyword_matches(std::string_view text, std::string_view keyword) {
    return matches_folded(fold_case(text), keyword);
}

FilterResult filter_item(std::string_view text, const std::vector<std::string>& include,
                         const std::vector<std::string>& exclude) {
    FilterResult r;
    if (include.empty() && exclude.empty()) return r;
    std::string hay = fold_case(text);
    for (const auto& k : exclude) {
        if (matches_folded(hay, k)) {
            r.keep = false;
            r.excluded_by = k;
            return r;
        }
    }
    for (const auto& k : include)
        if (matches_folded(hay, k)) r.matched.push_back(k);
    r.keep = include.empty() || !r.matched.empty();
    return r;
}

}  // namespace brief
