#include <catch2/catch.hpp>

#include "util/dates.h"

using namespace brief;

TEST_CASE("ISO weeks at year boundaries follow ISO 8601", "[dates]") {
    CHECK(iso_week({2026, 12, 31}).str() == "2026-W53");
    CHECK(iso_week({2027, 1, 1}).str() == "2026-W53");
    CHECK(iso_week({2027, 1, 3}).str() == "2026-W53");
    CHECK(iso_week({2027, 1, 4}).str() == "2027-W01");
    CHECK(iso_week({2024, 12, 30}).str() == "2025-W01");
    CHECK(iso_week({2024, 12, 29}).str() == "2024-W52");
    CHECK(iso_week({2026, 11, 25}).str() == "2026-W48");
    CHECK(iso_weeks_in_year(2026) == 53);
    CHECK(iso_weeks_in_year(2025) == 52);
}

TEST_CASE("a week's Monday and the next week are computed across years", "[dates]") {
    auto w = IsoWeek::parse("2026-W53");
    REQUIRE(w);
    CHECK(format_date(w->monday()) == "2026-12-28");
    CHECK(w->next().str() == "2027-W01");
    CHECK(format_date(IsoWeek::parse("2025-W01")->monday()) == "2024-12-30");
    CHECK_FALSE(IsoWeek::parse("2025-W53"));
    CHECK_FALSE(IsoWeek::parse("2025-53"));
}

TEST_CASE("RFC 3339 dates keep their offset and instant", "[dates]") {
    auto t = parse_rfc3339("2026-05-14T09:30:00+08:00");
    REQUIRE(t);
    CHECK(t->offset_minutes == 480);
    CHECK(format_rfc3339_utc(t->utc_seconds) == "2026-05-14T01:30:00Z");
    CHECK(format_rfc3339(*t) == "2026-05-14T09:30:00+08:00");
    CHECK(parse_rfc3339("2026-05-14T01:30:00.250Z")->utc_seconds == t->utc_seconds);
    CHECK_FALSE(parse_rfc3339("2026-05-14T09:30:00"));
    CHECK_FALSE(parse_rfc3339("2026-13-14T09:30:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-02-30T09:30:00Z"));
}

TEST_CASE("content dates without a zone are read in the site's time zone", "[dates]") {
    auto shanghai = TimeZone::load("Asia/Shanghai");
    REQUIRE(shanghai);
    DateResult d = parse_content_date("2026-05-14 09:30", *shanghai);
    REQUIRE(d.value);
    CHECK(format_rfc3339_utc(d.value->utc_seconds) == "2026-05-14T01:30:00Z");
    DateResult day = parse_content_date("2026-05-14", *shanghai);
    REQUIRE(day.value);
    CHECK(format_rfc3339(*day.value) == "2026-05-14T00:00:00+08:00");
}

TEST_CASE("a time-zone offset can move a date into another ISO week", "[dates]") {
    auto shanghai = TimeZone::load("Asia/Shanghai");
    auto berlin = TimeZone::load("Europe/Berlin");
    REQUIRE(shanghai);
    REQUIRE(berlin);
    // Sunday 2026-11-22 23:30 in Berlin is Monday 06:30 in Shanghai: a new ISO week there.
    auto t = parse_rfc3339("2026-11-22T23:30:00+01:00");
    REQUIRE(t);
    CHECK(iso_week(berlin->localize(t->utc_seconds).local().date).str() == "2026-W47");
    CHECK(iso_week(shanghai->localize(t->utc_seconds).local().date).str() == "2026-W48");
    // Daylight saving: Berlin is +02:00 in July and +01:00 in January.
    CHECK(berlin->offset_at(parse_rfc3339("2026-07-01T00:00:00Z")->utc_seconds) == 120);
    CHECK(berlin->offset_at(parse_rfc3339("2026-01-01T00:00:00Z")->utc_seconds) == 60);
}

TEST_CASE("impossible dates and unknown zones are refused", "[dates]") {
    auto utc = TimeZone::load("UTC");
    REQUIRE(utc);
    CHECK(parse_content_date("2026-13-02", *utc).error ==
          "'2026-13-02' is not a date (expected 2026-05-14, 2026-05-14 09:30 or "
          "2026-05-14T09:30:00+08:00)");
    CHECK_FALSE(parse_content_date("2026-02-29", *utc).value);
    CHECK(parse_content_date("2028-02-29", *utc).value);
    CHECK_FALSE(parse_content_date("2026-05-14 25:00", *utc).value);
    CHECK_FALSE(TimeZone::load("Mars/Olympus_Mons"));
    CHECK_FALSE(TimeZone::load("../etc/passwd"));
}

TEST_CASE("RSS dates are written in RFC 822 form", "[dates]") {
    auto t = parse_rfc3339("2026-05-14T09:30:00+08:00");
    REQUIRE(t);
    CHECK(format_rfc822(*t) == "Thu, 14 May 2026 09:30:00 +0800");
}
