#include "util/dates.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "util/fs.h"
#include "util/tzif.h"

namespace brief {
namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (std::size_t i = pos; i < pos + len; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    auto res = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return res.ec == std::errc{};
}

}  // namespace

std::int64_t days_from_civil(const CivilDate& d) {
    // Howard Hinnant's algorithm (public domain), days since the epoch.
    int y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int iso_weekday(const CivilDate& d) {
    std::int64_t days = days_from_civil(d);
    // 1970-01-01 was a Thursday (4).
    std::int64_t w = (days + 3) % 7;
    if (w < 0) w += 7;
    return static_cast<int>(w) + 1;
}

bool is_valid_date(const CivilDate& d) {
    if (d.month < 1 || d.month > 12 || d.day < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    int max = days[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
    return d.day <= max;
}

IsoWeek iso_week(const CivilDate& d) {
    // The week's Thursday decides the year.
    std::int64_t days = days_from_civil(d);
    std::int64_t thursday = days - iso_weekday(d) + 4;
    CivilDate t = civil_from_days(thursday);
    std::int64_t jan1 = days_from_civil({t.year, 1, 1});
    return {t.year, static_cast<int>((thursday - jan1) / 7 + 1)};
}

int iso_weeks_in_year(int year) {
    return iso_week({year, 12, 28}).week;
}

std::string IsoWeek::str() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
    return buf;
}

std::optional<IsoWeek> IsoWeek::parse(std::string_view s) {
    IsoWeek w;
    if (s.size() != 8 || s[4] != '-' || s[5] != 'W') return std::nullopt;
    if (!read_int(s, 0, 4, w.year) || !read_int(s, 6, 2, w.week)) return std::nullopt;
    if (w.week < 1 || w.week > iso_weeks_in_year(w.year)) return std::nullopt;
    return w;
}

CivilDate IsoWeek::monday() const {
    CivilDate jan4{year, 1, 4};
    std::int64_t week1_monday = days_from_civil(jan4) - (iso_weekday(jan4) - 1);
    return civil_from_days(week1_monday + static_cast<std::int64_t>(week - 1) * 7);
}

IsoWeek IsoWeek::next() const {
    return iso_week(civil_from_days(days_from_civil(monday()) + 7));
}

LocalDateTime Timestamp::local() const {
    std::int64_t s = utc_seconds + static_cast<std::int64_t>(offset_minutes) * 60;
    std::int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
    std::int64_t rem = s - days * 86400;
    LocalDateTime l;
    l.date = civil_from_days(days);
    l.hour = static_cast<int>(rem / 3600);
    l.minute = static_cast<int>(rem % 3600 / 60);
    l.second = static_cast<int>(rem % 60);
    return l;
}

std::optional<TimeZone> TimeZone::load(std::string_view name) {
    if (name.empty() || name.find("..") != std::string_view::npos || name.front() == '/')
        return std::nullopt;
    TimeZone tz;
    tz.name_ = std::string(name);
    tz.rules_hash_ = hash_bytes(tz.name_);
    if (name == "UTC" || name == "Etc/UTC") return tz;
    std::error_code ec;
    const char* dir = std::getenv("TZDIR");
    std::filesystem::path p = std::filesystem::path(dir ? dir : "/usr/share/zoneinfo") / tz.name_;
    if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
    // A file that is not TZif reads as UTC, as glibc read it.
    if (auto bytes = read_file(p)) {
        tz.rules_hash_ = Hasher().add(tz.name_).add(*bytes).finish();
        if (auto zone = TzifZone::parse(*bytes))
            tz.zone_ = std::make_shared<const TzifZone>(std::move(*zone));
    }
    return tz;
}

int TimeZone::offset_at(std::int64_t utc_seconds) const {
    // Whole minutes, truncated as tm_gmtoff / 60 was (local mean times have seconds).
    return zone_ ? static_cast<int>(zone_->offset_at(utc_seconds) / 60) : 0;
}

std::int64_t TimeZone::to_utc(const LocalDateTime& l) const {
    // Guess with the offset at the naive instant, then correct once for a DST change between.
    std::int64_t naive = days_from_civil(l.date) * 86400 + l.hour * 3600 + l.minute * 60 + l.second;
    std::int64_t guess = naive - static_cast<std::int64_t>(offset_at(naive)) * 60;
    std::int64_t again = naive - static_cast<std::int64_t>(offset_at(guess)) * 60;
    return std::min(guess, again);
}

Timestamp TimeZone::localize(std::int64_t utc_seconds) const {
    return {utc_seconds, offset_at(utc_seconds)};
}

std::optional<Timestamp> parse_rfc3339(std::string_view s) {
    LocalDateTime l;
    if (s.size() < 20) return std::nullopt;
    if (!read_int(s, 0, 4, l.date.year) || s[4] != '-' || !read_int(s, 5, 2, l.date.month) ||
        s[7] != '-' || !read_int(s, 8, 2, l.date.day))
        return std::nullopt;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    if (!read_int(s, 11, 2, l.hour) || s[13] != ':' || !read_int(s, 14, 2, l.minute) ||
        s[16] != ':' || !read_int(s, 17, 2, l.second))
        return std::nullopt;
    if (!is_valid_date(l.date) || l.hour > 23 || l.minute > 59 || l.second > 60)
        return std::nullopt;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
    }
    int offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        if (!read_int(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !read_int(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    if (l.second == 60) l.second = 59;  // a leap second reads as the second before it
    std::int64_t naive = days_from_civil(l.date) * 86400 + l.hour * 3600 + l.minute * 60 + l.second;
    return Timestamp{naive - static_cast<std::int64_t>(offset) * 60, offset};
}

DateResult parse_content_date(std::string_view s, const TimeZone& zone) {
    const std::string expected =
        "expected 2026-05-14, 2026-05-14 09:30 or 2026-05-14T09:30:00+08:00";
    if (s.size() >= 20) {
        if (auto t = parse_rfc3339(s)) return {t, {}};
        return {std::nullopt, "'" + std::string(s) + "' is not a date (" + expected + ")"};
    }
    LocalDateTime l;
    bool ok = s.size() >= 10 && read_int(s, 0, 4, l.date.year) && s[4] == '-' &&
              read_int(s, 5, 2, l.date.month) && s[7] == '-' && read_int(s, 8, 2, l.date.day);
    if (ok && s.size() > 10) {
        ok = s.size() == 16 && (s[10] == ' ' || s[10] == 'T') && read_int(s, 11, 2, l.hour) &&
             s[13] == ':' && read_int(s, 14, 2, l.minute) && l.hour <= 23 && l.minute <= 59;
    }
    if (!ok || !is_valid_date(l.date))
        return {std::nullopt, "'" + std::string(s) + "' is not a date (" + expected + ")"};
    return {zone.localize(zone.to_utc(l)), {}};
}

std::string format_rfc3339(const Timestamp& t, bool utc_z) {
    LocalDateTime l = t.local();
    char buf[40];
    if (t.offset_minutes == 0 && utc_z) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", l.date.year, l.date.month,
                      l.date.day, l.hour, l.minute, l.second);
    } else {
        int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", l.date.year,
                      l.date.month, l.date.day, l.hour, l.minute, l.second,
                      t.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    }
    return buf;
}

std::string format_rfc3339_utc(std::int64_t utc_seconds) {
    return format_rfc3339(Timestamp{utc_seconds, 0}, true);
}

std::string format_date(const CivilDate& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::string format_rfc822(const Timestamp& t) {
    static const char* days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    LocalDateTime l = t.local();
    int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                  days[iso_weekday(l.date) - 1], l.date.day, months[l.date.month - 1], l.date.year,
                  l.hour, l.minute, l.second, t.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    return buf;
}

}  // namespace brief
