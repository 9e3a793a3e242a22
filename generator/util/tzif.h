#pragma once
// One compiled zone of the tz database. In: the bytes of a TZif file (RFC 8536), as found under
// /usr/share/zoneinfo. Out: the UTC offset at any instant, computed the way glibc's localtime
// computes it (transitions, then the file's POSIX TZ rule after the last one), with no process
// state: a zone is read once and then asked from any number of threads.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace brief {

/// A POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"): a standard offset and, optionally, a
/// daylight-saving offset with the two yearly changes.
struct PosixTzRule {
    /// When one of the yearly changes happens.
    struct Change {
        enum class Form { julian_no_leap, day_of_year, month_week_day };
        Form form = Form::day_of_year;
        int day = 0;            ///< Jn: 1-365; n: 0-365; Mm.w.d: d, 0 = Sunday
        int week = 0;           ///< Mm.w.d: w, 1-5 (5 = the last)
        int month = 0;          ///< Mm.w.d: m, 1-12
        std::int64_t time = 0;  ///< local seconds after midnight, may be negative or > 24 h
    };
    std::int64_t std_offset = 0;  ///< seconds east of UTC
    bool has_dst = false;
    std::int64_t dst_offset = 0;  ///< seconds east of UTC
    Change start;                 ///< standard time to daylight-saving time
    Change end;                   ///< and back (both "day 0, 00:00" when unreadable, as glibc)

    /// Parses the rule; nullopt when it is not one.
    static std::optional<PosixTzRule> parse(std::string_view s);
    /// The offset in seconds east of UTC at an instant.
    std::int64_t offset_at(std::int64_t utc_seconds) const;
};

/// The zone a TZif file describes.
class TzifZone {
  public:
    /// Reads a TZif file (version 1, or the 64-bit data of version 2 and later, and the footer);
    /// nullopt when the bytes are not one.
    static std::optional<TzifZone> parse(std::string_view bytes);
    /// The offset in seconds east of UTC at an instant.
    std::int64_t offset_at(std::int64_t utc_seconds) const;

  private:
    std::vector<std::int64_t> transitions_;  ///< ascending instants
    std::vector<std::int32_t> offsets_;      ///< the offset from each transition on
    std::int32_t before_first_ = 0;          ///< before the first transition, or without any
    std::optional<PosixTzRule> footer_;      ///< from the last transition on
};

}  // namespace brief
