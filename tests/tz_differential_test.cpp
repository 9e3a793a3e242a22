// The site's time zone read from the TZif file (util/tzif.*) against the way Brief converted
// before: glibc's localtime through setenv("TZ") + tzset(), kept here and only here.
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/dates.h"
#include "util/tzif.h"

using namespace brief;

namespace {

// Sets TZ for the test and puts the process's TZ and TZDIR back afterwards.
class OldZone {
  public:
    explicit OldZone(const std::string& name) {
        if (const char* tz = getenv("TZ")) saved_tz_ = tz;
        if (const char* dir = getenv("TZDIR")) saved_dir_ = dir;
        unsetenv("TZDIR");
        setenv("TZ", (":" + name).c_str(), 1);
        tzset();
    }
    ~OldZone() {
        if (saved_tz_)
            setenv("TZ", saved_tz_->c_str(), 1);
        else
            unsetenv("TZ");
        if (saved_dir_) setenv("TZDIR", saved_dir_->c_str(), 1);
        tzset();
    }
    OldZone(const OldZone&) = delete;
    OldZone& operator=(const OldZone&) = delete;

    // The old TimeZone::offset_at.
    int offset_at(std::int64_t utc) const {
        time_t t = static_cast<time_t>(utc);
        struct tm tm {};
        localtime_r(&t, &tm);
        return static_cast<int>(tm.tm_gmtoff / 60);
    }
    // The old TimeZone::to_utc.
    std::int64_t to_utc(const LocalDateTime& l) const {
        std::int64_t naive =
            days_from_civil(l.date) * 86400 + l.hour * 3600 + l.minute * 60 + l.second;
        std::int64_t guess = naive - static_cast<std::int64_t>(offset_at(naive)) * 60;
        std::int64_t again = naive - static_cast<std::int64_t>(offset_at(guess)) * 60;
        return std::min(guess, again);
    }

  private:
    std::optional<std::string> saved_tz_, saved_dir_;
};

LocalDateTime wall(std::int64_t s) {
    return Timestamp{s, 0}.local();
}

constexpr std::int64_t kFrom = -3786825600;  // 1850-01-01
constexpr std::int64_t kTo = 4102444800;     // 2100-01-01

}  // namespace

TEST_CASE("zones read from TZif convert as glibc's setenv + localtime did", "[dates][tz]") {
    const char* zones[] = {"Asia/Shanghai",       "Europe/Berlin",
                           "America/New_York",    "UTC",
                           "Australia/Lord_Howe", "Etc/UTC",
                           "Europe/Dublin",       "America/Nuuk",
                           "Asia/Jerusalem",      "Pacific/Chatham",
                           "Antarctica/Troll",    "America/St_Johns",
                           "Asia/Kolkata",        "Africa/Casablanca",
                           "America/Santiago",    "Pacific/Apia",
                           "Etc/GMT+5",           "EST5EDT"};
    std::size_t compared = 0, transitions = 0, walls = 0;
    for (const char* name : zones) {
        if (!std::filesystem::exists(std::filesystem::path("/usr/share/zoneinfo") / name)) {
            WARN("no " << name << " in /usr/share/zoneinfo; skipped");
            continue;
        }
        INFO("zone " << name);
        unsetenv("TZDIR");
        auto zone = TimeZone::load(name);
        REQUIRE(zone);
        OldZone old(name);

        // A sweep of instants; where the offset changes, the exact second of the change.
        std::vector<std::int64_t> changes;
        int previous = old.offset_at(kFrom);
        for (std::int64_t t = kFrom; t < kTo; t += 20011) {
            int want = old.offset_at(t);
            if (zone->offset_at(t) != want || zone->localize(t).offset_minutes != want) {
                INFO("at " << format_rfc3339_utc(t));
                REQUIRE(zone->offset_at(t) == want);
                REQUIRE(zone->localize(t).offset_minutes == want);
            }
            ++compared;
            if (want != previous) {
                std::int64_t lo = t - 20011, hi = t;  // old offset differs at hi, not at lo
                while (hi - lo > 1) {
                    std::int64_t mid = lo + (hi - lo) / 2;
                    (old.offset_at(mid) == previous ? lo : hi) = mid;
                }
                changes.push_back(hi);
            }
            previous = want;
        }
        for (std::int64_t c : changes) {
            for (std::int64_t t : {c - 3601, c - 1, c, c + 1, c + 3600}) {
                REQUIRE(zone->offset_at(t) == old.offset_at(t));
                ++compared;
            }
            ++transitions;
            // Wall-clock times around the change, gaps and repeated hours included.
            std::int64_t local = c + static_cast<std::int64_t>(old.offset_at(c - 1)) * 60;
            for (std::int64_t s = local - 3 * 3600; s <= local + 3 * 3600; s += 900) {
                if (zone->to_utc(wall(s)) != old.to_utc(wall(s))) {
                    INFO("wall clock " << format_rfc3339_utc(s));
                    REQUIRE(zone->to_utc(wall(s)) == old.to_utc(wall(s)));
                }
                ++walls;
            }
        }
        // Wall-clock times across the whole range, as content dates are read.
        for (std::int64_t s = kFrom; s < kTo; s += 86400 * 7 + 3 * 3600 + 1799) {
            if (zone->to_utc(wall(s)) != old.to_utc(wall(s))) {
                INFO("wall clock " << format_rfc3339_utc(s));
                REQUIRE(zone->to_utc(wall(s)) == old.to_utc(wall(s)));
            }
            DateResult d = parse_content_date(format_date(wall(s).date), *zone);
            if (!d.value || d.value->offset_minutes != old.offset_at(d.value->utc_seconds)) {
                INFO("content date " << format_date(wall(s).date));
                REQUIRE(d.value);
                REQUIRE(d.value->offset_minutes == old.offset_at(d.value->utc_seconds));
            }
            ++walls;
        }
    }
    // Enough changes that both DST rules and the TZif footer (after 2037) were exercised.
    CHECK(transitions > 2000);
    CHECK(compared > 5'000'000);
    CHECK(walls > 100'000);
}

TEST_CASE("after 2037 the zone's POSIX rule decides, as glibc does", "[dates][tz]") {
    auto berlin = TimeZone::load("Europe/Berlin");
    auto lord_howe = TimeZone::load("Australia/Lord_Howe");
    REQUIRE(berlin);
    REQUIRE(lord_howe);
    CHECK(berlin->offset_at(parse_rfc3339("2040-07-01T00:00:00Z")->utc_seconds) == 120);
    CHECK(berlin->offset_at(parse_rfc3339("2040-01-01T00:00:00Z")->utc_seconds) == 60);
    // Lord Howe moves by half an hour, in the southern summer.
    CHECK(lord_howe->offset_at(parse_rfc3339("2041-01-01T00:00:00Z")->utc_seconds) == 660);
    CHECK(lord_howe->offset_at(parse_rfc3339("2041-07-01T00:00:00Z")->utc_seconds) == 630);
}

TEST_CASE("POSIX TZ rules read as glibc reads them", "[dates][tz]") {
    auto r = PosixTzRule::parse("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
    REQUIRE(r);
    CHECK(r->std_offset == 37800);
    CHECK(r->dst_offset == 39600);
    CHECK(r->start.month == 10);
    auto nuuk = PosixTzRule::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
    REQUIRE(nuuk);
    CHECK(nuuk->dst_offset == -3600);  // one hour after standard time when not given
    CHECK(nuuk->start.time == -3600);
    CHECK(PosixTzRule::parse("CST-8")->has_dst == false);
    CHECK_FALSE(PosixTzRule::parse("C-8"));
    CHECK_FALSE(PosixTzRule::parse(""));
}

TEST_CASE("a zone file that is not TZif reads as UTC, a missing one is refused", "[dates][tz]") {
    CHECK_FALSE(TzifZone::parse("TZif"));
    CHECK_FALSE(TzifZone::parse("not a zone"));
    CHECK_FALSE(TimeZone::load("Mars/Olympus_Mons"));
    if (std::filesystem::exists("/usr/share/zoneinfo/zone.tab")) {
        unsetenv("TZDIR");
        auto table = TimeZone::load("zone.tab");
        REQUIRE(table);
        CHECK(table->offset_at(1795366800) == 0);
    }
}
