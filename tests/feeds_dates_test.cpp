// The zone rules of feed dates: military letters, Etc/GMT's inverted sign, North America's
// generic names across their daylight-saving changes, ISO weeks and months without a day.
#include <catch2/catch.hpp>

#include <string>

#include "feeds/feed_dates.h"
#include "util/dates.h"

using namespace brief;

namespace {

std::string utc(std::string_view date) {
    auto t = parse_feed_date(date);
    return t ? format_rfc3339_utc(*t) : "null";
}

}  // namespace

TEST_CASE("military letters read as UTC, as RFC 5322 says; J is no zone", "[feeds]") {
    for (char c = 'A'; c <= 'Z'; ++c) {
        INFO(c);
        if (c == 'J')
            CHECK_FALSE(named_zone_offset(std::string(1, c)));
        else
            CHECK(named_zone_offset(std::string(1, c)) == 0);
    }
    CHECK(utc("Mon, 23 Nov 2026 09:30:00 Q") == "2026-11-23T09:30:00Z");
}

TEST_CASE("Etc/GMT zones keep the tz database's inverted sign", "[feeds]") {
    CHECK(named_zone_offset("Etc/GMT") == 0);
    CHECK(named_zone_offset("etc/utc") == 0);
    CHECK(named_zone_offset("Etc/GMT-8") == 480);
    CHECK(named_zone_offset("Etc/GMT+5") == -300);
    CHECK(named_zone_offset("Etc/GMT-14") == 840);
    CHECK_FALSE(named_zone_offset("Etc/GMT+13"));
    CHECK_FALSE(named_zone_offset("Etc/GMT-15"));
    CHECK_FALSE(named_zone_offset("Etc/Nowhere"));
    CHECK_FALSE(named_zone_offset("AST"));  // Atlantic or Arabia: left out
    CHECK_FALSE(named_zone_offset("ET"));   // depends on the date
}

TEST_CASE("generic North American zones follow the daylight-saving rules of their date",
          "[feeds]") {
    // 2026: daylight time from Sunday 8 March 02:00 to Sunday 1 November 02:00.
    CHECK(utc("Sun, 8 Mar 2026 01:59:00 ET") == "2026-03-08T06:59:00Z");
    CHECK(utc("Sun, 8 Mar 2026 03:00:00 ET") == "2026-03-08T07:00:00Z");
    CHECK(utc("Sun, 1 Nov 2026 01:30:00 ET") == "2026-11-01T05:30:00Z");  // the first 01:30
    CHECK(utc("Sun, 1 Nov 2026 02:00:00 ET") == "2026-11-01T07:00:00Z");
    CHECK(utc("Mon, 23 Nov 2026 09:30:00 PT") == "2026-11-23T17:30:00Z");
    CHECK(utc("Thu, 2 Jul 2026 09:30:00 CT") == "2026-07-02T14:30:00Z");
    CHECK(utc("Thu, 2 Jul 2026 09:30:00 MT") == "2026-07-02T15:30:00Z");
    CHECK(utc("2026-07-02 09:30 AT") == "2026-07-02T12:30:00Z");
    // 1987–2006: first Sunday of April to last Sunday of October.
    CHECK(utc("Sat, 1 Apr 2006 12:00:00 ET") == "2006-04-01T17:00:00Z");
    CHECK(utc("Sun, 2 Apr 2006 12:00:00 ET") == "2006-04-02T16:00:00Z");
    CHECK(utc("Sun, 29 Oct 2006 12:00:00 ET") == "2006-10-29T17:00:00Z");
}

TEST_CASE("ISO weeks and months without a day read as their first day", "[feeds]") {
    CHECK(utc("2026-W01") == "2025-12-29T00:00:00Z");
    CHECK(utc("2026-w47-5") == "2026-11-20T00:00:00Z");
    CHECK(utc("2026W475T093000+0800") == "2026-11-20T01:30:00Z");
    CHECK(utc("2026-W53-4") == "2026-12-31T00:00:00Z");  // 2026 has 53 weeks
    CHECK(utc("2027-W53") == "null");                    // 2027 has 52
    CHECK(utc("2026-W47-8") == "null");
    CHECK(utc("2026-11") == "2026-11-01T00:00:00Z");
    CHECK(utc("November 2026") == "2026-11-01T00:00:00Z");
    CHECK(utc("2026") == "null");               // a year is too vague to file an item by
    CHECK(utc("November 2026 GMT") == "null");  // a zone without a day or time
}

TEST_CASE("odd numeric offsets are read to the minute", "[feeds]") {
    CHECK(utc("2026-11-24T06:00:00+05:45") == "2026-11-24T00:15:00Z");
    CHECK(utc("2026-11-24T06:00:00+0545") == "2026-11-24T00:15:00Z");
    CHECK(utc("Tue, 24 Nov 2026 06:00:00 +545") == "2026-11-24T00:15:00Z");
    CHECK(utc("2026-11-24T06:00:00-03:30") == "2026-11-24T09:30:00Z");
    CHECK(utc("2026-11-24T06:00:00+14:00") == "2026-11-23T16:00:00Z");
    CHECK(utc("2026-11-24T06:00:00+15:00") == "null");
    CHECK(utc("2026-11-24T06:00:00+05:60") == "null");
}
