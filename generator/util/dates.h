#pragma once
// Dates and times. In: RFC 3339 text, content dates (2026-05-14 09:30) and zone names; out:
// instants with their UTC offset in the site's zone (the system tz database, read through
// util/tzif.h), civil dates, ISO weeks and their RFC 3339 spellings.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/hash.h"

namespace brief {

class TzifZone;

/// A calendar date.
struct CivilDate {
    int year = 1970;
    int month = 1;
    int day = 1;
    auto operator<=>(const CivilDate&) const = default;
};

/// A wall-clock time without a zone.
struct LocalDateTime {
    CivilDate date;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

/// An instant, plus the UTC offset it is shown in.
struct Timestamp {
    std::int64_t utc_seconds = 0;  ///< seconds since 1970-01-01T00:00:00Z
    int offset_minutes = 0;        ///< local time = UTC + offset
    auto operator<=>(const Timestamp& o) const { return utc_seconds <=> o.utc_seconds; }
    bool operator==(const Timestamp& o) const { return utc_seconds == o.utc_seconds; }
    /// The wall-clock time at this instant in its own offset.
    LocalDateTime local() const;
};

/// An ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday.
struct IsoWeek {
    int year = 1970;
    int week = 1;
    auto operator<=>(const IsoWeek&) const = default;
    /// "2026-W47".
    std::string str() const;
    /// Parses "2026-W47"; nullopt for anything else or a week the year does not have.
    static std::optional<IsoWeek> parse(std::string_view s);
    /// Monday of this week.
    CivilDate monday() const;
    /// The following week.
    IsoWeek next() const;
};

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
std::int64_t days_from_civil(const CivilDate& d);
/// The civil date `days` after 1970-01-01.
CivilDate civil_from_days(std::int64_t days);
/// 1 = Monday … 7 = Sunday.
int iso_weekday(const CivilDate& d);
/// True for a real calendar date.
bool is_valid_date(const CivilDate& d);
/// The ISO week a date falls in.
IsoWeek iso_week(const CivilDate& d);
/// Number of ISO weeks in `year` (52 or 53).
int iso_weeks_in_year(int year);

/// A time zone from the system tz database (/usr/share/zoneinfo, or $TZDIR), by IANA name.
/// The zone's file is read once, by load; copies share it, and every question after that is
/// answered from memory, from any thread, without touching process state.
class TimeZone {
  public:
    /// UTC.
    TimeZone() = default;
    /// Loads `name` ("Asia/Shanghai"); nullopt when the tz database has no such zone.
    static std::optional<TimeZone> load(std::string_view name);
    /// The IANA name.
    const std::string& name() const { return name_; }
    /// The hash of the name and the zone file's bytes: a tz database update changes it, so a
    /// cache of what was read in this zone can tell.
    const Hash128& rules_hash() const { return rules_hash_; }
    /// UTC offset in minutes at the given instant.
    int offset_at(std::int64_t utc_seconds) const;
    /// The instant of a wall-clock time in this zone (the earlier one when ambiguous).
    std::int64_t to_utc(const LocalDateTime& local) const;
    /// The instant, shown in this zone's offset.
    Timestamp localize(std::int64_t utc_seconds) const;

  private:
    std::string name_ = "UTC";
    std::shared_ptr<const TzifZone> zone_;  ///< null: UTC
    Hash128 rules_hash_ = hash_bytes("UTC");
};

/// Parses RFC 3339 ("2026-05-14T09:30:00+08:00", "…Z", fractions ignored).
std::optional<Timestamp> parse_rfc3339(std::string_view s);

/// The result of reading a front-matter date.
struct DateResult {
    std::optional<Timestamp> value;
    std::string error;  ///< set when value is empty
};

/// Reads a content date: RFC 3339, or "YYYY-MM-DD" / "YYYY-MM-DD HH:MM" in `zone`.
DateResult parse_content_date(std::string_view s, const TimeZone& zone);

/// "2026-05-14T09:30:00+08:00" (or "Z" for a zero offset when `utc_z`).
std::string format_rfc3339(const Timestamp& t, bool utc_z = false);
/// "2026-05-14T01:30:00Z".
std::string format_rfc3339_utc(std::int64_t utc_seconds);
/// "2026-05-14".
std::string format_date(const CivilDate& d);
/// RFC 822 date for RSS: "Thu, 14 May 2026 09:30:00 +0800".
std::string format_rfc822(const Timestamp& t);

}  // namespace brief
