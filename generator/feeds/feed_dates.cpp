#include "feeds/feed_dates.h"

#include <array>
#include <string>
#include <vector>

#include "util/dates.h"
#include "util/text.h"

namespace brief {

namespace {

bool digit(char c) {
    return c >= '0' && c <= '9';
}
bool alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!digit(c)) return false;
    return true;
}

// Digits to a number; a number too long for any date field saturates (and is then rejected
// by the range checks) instead of overflowing.
int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) {
        if (v > 99'999'999) return 999'999'999;
        v = v * 10 + (c - '0');
    }
    return v;
}

struct Fields {
    int year = -1, month = -1, day = -1;
    int hour = 0, minute = 0, second = 0;
    int offset = 0;  // minutes east of UTC
};

std::optional<std::int64_t> to_seconds(const Fields& f) {
    if (f.year < 1900 || f.year > 9999) return std::nullopt;
    CivilDate d{f.year, f.month, f.day};
    if (!is_valid_date(d)) return std::nullopt;
    if (f.hour < 0 || f.hour > 23 || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 60)
        return std::nullopt;
    int second = f.second == 60 ? 59 : f.second;  // a leap second reads as the one before it
    return days_from_civil(d) * 86400 + f.hour * 3600 + f.minute * 60 + second -
           static_cast<std::int64_t>(f.offset) * 60;
}

// "+08:00", "+0800", "+08", "-0530"; returns minutes.
std::optional<int> numeric_offset(std::string_view s) {
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    int sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
    int h = 0, m = 0;
    if (s.size() == 5 && s[2] == ':' && all_digits(s.substr(0, 2)) && all_digits(s.substr(3))) {
        h = to_int(s.substr(0, 2));
        m = to_int(s.substr(3));
    } else if (s.size() == 4 && all_digits(s)) {
        h = to_int(s.substr(0, 2));
        m = to_int(s.substr(2));
    } else if ((s.size() == 1 || s.size() == 2) && all_digits(s)) {
        h = to_int(s);
    } else if (s.size() == 4 && s[1] == ':' && all_digits(s.substr(0, 1)) &&
               all_digits(s.substr(2))) {
        h = to_int(s.substr(0, 1));
        m = to_int(s.substr(2));
    } else {
        return std::nullopt;
    }
    if (h > 14 || m > 59) return std::nullopt;
    return sign * (h * 60 + m);
}

// A zone token: a name, a numeric offset, or "GMT+8" / "UTC+08:00".
std::optional<int> zone_offset(std::string_view s) {
    if (s.empty()) return std::nullopt;
    if (s[0] == '+' || s[0] == '-') return numeric_offset(s);
    std::size_t i = 0;
    while (i < s.size() && alpha(s[i])) ++i;
    auto base = named_zone_offset(s.substr(0, i));
    if (!base) return std::nullopt;
    if (i == s.size()) return base;
    auto extra = numeric_offset(s.substr(i));
    if (!extra) return std::nullopt;
    return *base + *extra;
}

std::optional<int> month_number(std::string_view word) {
    static const std::array<std::string_view, 12> names = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    std::string w = to_lower_ascii(word);
    if (w.size() < 3) return std::nullopt;
    if (w == "sept") return 9;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (w == names[i] || w == names[i].substr(0, 3)) return static_cast<int>(i + 1);
    return std::nullopt;
}

bool weekday_name(std::string_view word) {
    static const std::array<std::string_view, 7> names = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    std::string w = to_lower_ascii(word);
    if (w.size() < 3) return false;
    for (auto n : names)
        if (w == n || w == n.substr(0, 3) || (w.size() == 4 && n.starts_with(w))) return true;
    return false;
}

// "09:30", "09:30:00", "09:30:00.123", "9:30".
bool parse_clock(std::string_view s, Fields& f) {
    auto parts = split(s, ':');
    if (parts.size() < 2 || parts.size() > 3) return false;
    std::string_view sec = parts.size() == 3 ? parts[2] : std::string_view{};
    if (auto dot = sec.find_first_of(".,"); dot != std::string_view::npos) {
        if (!all_digits(sec.substr(dot + 1))) return false;
        sec = sec.substr(0, dot);
    }
    if (!all_digits(parts[0]) || parts[0].size() > 2 || !all_digits(parts[1]) ||
        parts[1].size() != 2)
        return false;
    if (parts.size() == 3 && (!all_digits(sec) || sec.size() != 2)) return false;
    f.hour = to_int(parts[0]);
    f.minute = to_int(parts[1]);
    f.second = parts.size() == 3 ? to_int(sec) : 0;
    return true;
}

// ISO 8601 / RFC 3339 and their relatives: "2026-05-14", "2026-05-14T09:30:00.5+08:00",
// "2026-05-14 09:30:00 +0800", "2026/05/14 09:30", "20260514T093000Z", "2026年5月14日 09:30".
std::optional<std::int64_t> parse_iso_like(std::string_view s) {
    Fields f;
    std::size_t i = 0;
    auto take_digits = [&](std::size_t min, std::size_t max) -> std::optional<int> {
        std::size_t start = i;
        while (i < s.size() && digit(s[i]) && i - start < max) ++i;
        if (i - start < min) return std::nullopt;
        return to_int(s.substr(start, i - start));
    };
    static constexpr std::string_view kYear = "\xE5\xB9\xB4", kMonth = "\xE6\x9C\x88",
                                      kDay = "\xE6\x97\xA5";
    auto y = take_digits(4, 4);
    if (!y) return std::nullopt;
    f.year = *y;
    bool basic = false;
    if (s.substr(i).starts_with(kYear)) {
        i += kYear.size();
        auto m = take_digits(1, 2);
        if (!m || !s.substr(i).starts_with(kMonth)) return std::nullopt;
        i += kMonth.size();
        auto d = take_digits(1, 2);
        if (!d) return std::nullopt;
        if (s.substr(i).starts_with(kDay)) i += kDay.size();
        f.month = *m;
        f.day = *d;
    } else if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char sep = s[i++];
        auto m = take_digits(1, 2);
        if (!m || i >= s.size() || s[i] != sep) {
            if (!m || i < s.size()) return std::nullopt;
            return std::nullopt;  // "2026-05" names a month, not an instant
        }
        ++i;
        auto d = take_digits(1, 2);
        if (!d) return std::nullopt;
        f.month = *m;
        f.day = *d;
    } else if (i + 4 <= s.size() && all_digits(s.substr(i, 4))) {
        basic = true;
        f.month = to_int(s.substr(i, 2));
        f.day = to_int(s.substr(i + 2, 2));
        i += 4;
    } else {
        return std::nullopt;
    }
    // Time, after 'T' or spaces.
    std::size_t before = i;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size() && (s[i] == 'T' || s[i] == 't')) ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size() && digit(s[i])) {
        std::size_t start = i;
        while (i < s.size() && (digit(s[i]) || s[i] == ':' || s[i] == '.' || s[i] == ',')) ++i;
        std::string_view clock = s.substr(start, i - start);
        if (basic && clock.find(':') == std::string_view::npos && clock.size() >= 4) {
            // "093000": hhmm[ss]
            if (!all_digits(clock.substr(0, std::min<std::size_t>(6, clock.size()))))
                return std::nullopt;
            f.hour = to_int(clock.substr(0, 2));
            f.minute = to_int(clock.substr(2, 2));
            f.second = clock.size() >= 6 ? to_int(clock.substr(4, 2)) : 0;
        } else if (!parse_clock(clock, f)) {
            return std::nullopt;
        }
    } else {
        i = before;
    }
    // Zone.
    while (i < s.size() && s[i] == ' ') ++i;
    std::string_view rest = trim(s.substr(i));
    if (!rest.empty()) {
        if (rest == "Z" || rest == "z") {
            f.offset = 0;
        } else if (auto off = zone_offset(rest)) {
            f.offset = *off;
        } else {
            return std::nullopt;
        }
    }
    return to_seconds(f);
}

std::vector<std::string_view> tokens(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        if (c == '(') {  // a comment, as in "+0800 (CST)"
            std::size_t close = s.find(')', i);
            i = close == std::string_view::npos ? s.size() : close + 1;
            continue;
        }
        std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != '\t' && s[i] != '\n' &&
               s[i] != '\r' && s[i] != '(')
            ++i;
        out.push_back(s.substr(start, i - start));
    }
    return out;
}

// RFC 822 and its relatives: "Thu, 14 May 2026 09:30:00 +0800", "14 May 26 09:30 GMT",
// "Thursday, 14-May-2026 09:30:00 GMT", "Thu May 14 09:30:00 CST 2026", "May 14, 2026 9:30 PM".
std::optional<std::int64_t> parse_rfc822_like(std::string_view s) {
    Fields f;
    bool have_time = false, have_zone = false, pm = false, am = false;
    int year_digits = 0;
    for (std::string_view tok : tokens(s)) {
        // "14-May-2026" (RFC 850) splits into its three parts.
        std::vector<std::string_view> parts = split(tok, '-');
        if (parts.size() != 3 || !all_digits(parts[0]) || !month_number(parts[1]) ||
            !all_digits(parts[2]))
            parts = {tok};
        for (std::string_view t : parts) {
            if (t.empty()) return std::nullopt;
            if (t.find(':') != std::string_view::npos && digit(t[0])) {
                if (have_time) return std::nullopt;
                // "09:30:00+0800" carries its zone.
                std::size_t z = t.find_first_of("+-Zz");
                if (z != std::string_view::npos) {
                    std::string_view zone = t.substr(z);
                    t = t.substr(0, z);
                    if (zone == "Z" || zone == "z") {
                        f.offset = 0;
                    } else if (auto off = numeric_offset(zone)) {
                        f.offset = *off;
                    } else {
                        return std::nullopt;
                    }
                    have_zone = true;
                }
                if (!parse_clock(t, f)) return std::nullopt;
                have_time = true;
            } else if (all_digits(t)) {
                if (t.size() == 4 && f.year < 0) {
                    f.year = to_int(t);
                    year_digits = 4;
                } else if (t.size() <= 2 && f.day < 0) {
                    f.day = to_int(t);
                } else if (t.size() == 2 && f.year < 0) {
                    f.year = to_int(t);
                    year_digits = 2;
                } else {
                    return std::nullopt;
                }
            } else if (t.size() > 2 &&
                       (t.ends_with("st") || t.ends_with("nd") || t.ends_with("rd") ||
                        t.ends_with("th")) &&
                       all_digits(t.substr(0, t.size() - 2)) && f.day < 0) {
                f.day = to_int(t.substr(0, t.size() - 2));
            } else if (auto m = month_number(t)) {
                if (f.month > 0) return std::nullopt;
                f.month = *m;
            } else if (weekday_name(t)) {
                continue;
            } else if (to_lower_ascii(t) == "am" || to_lower_ascii(t) == "a.m.") {
                am = true;
            } else if (to_lower_ascii(t) == "pm" || to_lower_ascii(t) == "p.m.") {
                pm = true;
            } else if (auto off = zone_offset(t)) {
                if (have_zone) {
                    // "GMT +0800": a name followed by the real offset.
                    if (t[0] != '+' && t[0] != '-') return std::nullopt;
                }
                f.offset = have_zone && (t[0] == '+' || t[0] == '-') ? f.offset + *off : *off;
                have_zone = true;
            } else {
                return std::nullopt;
            }
        }
    }
    if (f.year < 0 || f.month < 0 || f.day < 0) return std::nullopt;
    if (year_digits == 2) f.year += f.year < 50 ? 2000 : 1900;
    if (am || pm) {
        if (!have_time || f.hour < 1 || f.hour > 12) return std::nullopt;
        if (pm && f.hour != 12) f.hour += 12;
        if (am && f.hour == 12) f.hour = 0;
    }
    return to_seconds(f);
}

}  // namespace

std::optional<int> named_zone_offset(std::string_view name) {
    struct Zone {
        std::string_view name;
        int minutes;
    };
    // RFC 822 §5.1 names first, then zones common in feeds. Ambiguous abbreviations (IST,
    // AST, …) are left out on purpose: a wrong offset is worse than none.
    static const std::array<Zone, 28> zones = {{
        {"ut", 0},     {"utc", 0},    {"gmt", 0},    {"z", 0},      {"est", -300}, {"edt", -240},
        {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
        {"wet", 0},    {"west", 60},  {"bst", 60},   {"cet", 60},   {"cest", 120}, {"met", 60},
        {"mest", 120}, {"eet", 120},  {"eest", 180}, {"msk", 180},  {"jst", 540},  {"kst", 540},
        {"hkt", 480},  {"sgt", 480},  {"aest", 600}, {"aedt", 660},
    }};
    std::string n = to_lower_ascii(name);
    for (const auto& z : zones)
        if (z.name == n) return z.minutes;
    return std::nullopt;
}

std::optional<std::int64_t> parse_feed_date(std::string_view text) {
    std::string_view s = trim(text);
    if (s.empty() || s.size() > 100) return std::nullopt;
    if (s.size() >= 4 && all_digits(s.substr(0, 4))) {
        if (auto t = parse_iso_like(s)) return t;
    }
    return parse_rfc822_like(s);
}

}  // namespace brief
