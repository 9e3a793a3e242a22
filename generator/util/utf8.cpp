#include "util/utf8.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace brief {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;  // no overlong forms
        if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    return len;
}

std::size_t utf8_invalid_offset(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        // Most of a briefing is ASCII: eight bytes at a time while no high bit is set.
        if (i + 8 <= text.size()) {
            std::uint64_t w;
            std::memcpy(&w, text.data() + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string repair_utf8(std::string_view text, std::size_t* replaced) {
    std::string out;
    out.reserve(text.size());
    std::size_t count = 0;
    std::size_t run = 0;  // start of the current run of valid bytes, appended in one go
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            out.append(text.substr(run, i - run));
            out += kUtf8Replacement;
            ++count;
            ++i;
            run = i;
        } else {
            i += n;
        }
    }
    out.append(text.substr(run));
    if (replaced) *replaced = count;
    return out;
}

std::size_t utf8_boundary(std::string_view text, std::size_t max) {
    if (max >= text.size()) return text.size();
    while (max > 0 && (static_cast<unsigned char>(text[max]) & 0xC0) == 0x80) --max;
    return max;
}

bool check_utf8_file(const std::string& file, std::string_view text, Diagnostics& diags) {
    std::size_t bad = utf8_invalid_offset(text);
    if (bad == std::string_view::npos) return true;
    // Columns count bytes, as every other diagnostic's do (format_diagnostic's caret too).
    std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    line_start = (line_start == std::string_view::npos || bad == 0) ? 0 : line_start + 1;
    int line = 1;
    for (std::size_t i = 0; i < line_start; ++i) line += text[i] == '\n';
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.column = static_cast<int>(bad - line_start) + 1;
    d.severity = Severity::error;
    d.message = std::string("byte ") + byte + " is not UTF-8";
    d.hint = "save the file as UTF-8 (the encoding editors call \"UTF-8\" in their save dialog)";
    d.source_line = repair_utf8(line_of(text, line));
    diags.add(std::move(d));
    return false;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace brief
