#include "util/line_diff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace brief {
namespace {

// Lines with their newline (the last one may lack it).
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        std::size_t nl = text.find('\n');
        std::size_t n = nl == std::string_view::npos ? text.size() : nl + 1;
        out.push_back(text.substr(0, n));
        text.remove_prefix(n);
    }
    return out;
}

enum class Op : char { same = ' ', del = '-', add = '+' };

struct Edit {
    Op op;
    std::size_t a;  // line index in a (same, del)
    std::size_t b;  // line index in b (same, add)
};

// A shortest edit script by longest common subsequence, deletions before insertions in each
// change (as GNU diff prints them). The table is quadratic in the lines between the common
// head and tail; past kMaxCells (two wholly different large files) the middle is shown as
// replaced outright, which is still a correct patch.
std::vector<Edit> edit_script(const std::vector<std::string_view>& a,
                              const std::vector<std::string_view>& b) {
    constexpr std::size_t kMaxCells = 4'000'000;
    std::vector<Edit> out;
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    for (std::size_t i = 0; i < head; ++i) out.push_back({Op::same, i, i});
    const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
    if ((n + 1) * (m + 1) <= kMaxCells) {
        // lcs[i][j]: the longest common subsequence of a[head+i..] and b[head+j..].
        std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
        auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& {
            return lcs[i * (m + 1) + j];
        };
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1
                                                      : std::max(at(i + 1, j), at(i, j + 1));
        std::size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[head + i] == b[head + j]) {
                out.push_back({Op::same, head + i++, head + j++});
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                out.push_back({Op::del, head + i++, head + j});
            } else {
                out.push_back({Op::add, head + i, head + j++});
            }
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) out.push_back({Op::del, head + i, head});
        for (std::size_t j = 0; j < m; ++j) out.push_back({Op::add, head + n, head + j});
    }
    for (std::size_t k = 0; k < tail; ++k) out.push_back({Op::same, head + n + k, head + m + k});
    return out;
}

// "-3,4" or "-3" (one line) or "-2,0" (none: the line before), as GNU diff writes ranges.
std::string range(char sign, std::size_t first, std::size_t count) {
    std::string s(1, sign);
    if (count == 0) return s + std::to_string(first) + ",0";
    s += std::to_string(first + 1);
    if (count != 1) s += "," + std::to_string(count);
    return s;
}

}  // namespace

std::string unified_diff(std::string_view a, std::string_view b, std::string_view label_a,
                         std::string_view label_b, int context) {
    if (a == b) return {};
    const auto la = lines_of(a), lb = lines_of(b);
    const std::vector<Edit> edits = edit_script(la, lb);
    const auto ctx = static_cast<std::size_t>(std::max(0, context));
    std::string out = "--- " + std::string(label_a) + "\n+++ " + std::string(label_b) + "\n";
    std::size_t k = 0;
    while (k < edits.size()) {
        // The next change, then as many later changes as lie within 2 * context of it.
        while (k < edits.size() && edits[k].op == Op::same) ++k;
        if (k == edits.size()) break;
        std::size_t begin = k >= ctx ? k - ctx : 0;
        std::size_t end = k;
        for (std::size_t same = 0; end < edits.size(); ++end) {
            same = edits[end].op == Op::same ? same + 1 : 0;
            if (same > 2 * ctx) {
                end = end + 1 - same + ctx;  // ctx unchanged lines after the last change
                break;
            }
        }
        end = std::min(end, edits.size());
        if (end == edits.size()) {
            // Trailing context: at most `ctx` unchanged lines after the last change.
            std::size_t last = end;
            while (last > begin && edits[last - 1].op == Op::same) --last;
            end = std::min(edits.size(), last + ctx);
        }
        std::size_t a_count = 0, b_count = 0;
        for (std::size_t e = begin; e < end; ++e) {
            a_count += edits[e].op != Op::add;
            b_count += edits[e].op != Op::del;
        }
        out += "@@ " + range('-', edits[begin].a, a_count) + " " +
               range('+', edits[begin].b, b_count) + " @@\n";
        for (std::size_t e = begin; e < end; ++e) {
            std::string_view line = edits[e].op == Op::add ? lb[edits[e].b] : la[edits[e].a];
            out += static_cast<char>(edits[e].op);
            out += line;
            if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
        }
        k = end;
    }
    return out;
}

}  // namespace brief
