#include "util/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace brief {

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::size_t Diagnostics::error_count() const {
    return std::count_if(items_.begin(), items_.end(),
                         [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t Diagnostics::warning_count() const {
    return items_.size() - error_count();
}

void Diagnostics::promote_warnings() {
    for (auto& d : items_) d.severity = Severity::error;
}

void Diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
}

std::string format_diagnostic(const Diagnostic& d, bool color) {
    const char* bold = color ? "\033[1m" : "";
    const char* red = color ? "\033[1;31m" : "";
    const char* magenta = color ? "\033[1;35m" : "";
    const char* green = color ? "\033[1;32m" : "";
    const char* reset = color ? "\033[0m" : "";

    std::string out = bold + d.file;
    if (d.line > 0) {
        out += ":" + std::to_string(d.line);
        if (d.column > 0) out += ":" + std::to_string(d.column);
    }
    out += ": ";
    out += reset;
    out += d.severity == Severity::error ? std::string(red) + "error"
                                         : std::string(magenta) + "warning";
    out += reset;
    out += ": " + d.message + "\n";
    if (!d.source_line.empty()) {
        out += "    " + d.source_line + "\n";
        if (d.column > 0) {
            // Keep tabs so the caret lines up under the same glyph.
            std::string pad;
            for (int i = 0; i < d.column - 1 && i < static_cast<int>(d.source_line.size()); ++i) {
                unsigned char c = d.source_line[i];
                if (c == '\t')
                    pad += '\t';
                else if ((c & 0xC0) != 0x80)
                    pad += ' ';
            }
            out += "    " + pad + green + "^" + reset + "\n";
        }
    }
    if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
    return out;
}

std::pair<int, int> text_position(std::string_view text, std::size_t offset) {
    const std::string_view before = text.substr(0, std::min(offset, text.size()));
    const std::size_t newline = before.rfind('\n');
    const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    return {static_cast<int>(line), static_cast<int>(before.size() - start) + 1};
}

std::string_view line_of(std::string_view text, int line) {
    if (line < 1) return {};
    std::size_t pos = 0;
    for (int i = 1; i < line; ++i) {
        pos = text.find('\n', pos);
        if (pos == std::string_view::npos) return {};
        ++pos;
    }
    std::size_t end = text.find('\n', pos);
    std::string_view l =
        text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return l;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const auto& c : candidates) {
        std::size_t dist = edit_distance(word, c);
        if (dist < best_distance) {
            best_distance = dist;
            best = c;
        }
    }
    // A hint is only useful when the typo is small relative to the word.
    std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    return best_distance <= limit ? best : std::string{};
}

}  // namespace brief
