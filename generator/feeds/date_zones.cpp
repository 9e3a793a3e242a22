#include "feeds/date_zones.h"

#include <array>
#include <string>

#include "feeds/feed_dates.h"
#include "util/text.h"

namespace brief {

namespace {

struct Zone {
    std::string_view name;
    int minutes;
};

// "Etc/GMT+5" is five hours *behind* UTC: the tz database keeps POSIX's inverted sign.
std::optional<int> etc_zone_offset(std::string_view rest) {
    for (std::string_view utc : {"utc", "uct", "universal", "zulu", "greenwich", "gmt0"})
        if (rest == utc) return 0;
    if (!rest.starts_with("gmt")) return std::nullopt;
    rest.remove_prefix(3);
    if (rest.empty()) return 0;
    if (rest.size() < 2 || rest.size() > 3 || (rest[0] != '+' && rest[0] != '-'))
        return std::nullopt;
    int hours = 0;
    for (char c : rest.substr(1)) {
        if (c < '0' || c > '9') return std::nullopt;
        hours = hours * 10 + (c - '0');
    }
    if (rest[0] == '+' && hours > 12) return std::nullopt;
    if (rest[0] == '-' && hours > 14) return std::nullopt;
    return (rest[0] == '+' ? -hours : hours) * 60;
}

// The day of the month of the n-th (1-based; 0 = last) Sunday of a month.
int sunday(int year, int month, int n) {
    if (n > 0) {
        int first = iso_weekday({year, month, 1});  // 1 = Monday … 7 = Sunday
        return 1 + (7 - first) % 7 + 7 * (n - 1);
    }
    int last_day = 31;
    while (!is_valid_date({year, month, last_day})) --last_day;
    int weekday = iso_weekday({year, month, last_day});
    return last_day - weekday % 7;
}

bool daylight_saving(const CivilDate& d, int hour) {
    CivilDate start{d.year, 3, sunday(d.year, 3, 2)}, end{d.year, 11, sunday(d.year, 11, 1)};
    if (d.year < 2007) {
        start = {d.year, 4, sunday(d.year, 4, 1)};
        end = {d.year, 10, sunday(d.year, 10, 0)};
    }
    bool after_start = d > start || (d == start && hour >= 2);
    bool before_end = d < end || (d == end && hour < 2);  // 01:xx on that day: the first one
    return after_start && before_end;
}

}  // namespace

std::optional<int> named_zone_offset(std::string_view name) {
    // RFC 822 §5.1 names first, then zones common in feeds. Ambiguous abbreviations (IST,
    // AST, …) are left out on purpose: a wrong offset is worse than none.
    static constexpr std::array<Zone, 35> zones = {{
        {"ut", 0},     {"utc", 0},     {"gmt", 0},     {"z", 0},      {"est", -300}, {"edt", -240},
        {"cst", -360}, {"cdt", -300},  {"mst", -420},  {"mdt", -360}, {"pst", -480}, {"pdt", -420},
        {"adt", -180}, {"akst", -540}, {"akdt", -480}, {"hst", -600}, {"wet", 0},    {"west", 60},
        {"bst", 60},   {"cet", 60},    {"cest", 120},  {"met", 60},   {"mest", 120}, {"eet", 120},
        {"eest", 180}, {"msk", 180},   {"jst", 540},   {"kst", 540},  {"hkt", 480},  {"sgt", 480},
        {"aest", 600}, {"aedt", 660},  {"nzst", 720},  {"nzdt", 780}, {"uct", 0},
    }};
    std::string n = to_lower_ascii(name);
    for (const auto& z : zones)
        if (z.name == n) return z.minutes;
    // RFC 822's military letters have their signs reversed in the RFC itself; RFC 5322 §4.3
    // says to read them as "-0000": UTC, the local zone unknown.
    if (n.size() == 1 && n[0] >= 'a' && n[0] <= 'y' && n[0] != 'j') return 0;
    if (n.starts_with("etc/")) return etc_zone_offset(std::string_view(n).substr(4));
    return std::nullopt;
}

bool generic_zone(std::string_view name) {
    std::string n = to_lower_ascii(name);
    return n == "et" || n == "ct" || n == "mt" || n == "pt" || n == "at";
}

std::optional<int> generic_zone_offset(std::string_view name, const CivilDate& date, int hour) {
    static constexpr std::array<Zone, 5> standard = {
        {{"at", -240}, {"et", -300}, {"ct", -360}, {"mt", -420}, {"pt", -480}}};
    std::string n = to_lower_ascii(name);
    if (!is_valid_date(date)) return std::nullopt;
    for (const auto& z : standard)
        if (z.name == n) return z.minutes + (daylight_saving(date, hour) ? 60 : 0);
    return std::nullopt;
}

}  // namespace brief
