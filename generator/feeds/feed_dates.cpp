#include "feeds/feed_dates.h"

#include <array>
#include <string>
#include <vector>

#include "feeds/date_zones.h"
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
    int offset = 0;            // minutes east of UTC
    std::string_view generic;  // "ET", "PT", …: an offset that depends on the date
};

std::optional<std::int64_t> to_seconds(const Fields& f) {
    if (f.year < 1900 || f.year > 9999) return std::nullopt;
    CivilDate d{f.year, f.month, f.day};
    if (!is_valid_date(d)) return std::nullopt;
    if (f.hour < 0 || f.hour > 23 || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 60)
        return std::nullopt;
    int offset = f.offset;
    if (!f.generic.empty()) {
        auto generic = generic_zone_offset(f.generic, d, f.hour);
        if (!generic) return std::nullopt;
        offset += *generic;
    }
    int second = f.second == 60 ? 59 : f.second;  // a leap second reads as the one before it
    return days_from_civil(d) * 86400 + f.hour * 3600 + f.minute * 60 + second -
           static_cast<std::int64_t>(offset) * 60;
}

// "+08:00", "+0800", "+08", "+8", "+8:00", "+545" (Nepal, +05:45); returns minutes.
std::optional<int> numeric_offset(std::string_view s) {
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    int sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
    int h = 0, m = 0;
    if (s.size() == 5 && s[2] == ':' && all_digits(s.substr(0, 2)) && all_digits(s.substr(3))) {
        h = to_int(s.substr(0, 2));
        m = to_int(s.substr(3));
    } else if ((s.size() == 4 || s.size() == 3) && all_digits(s)) {
        h = to_int(s.substr(0, s.size() - 2));
        m = to_int(s.substr(s.size() - 2));
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

// A zone token: a name, a numeric offset, "GMT+8" / "UTC+08:00", "Etc/GMT-8", or a generic
// name (kept in `f.generic`, resolved once the date is known). Adds to `f.offset`.
bool read_zone(std::string_view s, Fields& f) {
    if (s.empty()) return false;
    if (s[0] == '+' || s[0] == '-') {
        auto off = numeric_offset(s);
        if (off) f.offset += *off;
        return off.has_value();
    }
    if (generic_zone(s) && f.generic.empty()) {
        f.generic = s;
        return true;
    }
    if (to_lower_ascii(s.substr(0, 4)) == "etc/") {
        auto off = named_zone_offset(s);
        if (off) f.offset += *off;
        return off.has_value();
    }
    std::size_t i = 0;
    while (i < s.size() && alpha(s[i])) ++i;
    auto base = named_zone_offset(s.substr(0, i));
    if (!base) return false;
    if (i == s.size()) {
        f.offset += *base;
        return true;
    }
    auto extra = numeric_offset(s.substr(i));
    if (extra) f.offset += *base + *extra;
    return extra.has_value();
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

// Reads ISO 8601's date and time forms at the start of `s` into `f`; `i` ends after them.
// `basic` tells that the date had no separators (its time then may not either).
struct IsoDateReader {
    std::string_view s;
    std::size_t i = 0;
    Fields f;
    bool basic = false;

    std::optional<int> digits(std::size_t min, std::size_t max) {
        std::size_t start = i;
        while (i < s.size() && digit(s[i]) && i - start < max) ++i;
        if (i - start < min) return std::nullopt;
        return to_int(s.substr(start, i - start));
    }

    bool at(std::string_view what) const { return s.substr(i).starts_with(what); }

    bool read() {
        static constexpr std::string_view kYear = "\xE5\xB9\xB4", kMonth = "\xE6\x9C\x88",
                                          kDay = "\xE6\x97\xA5";
        auto y = digits(4, 4);
        if (!y) return false;
        f.year = *y;
        if (at(kYear)) {  // "2026年5月14日"
            i += kYear.size();
            auto m = digits(1, 2);
            if (!m || !at(kMonth)) return false;
            i += kMonth.size();
            auto d = digits(1, 2);
            if (!d) return false;
            if (at(kDay)) i += kDay.size();
            f.month = *m;
            f.day = *d;
            return true;
        }
        if (at("-W") || at("-w") || at("W") || at("w")) return read_week();
        if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
            char sep = s[i++];
            auto m = digits(1, 2);
            if (!m) return false;
            f.month = *m;
            if (i == s.size()) {  // "2026-05": a month, read as its first day
                f.day = 1;
                return true;
            }
            if (s[i] != sep) return false;
            ++i;
            auto d = digits(1, 2);
            if (!d) return false;
            f.day = *d;
            return true;
        }
        if (i + 4 <= s.size() && all_digits(s.substr(i, 4))) {
            basic = true;
            f.month = to_int(s.substr(i, 2));
            f.day = to_int(s.substr(i + 2, 2));
            i += 4;
            return true;
        }
        return false;
    }

    // "2026-W47", "2026-W47-4", "2026W474": the week's Monday, or the numbered day of it.
    bool read_week() {
        bool dashed = s[i] == '-';
        i += dashed ? 2 : 1;
        auto week = digits(2, 2);
        if (!week || *week < 1 || *week > iso_weeks_in_year(f.year)) return false;
        int day = 1;
        if (dashed && at("-")) {
            ++i;
            auto d = digits(1, 1);
            if (!d) return false;
            day = *d;
        } else if (!dashed && i < s.size() && digit(s[i])) {
            day = *digits(1, 1);
        }
        if (day < 1 || day > 7) return false;
        basic = !dashed;
        CivilDate d = civil_from_days(days_from_civil(IsoWeek{f.year, *week}.monday()) + day - 1);
        f.year = d.year;
        f.month = d.month;
        f.day = d.day;
        return true;
    }

    // The time, after 'T' or spaces.
    bool read_time() {
        std::size_t before = i;
        while (i < s.size() && s[i] == ' ') ++i;
        if (i < s.size() && (s[i] == 'T' || s[i] == 't')) ++i;
        while (i < s.size() && s[i] == ' ') ++i;
        if (i >= s.size() || !digit(s[i])) {
            i = before;
            return true;
        }
        std::size_t start = i;
        while (i < s.size() && (digit(s[i]) || s[i] == ':' || s[i] == '.' || s[i] == ',')) ++i;
        std::string_view clock = s.substr(start, i - start);
        if (basic && clock.find(':') == std::string_view::npos && clock.size() >= 4) {
            // "093000": hhmm[ss]
            if (!all_digits(clock.substr(0, std::min<std::size_t>(6, clock.size())))) return false;
            f.hour = to_int(clock.substr(0, 2));
            f.minute = to_int(clock.substr(2, 2));
            f.second = clock.size() >= 6 ? to_int(clock.substr(4, 2)) : 0;
            return true;
        }
        return parse_clock(clock, f);
    }
};

// ISO 8601 / RFC 3339 and their relatives: "2026-05-14", "2026-05-14T09:30:00.5+08:00",
// "2026-05-14 09:30:00 +0800", "2026/05/14 09:30", "20260514T093000Z", "2026年5月14日 09:30",
// "2026-W20-4", "2026-05".
std::optional<std::int64_t> parse_iso_like(std::string_view s) {
    IsoDateReader r;
    r.s = s;
    if (!r.read() || !r.read_time()) return std::nullopt;
    std::string_view rest = trim(s.substr(r.i));
    if (!rest.empty() && rest != "Z" && rest != "z" && !read_zone(rest, r.f)) return std::nullopt;
    return to_seconds(r.f);
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

// RFC 822 and its relatives, one token at a time.
struct Rfc822Reader {
    Fields f;
    bool have_time = false, am = false, pm = false;
    int zones = 0;  // a name may be followed by the real offset: "GMT +0800"
    int year_digits = 0;

    // "09:30:00", "09:30:00+0800" (the zone attached).
    bool take_clock(std::string_view t) {
        if (have_time) return false;
        std::size_t z = t.find_first_of("+-Zz");
        if (z != std::string_view::npos) {
            std::string_view zone = t.substr(z);
            t = t.substr(0, z);
            if (zone != "Z" && zone != "z" && !read_zone(zone, f)) return false;
            ++zones;
        }
        have_time = true;
        return parse_clock(t, f);
    }

    bool take_number(std::string_view t) {
        if (t.size() == 4 && f.year < 0) {
            f.year = to_int(t);
            year_digits = 4;
        } else if (t.size() <= 2 && f.day < 0) {
            f.day = to_int(t);
        } else if (t.size() == 2 && f.year < 0) {
            f.year = to_int(t);
            year_digits = 2;
        } else {
            return false;
        }
        return true;
    }

    bool take(std::string_view t) {
        if (t.empty()) return false;
        std::string lower = to_lower_ascii(t);
        if (t.find(':') != std::string_view::npos && digit(t[0])) return take_clock(t);
        if (all_digits(t)) return take_number(t);
        if (t.size() > 2 && all_digits(t.substr(0, t.size() - 2)) && f.day < 0 &&
            (lower.ends_with("st") || lower.ends_with("nd") || lower.ends_with("rd") ||
             lower.ends_with("th"))) {
            f.day = to_int(t.substr(0, t.size() - 2));
            return true;
        }
        if (auto m = month_number(t)) {
            if (f.month > 0) return false;
            f.month = *m;
            return true;
        }
        if (weekday_name(t)) return true;
        if (lower == "am" || lower == "a.m." || lower == "pm" || lower == "p.m.") {
            (lower[0] == 'a' ? am : pm) = true;
            return true;
        }
        // After a first zone only a numeric offset may follow.
        if (zones > 1 || (zones == 1 && t[0] != '+' && t[0] != '-')) return false;
        ++zones;
        return read_zone(t, f);
    }

    std::optional<std::int64_t> finish() {
        // "December 2023": a month, read as its first day.
        if (f.day < 0 && f.month > 0 && year_digits == 4 && !have_time && zones == 0) f.day = 1;
        if (f.year < 0 || f.month < 0 || f.day < 0) return std::nullopt;
        if (year_digits == 2) f.year += f.year < 50 ? 2000 : 1900;
        if (am || pm) {
            if (!have_time || f.hour < 1 || f.hour > 12) return std::nullopt;
            if (pm && f.hour != 12) f.hour += 12;
            if (am && f.hour == 12) f.hour = 0;
        }
        return to_seconds(f);
    }
};

// "Thu, 14 May 2026 09:30:00 +0800", "14 May 26 09:30 GMT", "Thursday, 14-May-2026 09:30:00
// GMT", "Thu May 14 09:30:00 CST 2026", "May 14, 2026 9:30 PM", "Sat, Dec 16 2023 02:02:33 PM".
std::optional<std::int64_t> parse_rfc822_like(std::string_view s) {
    Rfc822Reader r;
    for (std::string_view tok : tokens(s)) {
        // "14-May-2026" (RFC 850) splits into its three parts.
        std::vector<std::string_view> parts = split(tok, '-');
        if (parts.size() != 3 || !all_digits(parts[0]) || !month_number(parts[1]) ||
            !all_digits(parts[2]))
            parts = {tok};
        for (std::string_view t : parts)
            if (!r.take(t)) return std::nullopt;
    }
    return r.finish();
}

}  // namespace

std::optional<std::int64_t> parse_feed_date(std::string_view text) {
    std::string_view s = trim(text);
    if (s.empty() || s.size() > 100) return std::nullopt;
    if (s.size() >= 4 && all_digits(s.substr(0, 4))) {
        if (auto t = parse_iso_like(s)) return t;
    }
    return parse_rfc822_like(s);
}

}  // namespace brief
