// libFuzzer target: the OPML reader (charset decoding, XML, the outline walk), and what import
// does with its feeds: each becomes a sources.yaml entry appended as text, which must read
// back, and the OPML written from them must read again. Any crash, hang, sanitizer report or
// broken invariant is a bug.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "feeds/opml.h"
#include "feeds/sources_edit.h"
#include "util/url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    brief::Diagnostics diags;
    auto doc = brief::parse_opml("fuzz.opml", bytes, diags);
    if (!doc) {
        if (!diags.has_errors()) __builtin_trap();  // refused without saying why
        return 0;
    }
    std::vector<brief::SourceConfig> sources;
    std::set<std::string> taken = {"existing"};
    for (const auto& f : doc->feeds) {
        if (!brief::is_http_url(f.xml_url)) __builtin_trap();
        brief::SourceConfig s;
        s.id = brief::unused_source_id(brief::source_id_for(f.title, f.xml_url), taken);
        taken.insert(s.id);
        s.name = brief::source_name_for(f.title, f.xml_url);
        s.url = f.xml_url;
        s.kind = "aggregator";
        s.topics = f.topics;
        sources.push_back(std::move(s));
    }
    if (sources.empty()) return 0;
    auto edit = brief::append_sources(
        "sources:\n  - id: existing\n    name: E\n    url: https://e.example/\n    kind: "
        "official\n",
        sources);
    if (!edit.error.empty()) __builtin_trap();  // an entry that does not read back as written
    brief::Diagnostics again;
    auto back = brief::parse_opml("again.opml", brief::write_opml("t", sources), again);
    if (!back || back->feeds.size() > sources.size()) __builtin_trap();
    return 0;
}
