// libFuzzer target: feed dates (RFC 822 and relatives, RFC 3339, ISO 8601 with weeks and
// months, zone names, malformed forms). Seeds: tests/fuzz/corpus/feed_dates.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/feed_dates.h"
#include "util/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto t = brief::parse_feed_date(text)) {
        // Whatever is accepted must print as a real RFC 3339 time and read back the same.
        auto back = brief::parse_rfc3339(brief::format_rfc3339_utc(*t));
        if (!back || back->utc_seconds != *t) __builtin_trap();
    }
    return 0;
}
