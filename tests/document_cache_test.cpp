// The document cache and the store under it: a document taken from the cache is the one its
// bytes parse to, in every field; a damaged entry is a miss, never a wrong document; a store
// appends, survives reopening, forgets a torn file and compacts.
#include <catch2/catch.hpp>

#include <variant>

#include "content/document_cache.h"
#include "content/fields.h"
#include "content/front_matter.h"
#include "content/loader.h"
#include "helpers.h"
#include "util/hash_store.h"

using namespace brief;
using namespace brief::test;

namespace {

SiteConfig shanghai_site() {
    SiteConfig s;
    s.timezone = *TimeZone::load("Asia/Shanghai");
    s.timezone_name = "Asia/Shanghai";
    s.source_hash = hash_bytes("timezone: Asia/Shanghai\n");
    return s;
}

// A weekly note (the one section that may have every field) with every field set to something
// other than its default, after a byte-order mark and with CRLF line ends.
const std::string kEveryField =
    "\xEF\xBB\xBF---\r\n"
    "title: Every field\r\n"
    "date: 2026-11-18 10:00\r\n"
    "updated: 2026-11-19 08:30\r\n"
    "kind: analysis\r\n"
    "summary: All of them.\r\n"
    "summary_generated: true\r\n"
    "topics: [ascend, roadmap]\r\n"
    "entities: [华为, Baidu]\r\n"
    "layer: cloud-packaging\r\n"
    "key_points:\r\n  - First\r\n  - Second *point*\r\n"
    "watch: [Pricing]\r\n"
    "open_questions: [Who ships first?]\r\n"
    "outlook:\r\n  - claim: It ships\r\n    likelihood: very-likely\r\n    horizon: years\r\n"
    "score: 6.5\r\n"
    "score_rationale: Dated and sourced.\r\n"
    "sources:\r\n  - title: Keynote\r\n    publisher: Huawei\r\n    url: "
    "https://www.huawei.com/en/news/\r\n    primary: true\r\n"
    "discovered_from: https://feeds.example/item/2\r\n"
    "signals:\r\n  - signal: Servers\r\n    why: Shipping\r\n    where: Catalogues\r\n"
    "tools:\r\n  - purpose: Porting\r\n    name: CANN\r\n    url: https://www.hiascend.com/\r\n"
    "    note: Free\r\n"
    "faq:\r\n  - q: Is it shipping?\r\n    a: Not yet.\r\n"
    "lang: zh\r\n"
    "translation_key: every\r\n"
    "draft: true\r\n"
    "slug: every-field\r\n"
    "aliases: [/old/every/]\r\n"
    "more_usable: [Vendor schedules]\r\n"
    "less_reliable: [Peak claims]\r\n"
    "---\r\n"
    "The body, with **Markdown**.\r\n";
const std::string kPath = "content/weeks/2026-W47.md";

Document parsed_every_field() {
    Diagnostics d;
    auto doc = parse_document(kPath, kEveryField, Section::week, shanghai_site(), d);
    INFO(messages(d));
    REQUIRE(doc);
    REQUIRE(d.items().empty());
    return *doc;
}

// The first line of a store's file: its format, as the code that wrote it spells it.
std::string magic_of(const std::filesystem::path& file) {
    std::string text = slurp(file);
    return text.substr(0, text.find('\n') + 1);
}

}  // namespace

TEST_CASE("a document read from the cache equals the parsed one in every field", "[cache]") {
    const Document doc = parsed_every_field();
    // The fixture covers the whole field table: a field added later must be added here too.
    const Document blank;
    for (const FrontMatterField& f : front_matter_fields()) {
        INFO(f.name);
        std::visit([&](auto member) { CHECK_FALSE(doc.*member == blank.*member); }, f.target);
    }

    TempDir dir;
    const Hash128 key =
        DocumentCache::key(Hasher().add(kPath).add(kEveryField).finish(), shanghai_site());
    {
        DocumentCache cache;
        cache.open(dir.path());
        cache.store(key, doc, kEveryField);
        REQUIRE(cache.save());
    }
    DocumentCache cache;
    cache.open(dir.path());
    auto got = cache.find(key, kPath, Section::week, kEveryField);
    REQUIRE(got);
    CHECK(*got == doc);
    CHECK(got->body == "The body, with **Markdown**.\r\n");
    CHECK(got->body_line == doc.body_line);
    // Timestamp's == compares instants only; the offset is kept too.
    CHECK(got->date->offset_minutes == 480);
    CHECK(got->updated->offset_minutes == 480);

    // Another site.yaml is another key.
    SiteConfig utc = shanghai_site();
    utc.source_hash = hash_bytes("timezone: UTC\n");
    CHECK_FALSE(cache.find(DocumentCache::key(Hasher().add(kPath).add(kEveryField).finish(), utc),
                           kPath, Section::week, kEveryField));
}

TEST_CASE("a damaged document cache entry is a miss, never a wrong document", "[cache]") {
    const Document doc = parsed_every_field();
    TempDir dir;
    const Hash128 key = hash_bytes("a key");
    {
        DocumentCache cache;
        std::filesystem::create_directories(dir / "good");
        cache.open(dir / "good");
        cache.store(key, doc, kEveryField);
        REQUIRE(cache.save());
    }
    const std::filesystem::path good = dir / "good" / "documents.bin";
    const std::string magic = magic_of(good);
    std::string payload;
    {
        HashStore store(magic);
        store.open(good);
        payload = store.find(key).value_or("");
    }
    REQUIRE(payload.size() > 100);

    // Every truncation of the entry, stored whole under the same key.
    std::size_t misses = 0;
    for (std::size_t len = 0; len < payload.size(); ++len) {
        std::filesystem::create_directories(dir / "bad");
        std::filesystem::remove(dir / "bad" / "documents.bin");
        {
            HashStore store(magic);
            store.open(dir / "bad" / "documents.bin");
            store.store(key, payload.substr(0, len));
            REQUIRE(store.save());
        }
        DocumentCache cache;
        cache.open(dir / "bad");
        misses += !cache.find(key, kPath, Section::week, kEveryField);
    }
    CHECK(misses == payload.size());

    // A text shorter than the front matter the entry was made from.
    DocumentCache cache;
    cache.open(dir / "good");
    CHECK(cache.find(key, kPath, Section::week, kEveryField));
    CHECK_FALSE(cache.find(key, kPath, Section::week, "---\n---\n"));
}

TEST_CASE("a hash store appends across runs, forgets a torn file and compacts", "[cache]") {
    TempDir dir;
    const auto file = dir / "store.bin";
    const Hash128 a = hash_bytes("a"), b = hash_bytes("b"), c = hash_bytes("c");
    {
        HashStore s("test-store 1\n");
        s.open(file);
        s.store(a, "alpha");
        s.store(b, std::string(100'000, 'b'));
        REQUIRE(s.save());
        s.store(a, "not alpha");  // a key holds one value
        CHECK(s.find(a) == "alpha");
    }
    const auto first_size = std::filesystem::file_size(file);
    {
        HashStore s("test-store 1\n");
        s.open(file);
        CHECK(s.find(a) == "alpha");
        CHECK(s.find(b)->size() == 100'000);
        s.store(c, "gamma");
        REQUIRE(s.save());
    }
    // Appended: the file only grew by the new entry.
    CHECK(std::filesystem::file_size(file) == first_size + 16 + 4 + 5);
    {
        HashStore other("another store 1\n");
        other.open(file);
        CHECK(other.size() == 0);  // another format is not read
        HashStore s("test-store 1\n");
        s.open(file);
        CHECK(s.size() == 3);
        CHECK(s.find(c) == "gamma");
    }

    // Torn by a killed write: nothing of the file is trusted, and the next save starts it again.
    std::filesystem::resize_file(file, std::filesystem::file_size(file) - 2);
    {
        HashStore s("test-store 1\n");
        s.open(file);
        CHECK(s.size() == 0);
        s.store(a, "alpha");
        s.store(b, std::string(2'000'000, 'b'));
        REQUIRE(s.save());
    }
    {
        // Only `a` is used: the unused 2 MB outweigh it, so the file is rewritten without them.
        HashStore s("test-store 1\n");
        s.open(file);
        CHECK(s.size() == 2);
        CHECK(s.find(a) == "alpha");
        s.store(c, "gamma");
        REQUIRE(s.save());
    }
    CHECK(std::filesystem::file_size(file) < 100);
    {
        HashStore s("test-store 1\n");
        s.open(file);
        CHECK(s.size() == 2);
        CHECK_FALSE(s.find(b));
        // After release(), what save() wrote is no longer in memory, and the file only grows.
        s.store(b, "beta");
        REQUIRE(s.save());
        s.release();
        CHECK_FALSE(s.find(b));
        CHECK(s.find(a) == "alpha");
        s.store(hash_bytes("d"), "delta");
        REQUIRE(s.save());
    }
    HashStore s("test-store 1\n");
    s.open(file);
    CHECK(s.size() == 4);
    CHECK(s.find(b) == "beta");
    CHECK(s.find(hash_bytes("d")) == "delta");
}

TEST_CASE("the loader takes unchanged documents from the cache and parses the rest", "[cache]") {
    TempDir dir;
    copy_site(kSites / "minimal", dir / "src");
    const auto src = dir / "src";
    std::filesystem::create_directories(dir / "cache");
    auto load = [&](Diagnostics& d, std::size_t& cached) {
        DocumentCache cache;
        cache.open(dir / "cache");
        Content c = load_content(src, 2, d, &cache);
        REQUIRE(cache.save());
        cached = c.cached;
        return c;
    };
    std::size_t cached = 0;
    Diagnostics d1, d2;
    Content first = load(d1, cached);
    INFO(messages(d1));
    REQUIRE_FALSE(d1.has_errors());
    CHECK(cached == 0);
    Content second = load(d2, cached);
    CHECK(cached == first.files);
    CHECK(second.documents == first.documents);
    CHECK(second.weeks == first.weeks);
    CHECK(messages(d2) == messages(d1));

    // An edited body is read again, and only it.
    const auto roadmap = src / "content/briefings/2026/ascend-roadmap.md";
    write(roadmap, slurp(roadmap) + "\nOne more line.\n");
    Diagnostics d3;
    Content third = load(d3, cached);
    CHECK(cached == first.files - 1);
    std::size_t edited = 0;
    for (const auto& doc : third.documents)
        edited += doc.body.ends_with("One more line.\n") && doc.path.ends_with("ascend-roadmap.md");
    CHECK(edited == 1);

    // A document with a warning is never kept, so its warning comes every time.
    std::string text = slurp(roadmap);
    text.replace(text.find("---\n", 1), 4, "mood: upbeat\n---\n");
    write(roadmap, text);
    for (int i = 0; i < 2; ++i) {
        Diagnostics d;
        load(d, cached);
        CHECK(d.warning_count() == 1);
        CHECK(cached == first.files - 1);
    }

    // Another site.yaml (here: another time zone) reads every document again.
    const auto site = src / "content/site.yaml";
    std::string yaml = slurp(site);
    yaml.replace(yaml.find("Asia/Shanghai"), 13, "Europe/Berlin");
    write(site, yaml);
    Diagnostics d4;
    Content berlin = load(d4, cached);
    CHECK(cached == 0);
    REQUIRE(berlin.documents.size() == first.documents.size());
    CHECK(berlin.documents[0].date != first.documents[0].date);
}

TEST_CASE("a tz database update changes a document's cache key", "[cache]") {
    // The same zone name and site.yaml, other rules: dates read before may now be wrong.
    TempDir tzdir;
    std::filesystem::create_directories(tzdir / "Test");
    const SiteConfig shanghai = shanghai_site();  // before TZDIR points elsewhere
    ScopedEnv tz("TZDIR", tzdir.path().string());
    auto key_with = [&](const char* zone_file) {
        std::filesystem::copy_file(std::filesystem::path("/usr/share/zoneinfo") / zone_file,
                                   tzdir / "Test/Zone",
                                   std::filesystem::copy_options::overwrite_existing);
        SiteConfig site = shanghai;
        auto zone = TimeZone::load("Test/Zone");
        REQUIRE(zone);
        site.timezone = *zone;
        return DocumentCache::key(hash_bytes("document"), site);
    };
    const Hash128 before = key_with("Asia/Shanghai");
    const Hash128 same = key_with("Asia/Shanghai");
    const Hash128 after = key_with("Asia/Tokyo");
    CHECK(before == same);
    CHECK(before != after);
}
