// libFuzzer target: the YAML reader (libyaml events into YamlNode) and everything built on it
// (front matter, site.yaml, sources.yaml, data files) must never crash, whatever the bytes;
// and a document that parses comes back from the document cache equal in every field.
// Build with: CXX=clang++ cmake -S . -B build-fuzz -DBRIEF_FUZZ=ON && cmake --build build-fuzz
// Run:        build-fuzz/fuzz_front_matter -max_total_time=60 CORPUS
// with CORPUS = tests/sites/minimal/content/briefings/2026
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "content/document_cache.h"
#include "content/front_matter.h"
#include "content/loader.h"
#include "content/site_config.h"
#include "content/yaml_reader.h"
#include "feeds/sources.h"

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
    if (doc) {
        // In memory (no open()): the encoding is the one the file would hold.
        const std::string file(text);
        brief::DocumentCache cache;
        const brief::Hash128 key = brief::hash_bytes(file);
        cache.store(key, *doc, file);
        auto back = cache.find(key, doc->path, doc->section, file);
        if (!back || !(*back == *doc)) std::abort();
        (void)cache.find(key, doc->path, doc->section, file.substr(0, file.size() / 2));
    }
    // The same bytes as a whole YAML file, through the reader and each of its users.
    const std::string yaml(text);
    brief::YamlReader r("fuzz.yaml", yaml, 0, diags);
    if (auto root = r.parse(yaml)) {
        (void)r.position(*root);
        (void)r.string_list(*root, "root");
        r.check_keys(*root, {"title", "date"}, "fuzz.yaml");
    }
    (void)brief::parse_site_config("content/site.yaml", yaml, diags);
    (void)brief::parse_sources("sources.yaml", yaml, diags);
    (void)brief::parse_signals_data("content/data/signals.yaml", yaml, diags);
    for (const auto& d : diags.items()) (void)brief::format_diagnostic(d);
    return 0;
}
