// libFuzzer target: the whole read path of a feed (charset decoding, XML / JSON parsing,
// dates, URL resolution, sanitising). Any crash, hang or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/feed_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the Content-Type the "server" sent, so charset paths get fuzzed.
    static constexpr std::string_view kTypes[] = {"",
                                                  "application/rss+xml",
                                                  "text/xml; charset=gb18030",
                                                  "application/atom+xml; charset=big5",
                                                  "text/xml; charset=shift_jis",
                                                  "application/xml; charset=windows-1251",
                                                  "text/html; charset=iso-8859-15",
                                                  "application/feed+json",
                                                  "text/xml; charset=utf-16"};
    std::string_view type = kTypes[data[0] % (sizeof kTypes / sizeof kTypes[0])];
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    brief::ParsedFeed feed = brief::parse_feed_bytes(bytes, type, "https://example.com/feeds/a/");
    for (const auto& item : feed.items)
        if (item.summary_html.find("<script") != std::string::npos) __builtin_trap();
    return 0;
}
