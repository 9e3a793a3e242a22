#include "model/stories.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "util/url.h"
#include "util/utf8.h"

namespace brief {
namespace {

// The code point of the well-formed sequence of `len` bytes at s[i].
char32_t decode(std::string_view s, std::size_t i, std::size_t len) {
    auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k])); };
    if (len == 1) return b(i);
    char32_t cp = b(i) & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
    return cp;
}

// Simple lower-casing of the cased scripts the theme's languages and their neighbours use.
char32_t fold_case(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // fullwidth ASCII forms
    if (c >= 'A' && c <= 'Z') return c + 0x20;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
    if (c == 0x178) return 0xFF;
    if (c == 0x130) return 'i';    // İ: the dotless ı (0x131) is another letter
    if (c == 0x3C2) return 0x3C3;  // final sigma
    // Latin Extended-A pairs upper/lower as even/odd, except 0x139–0x148 and 0x179–0x17E.
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c + (c & 1);
    if (c == 0x1E9E) return 0xDF;  // capital sharp s
    if (c == 0x386) return 0x3AC;  // Greek capitals with tonos
    if (c >= 0x388 && c <= 0x38A) return c + 0x25;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 0x3F;
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    return c;
}

// Punctuation, symbols, controls and spaces: ASCII, Latin-1, general and supplemental
// punctuation, CJK symbols and punctuation, CJK compatibility and small forms, the halfwidth
// CJK punctuation.
bool is_separator(char32_t c) {
    if (c < 0x80)
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    return c <= 0xBF || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
           (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF65) || c == 0xFEFF;
}

// Scripts written without spaces between words: CJK ideographs, kana, Hangul.
bool is_unspaced(char32_t c) {
    return (c >= 0x2E80 && c <= 0xA4CF && !(c >= 0x3000 && c <= 0x303F)) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

// Disjoint sets over item positions, with path halving.
struct Sets {
    std::vector<std::size_t> parent;
    explicit Sets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
    void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

// The title groups of one title key, in time order. An item joins the earliest group whose
// lead is at most kStoryTitleWindow older and that has no item of its source yet; else it leads
// a new group. Items come in time order, so for each source the groups it may not join (it is
// in them, or their lead is too old) are always a prefix: `next` remembers where it ends.
struct TitleBucket {
    std::vector<std::size_t> leads;
    std::vector<std::int64_t> lead_times;
    std::size_t live = 0;  // groups before this one are too old for any later item
    std::unordered_map<std::string, std::size_t> next;  // source -> first group it may join

    // The lead of the group `item` joins, or `item` itself when it leads a new one.
    std::size_t place(std::size_t item, std::int64_t time, const std::string& source) {
        while (live < leads.size() && lead_times[live] < time - kStoryTitleWindow) ++live;
        std::size_t& n = next[source];
        std::size_t g = std::max(live, n);
        if (g == leads.size()) {
            leads.push_back(item);
            lead_times.push_back(time);
        }
        n = g + 1;
        return leads[g];
    }
};

// Item positions by published (or fetched) time, then source id, then id.
std::vector<std::size_t> story_order(const std::vector<ArchiveItem>& archive) {
    std::vector<std::size_t> order(archive.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const ArchiveItem& x = archive[a];
        const ArchiveItem& y = archive[b];
        if (x.sort_time() != y.sort_time()) return x.sort_time() < y.sort_time();
        if (x.source_id != y.source_id) return x.source_id < y.source_id;
        if (x.id != y.id) return x.id < y.id;
        return a < b;
    });
    return order;
}

}  // namespace

std::string story_title_key(std::string_view title) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < title.size();) {
        std::size_t len = utf8_sequence_length(title, i);
        char32_t c = len ? fold_case(decode(title, i, len)) : U' ';
        i += len ? len : 1;
        if (is_separator(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        append_utf8(out, c);
    }
    return out;
}

bool title_key_names_a_story(std::string_view key) {
    if (key.empty()) return false;
    std::size_t words = 1, unspaced = 0;
    for (std::size_t i = 0; i < key.size();) {
        std::size_t len = std::max<std::size_t>(utf8_sequence_length(key, i), 1);
        char32_t c = decode(key, i, len);
        if (c == U' ') ++words;
        if (is_unspaced(c)) ++unspaced;
        i += len;
    }
    return words >= 3 || unspaced >= 6;
}

Stories::Stories(const std::vector<ArchiveItem>& archive) {
    const std::vector<std::size_t> order = story_order(archive);
    Sets sets(archive.size());
    std::unordered_map<std::string, std::size_t> first_at_url;
    std::unordered_map<std::string, TitleBucket> titles;
    for (std::size_t i : order) {
        const ArchiveItem& item = archive[i];
        std::string url = item.canonical_url.empty() && !item.url.empty() ? canonical_url(item.url)
                                                                          : item.canonical_url;
        if (!url.empty()) sets.join(i, first_at_url.try_emplace(url, i).first->second);
        std::string key = story_title_key(item.title);
        if (title_key_names_a_story(key))
            sets.join(i, titles[key].place(i, item.sort_time(), item.source_id));
    }
    story_.resize(archive.size());
    std::unordered_map<std::size_t, std::size_t> story_of_root;
    for (std::size_t i : order) {
        auto [it, added] = story_of_root.try_emplace(sets.find(i), members_.size());
        if (added) members_.emplace_back();
        story_[i] = it->second;
        members_[it->second].push_back(i);
    }
}

}  // namespace brief
