#include "util/tzif.h"

#include <algorithm>
#include <cctype>

#include "util/dates.h"

namespace brief {
namespace {

constexpr std::int64_t kDay = 86400;

bool is_leap(std::int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Reads digits as glibc's "%hu" does: at least one, the value kept.
bool read_number(std::string_view s, std::size_t& pos, int& out) {
    std::size_t start = pos;
    long v = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        v = v * 10 + (s[pos] - '0');
        if (v > 65535) return false;
        ++pos;
    }
    out = static_cast<int>(v);
    return pos > start;
}

// "hh[:mm[:ss]]": how many of the three were read (0 when none).
int read_hms(std::string_view s, std::size_t& pos, int& hh, int& mm, int& ss) {
    if (!read_number(s, pos, hh)) return 0;
    std::size_t save = pos;
    if (pos < s.size() && s[pos] == ':' && read_number(s, ++pos, mm)) {
        save = pos;
        if (pos < s.size() && s[pos] == ':' && read_number(s, ++pos, ss)) return 3;
        pos = save;
        return 2;
    }
    pos = save;
    return 1;
}

// A zone abbreviation: "<+0530>" or at least three letters.
bool read_name(std::string_view s, std::size_t& pos) {
    if (pos < s.size() && s[pos] == '<') {
        std::size_t close = s.find('>', pos);
        if (close == std::string_view::npos) return false;
        pos = close + 1;
        return true;
    }
    std::size_t start = pos;
    while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) ++pos;
    return pos - start >= 3;
}

// An offset as POSIX writes it (west of UTC positive), returned east of UTC.
bool read_offset(std::string_view s, std::size_t& pos, std::int64_t& out) {
    std::int64_t sign = -1;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) sign = s[pos++] == '-' ? 1 : -1;
    int hh = 0, mm = 0, ss = 0;
    if (read_hms(s, pos, hh, mm, ss) == 0) return false;
    out = sign * (std::min(hh, 24) * 3600 + std::min(mm, 59) * 60 + std::min(ss, 59));
    return true;
}

bool read_change(std::string_view s, std::size_t& pos, PosixTzRule::Change& c, bool first) {
    using Form = PosixTzRule::Change::Form;
    if (pos < s.size() && s[pos] == ',') ++pos;
    if (pos < s.size() && (s[pos] == 'J' || (s[pos] >= '0' && s[pos] <= '9'))) {
        c.form = s[pos] == 'J' ? Form::julian_no_leap : Form::day_of_year;
        if (c.form == Form::julian_no_leap) ++pos;
        if (!read_number(s, pos, c.day) || c.day > 365) return false;
        if (c.form == Form::julian_no_leap && c.day == 0) return false;
    } else if (pos < s.size() && s[pos] == 'M') {
        c.form = Form::month_week_day;
        ++pos;
        if (!read_number(s, pos, c.month) || pos >= s.size() || s[pos] != '.' ||
            !read_number(s, ++pos, c.week) || pos >= s.size() || s[pos] != '.' ||
            !read_number(s, ++pos, c.day))
            return false;
        if (c.month < 1 || c.month > 12 || c.week < 1 || c.week > 5 || c.day > 6) return false;
    } else if (pos >= s.size()) {
        // No rule given: the United States' rule, as glibc assumes.
        c.form = Form::month_week_day;
        c.month = first ? 3 : 11;
        c.week = first ? 2 : 1;
        c.day = 0;
    } else {
        return false;
    }
    c.time = 7200;
    if (pos < s.size() && s[pos] == '/') {
        ++pos;
        if (pos >= s.size()) return false;
        bool negative = s[pos] == '-';
        if (negative) ++pos;
        int hh = 2, mm = 0, ss = 0;
        read_hms(s, pos, hh, mm, ss);
        c.time = (negative ? -1 : 1) * (std::int64_t{hh} * 3600 + mm * 60 + ss);
    }
    return true;
}

// The instant of a yearly change in `year`, as glibc's compute_change gives it.
std::int64_t change_instant(const PosixTzRule::Change& c, std::int64_t year, std::int64_t offset) {
    using Form = PosixTzRule::Change::Form;
    std::int64_t t = year > 1970 ? days_from_civil({static_cast<int>(year), 1, 1}) * kDay : 0;
    switch (c.form) {
        case Form::julian_no_leap:
            t += (c.day - 1) * kDay;
            if (c.day >= 60 && is_leap(year)) t += kDay;
            break;
        case Form::day_of_year:
            t += c.day * kDay;
            break;
        case Form::month_week_day: {
            static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            const int y = static_cast<int>(year);
            t += (days_from_civil({y, c.month, 1}) - days_from_civil({y, 1, 1})) * kDay;
            int length = month_days[c.month - 1] + (c.month == 2 && is_leap(year) ? 1 : 0);
            int dow = iso_weekday({y, c.month, 1}) % 7;  // 0 = Sunday
            int d = c.day - dow;
            if (d < 0) d += 7;
            for (int i = 1; i < c.week; ++i) {
                if (d + 7 >= length) break;
                d += 7;
            }
            t += d * kDay;
            break;
        }
    }
    return t - offset + c.time;
}

std::uint32_t be32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

std::int64_t be64(std::string_view b, std::size_t at) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(be32(b, at)) << 32 |
                                     be32(b, at + 4));
}

struct Header {
    std::size_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
    std::size_t data_size(std::size_t time_size) const {
        return time * time_size + time + type * 6 + chars + leap * (time_size + 4) + isstd + isut;
    }
};

std::optional<Header> read_header(std::string_view b, std::size_t at) {
    if (b.size() < at + 44 || b.substr(at, 4) != "TZif") return std::nullopt;
    Header h;
    h.isut = be32(b, at + 20);
    h.isstd = be32(b, at + 24);
    h.leap = be32(b, at + 28);
    h.time = be32(b, at + 32);
    h.type = be32(b, at + 36);
    h.chars = be32(b, at + 40);
    if (h.type == 0 || h.type > 256 || h.time > (1u << 20) || h.chars > (1u << 16) ||
        h.leap > (1u << 16) || h.isut > 256 || h.isstd > 256)
        return std::nullopt;
    return h;
}

}  // namespace

std::optional<PosixTzRule> PosixTzRule::parse(std::string_view s) {
    PosixTzRule r;
    std::size_t pos = 0;
    if (!read_name(s, pos) || !read_offset(s, pos, r.std_offset)) return std::nullopt;
    if (pos == s.size()) return r;
    if (!read_name(s, pos)) return std::nullopt;
    r.has_dst = true;
    if (!read_offset(s, pos, r.dst_offset)) r.dst_offset = r.std_offset + 3600;
    if (!read_change(s, pos, r.start, true) || !read_change(s, pos, r.end, false))
        r.start = r.end = Change{};
    return r;
}

std::int64_t PosixTzRule::offset_at(std::int64_t utc_seconds) const {
    if (!has_dst) return std_offset;
    // The rules of the UTC year the instant falls in, as glibc's __tz_compute uses them.
    std::int64_t days = utc_seconds >= 0 ? utc_seconds / kDay : (utc_seconds - kDay + 1) / kDay;
    std::int64_t year = civil_from_days(days).year;
    std::int64_t to_dst = change_instant(start, year, std_offset);
    std::int64_t to_std = change_instant(end, year, dst_offset);
    bool dst = to_dst > to_std ? (utc_seconds < to_std || utc_seconds >= to_dst)
                               : (utc_seconds >= to_dst && utc_seconds < to_std);
    return dst ? dst_offset : std_offset;
}

std::optional<TzifZone> TzifZone::parse(std::string_view b) {
    auto h = read_header(b, 0);
    if (!h) return std::nullopt;
    std::size_t at = 44;
    std::size_t time_size = 4;
    const char version = b[4];
    if (version >= '2') {
        // Version 2 and later repeat the data with 64-bit times, then give the POSIX rule.
        at += h->data_size(4);
        h = read_header(b, at);
        if (!h) return std::nullopt;
        at += 44;
        time_size = 8;
    }
    if (b.size() < at + h->data_size(time_size)) return std::nullopt;

    TzifZone z;
    const std::size_t times_at = at;
    const std::size_t indices_at = times_at + h->time * time_size;
    const std::size_t types_at = indices_at + h->time;
    std::vector<std::int32_t> type_offsets(h->type);
    std::vector<bool> type_dst(h->type);
    for (std::size_t i = 0; i < h->type; ++i) {
        type_offsets[i] = static_cast<std::int32_t>(be32(b, types_at + i * 6));
        type_dst[i] = b[types_at + i * 6 + 4] != 0;
    }
    z.transitions_.reserve(h->time);
    z.offsets_.reserve(h->time);
    for (std::size_t i = 0; i < h->time; ++i) {
        std::int64_t t = time_size == 8 ? be64(b, times_at + i * 8)
                                        : static_cast<std::int32_t>(be32(b, times_at + i * 4));
        auto type = static_cast<unsigned char>(b[indices_at + i]);
        if (type >= h->type || (i > 0 && t <= z.transitions_.back())) return std::nullopt;
        z.transitions_.push_back(t);
        z.offsets_.push_back(type_offsets[type]);
    }
    // Before the first transition glibc uses the first standard-time type (or the first).
    std::size_t first = 0;
    while (first < h->type && type_dst[first]) ++first;
    z.before_first_ = type_offsets[first < h->type ? first : 0];

    if (time_size == 8) {
        std::size_t footer = at + h->data_size(8);
        if (footer < b.size() && b[footer] == '\n') {
            std::size_t close = b.find('\n', footer + 1);
            if (close != std::string_view::npos && close > footer + 1)
                z.footer_ = PosixTzRule::parse(b.substr(footer + 1, close - footer - 1));
        }
    }
    return z;
}

std::int64_t TzifZone::offset_at(std::int64_t utc_seconds) const {
    if (transitions_.empty() || utc_seconds < transitions_.front()) return before_first_;
    if (utc_seconds >= transitions_.back() && footer_) return footer_->offset_at(utc_seconds);
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds);
    return offsets_[static_cast<std::size_t>(it - transitions_.begin()) - 1];
}

}  // namespace brief
