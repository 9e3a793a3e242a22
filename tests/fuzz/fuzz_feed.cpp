// libFuzzer target: the whole read path of a feed (charset decoding, DOCTYPE entities, XML /
// JSON parsing, dates, URL resolution, sanitising). Any crash, hang or sanitizer report is a
// bug, and so is a script in a summary or a control character in any field.
// Seeds: tests/fixtures/feeds (and its charsets/ folder).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/feed_parser.h"

namespace {

// True when `s` holds a C0 control, DEL or a C1 control (U+0080-U+009F); TAB and LF are
// allowed where `layout` says so.
bool has_control(std::string_view s, bool layout) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (layout && (c == '\t' || c == '\n')) continue;
        if (c < 0x20 || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0)
            return true;
    }
    return false;
}

}  // namespace

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
                                                  "text/xml; charset=utf-16",
                                                  "text/xml; charset=us-ascii",
                                                  "text/xml; charset=x-user-defined",
                                                  "text/xml; charset=hz-gb-2312"};
    std::string_view type = kTypes[data[0] % (sizeof kTypes / sizeof kTypes[0])];
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    brief::ParsedFeed feed = brief::parse_feed_bytes(bytes, type, "https://example.com/feeds/a/");
    if (has_control(feed.title, false)) __builtin_trap();
    for (const auto& item : feed.items) {
        if (item.summary_html.find("<script") != std::string::npos) __builtin_trap();
        if (has_control(item.summary_html, true) || has_control(item.summary_text, false) ||
            has_control(item.title, false) || has_control(item.id, false) ||
            has_control(item.url, false) || has_control(item.author, false))
            __builtin_trap();
        for (const auto& c : item.categories)
            if (has_control(c, false)) __builtin_trap();
        for (const auto& e : item.enclosures)
            if (has_control(e.url, false) || has_control(e.type, false)) __builtin_trap();
    }
    return 0;
}
