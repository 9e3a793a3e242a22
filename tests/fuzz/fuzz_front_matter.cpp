// libFuzzer target: front-matter splitting and parsing must never crash, whatever the bytes.
// Build with: CXX=clang++ cmake -S . -B build-fuzz -DBRIEF_FUZZ=ON && cmake --build build-fuzz
// Run:        build-fuzz/fuzz_front_matter -max_total_time=60 CORPUS
// with CORPUS = tests/sites/minimal/content/briefings/2026
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/front_matter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const brief::SiteConfig site = [] {
        brief::SiteConfig s;
        if (auto tz = brief::TimeZone::load("Asia/Shanghai")) s.timezone = *tz;
        return s;
    }();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    brief::Diagnostics diags;
    auto doc = brief::parse_document("content/briefings/2026/fuzz.md", text,
                                     brief::Section::briefing, site, diags);
    for (const auto& d : diags.items()) (void)brief::format_diagnostic(d);
    if (doc) (void)doc->title.size();
    return 0;
}
