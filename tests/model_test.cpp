// The model stage is pure: these tests build Sites from in-memory documents, no disk.
#include <catch2/catch.hpp>

#include "model/site.h"
#include "render/theme.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>

using namespace brief;

namespace {

struct Fixture {
    Content content;
    std::vector<ArchiveItem> archive;
    std::vector<SourceConfig> sources;
    std::map<std::string, SourceState> state;
    ModelOptions options;

    Fixture() {
        content.site.timezone = *TimeZone::load("Asia/Shanghai");
        content.site.related_count = 3;
        options.now = parse_rfc3339("2027-01-20T12:00:00+08:00")->utc_seconds;
    }
    Document& briefing(const std::string& slug, const std::string& date) {
        Document d;
        d.path = "content/briefings/" + slug + ".md";
        d.section = Section::briefing;
        d.slug = slug;
        d.title = "Title of " + slug;
        d.date = parse_content_date(date, content.site.timezone).value;
        d.kind = Kind::analysis;
        content.documents.push_back(d);
        return content.documents.back();
    }
    Site build() {
        Diagnostics diags;
        Site s = build_site(content, archive, sources, state, options, diags);
        REQUIRE(diags.items().empty());
        return s;
    }
};

std::vector<std::string> week_labels(const Site& s) {
    std::vector<std::string> out;
    for (const auto& w : s.weeks) out.push_back(w.week.str());
    return out;
}

}  // namespace

TEST_CASE("briefings fall in the ISO week of their date in the site's time zone", "[model]") {
    Fixture f;
    // 2026-12-27 20:00 UTC is already Monday 2026-12-28 in Shanghai: week 53, not 52.
    f.briefing("late-sunday-utc", "2026-12-28T04:00:00+08:00");
    f.briefing("new-year", "2027-01-01 10:00");
    f.briefing("second-week", "2027-01-04");
    Site s = f.build();
    CHECK(week_labels(s) == std::vector<std::string>{"2026-W53", "2027-W01"});
    CHECK(s.weeks[0].briefings.size() == 2);
}

TEST_CASE("previous and next week links skip empty weeks and cross years", "[model]") {
    Fixture f;
    f.briefing("a", "2026-12-02");  // 2026-W49
    f.briefing("b", "2027-01-12");  // 2027-W02
    f.briefing("c", "2026-12-30");  // 2026-W53
    Site s = f.build();
    REQUIRE(week_labels(s) == std::vector<std::string>{"2026-W49", "2026-W53", "2027-W02"});
    CHECK_FALSE(s.weeks[0].prev);
    CHECK(*s.weeks[0].next == 1);
    CHECK(*s.weeks[1].prev == 0);
    CHECK(*s.weeks[1].next == 2);
    CHECK_FALSE(s.weeks[2].next);
    CHECK(s.weeks[2].url == "/weeks/2027-W02/");
}

TEST_CASE("a digest holds its briefings newest first, its notes and its discovered items",
          "[model]") {
    Fixture f;
    f.briefing("older", "2026-11-16 09:00");
    f.briefing("newer", "2026-11-18 09:00").discovered_from = "https://src.example/story";
    Document note;
    note.slug = "2026-W47";
    note.section = Section::week;
    note.title = "Week note";
    f.content.weeks.push_back(note);
    ArchiveItem covered;
    covered.id = "i1";
    covered.source_id = "s";
    covered.url = "https://src.example/story";
    covered.published = parse_rfc3339("2026-11-17T01:00:00Z")->utc_seconds;
    ArchiveItem other = covered;
    other.id = "i2";
    other.url = "https://src.example/other";
    ArchiveItem only_item = covered;
    only_item.id = "i3";
    only_item.url = "https://src.example/earlier";
    only_item.published = parse_rfc3339("2026-11-03T01:00:00Z")->utc_seconds;  // 2026-W45
    f.archive = {only_item, covered, other};
    Site s = f.build();
    REQUIRE(week_labels(s) == std::vector<std::string>{"2026-W45", "2026-W47"});
    const WeekDigest& w = s.weeks[1];
    REQUIRE(w.note);
    CHECK(w.note->title == "Week note");
    REQUIRE(w.briefings.size() == 2);
    CHECK(s.briefings[w.briefings[0]].doc->slug == "newer");
    CHECK(w.items.size() == 2);
    // The item the newer briefing began from is marked as covered by it.
    REQUIRE(s.covered.count(1));
    CHECK(s.briefings[s.covered.at(1)].doc->slug == "newer");
    CHECK_FALSE(s.covered.count(2));
    // A week with only a discovered item still gets a digest.
    CHECK(s.weeks[0].items.size() == 1);
    CHECK(s.weeks[0].briefings.empty());
}

TEST_CASE("sorting is total: date, then slug, whatever the file order", "[model]") {
    Fixture f;
    f.briefing("b", "2026-11-18 09:00");
    f.briefing("a", "2026-11-18 09:00");
    f.briefing("c", "2026-11-19 09:00");
    auto slugs = [](const Site& s) {
        std::vector<std::string> out;
        for (const auto& e : s.briefings) out.push_back(e.doc->slug);
        return out;
    };
    auto first = slugs(f.build());
    std::reverse(f.content.documents.begin(), f.content.documents.end());
    CHECK(first == std::vector<std::string>{"c", "a", "b"});
    CHECK(slugs(f.build()) == first);
}

TEST_CASE("related briefings score shared entities, topics and layer, ties by date then slug",
          "[model]") {
    Fixture f;
    auto& base = f.briefing("base", "2026-11-10");
    base.topics = {"ascend", "capex"};
    base.entities = {"Huawei"};
    base.layer = Layer::silicon_roadmap;
    auto& entity = f.briefing("shares-entity", "2026-11-01");
    entity.entities = {"Huawei"};  // 3
    auto& two_topics = f.briefing("shares-two-topics", "2026-11-02");
    two_topics.topics = {"ascend", "capex"};  // 4
    auto& topic_layer = f.briefing("topic-and-layer", "2026-11-03");
    topic_layer.topics = {"capex"};
    topic_layer.layer = Layer::silicon_roadmap;  // 3, newer than shares-entity
    auto& tie = f.briefing("tie-older", "2026-10-01");
    tie.topics = {"ascend"};
    tie.layer = Layer::silicon_roadmap;  // 3, older
    auto& unrelated = f.briefing("unrelated", "2026-11-09");
    unrelated.layer = Layer::silicon_roadmap;  // shares only the layer: not a candidate
    Site s = f.build();
    const Entry* b = nullptr;
    for (const auto& e : s.briefings)
        if (e.doc->slug == "base") b = &e;
    REQUIRE(b);
    std::vector<std::string> related;
    for (std::size_t i : b->related) related.push_back(s.briefings[i].doc->slug);
    CHECK(related ==
          std::vector<std::string>{"shares-two-topics", "topic-and-layer", "shares-entity"});
}

TEST_CASE("term slugs are stable, readable for Chinese names, and never collide", "[model]") {
    auto slugs = term_slugs({"Export Controls", "华为", "export-controls", "Ascend 910C", "华为"});
    CHECK(slugs.at("华为") == "华为");
    CHECK(slugs.at("Ascend 910C") == "ascend-910c");
    // Two names that slugify alike get distinct slugs, decided by name order.
    CHECK(slugs.at("Export Controls") == "export-controls");
    CHECK(slugs.at("export-controls") == "export-controls-2");
}

TEST_CASE("topic and entity pages list their briefings newest first", "[model]") {
    Fixture f;
    f.briefing("one", "2026-11-01").topics = {"capex"};
    f.briefing("two", "2026-11-05").topics = {"capex", "ascend"};
    Site s = f.build();
    REQUIRE(s.topics.size() == 2);
    CHECK(s.topics[0].name == "ascend");
    CHECK(s.topics[1].url == "/topics/capex/");
    REQUIRE(s.topics[1].briefings.size() == 2);
    CHECK(s.briefings[s.topics[1].briefings[0]].doc->slug == "two");
}

TEST_CASE("the signals board gathers briefings' and standing signals with their layers",
          "[model]") {
    Fixture f;
    auto& b = f.briefing("b", "2026-11-01");
    b.layer = Layer::efficiency;
    b.signals = {{"FP8 kernels", "Cheaper inference", "Release notes", Layer::none}};
    f.content.data_signals = {
        {"Entity List changes", "Who can buy", "Federal Register", Layer::policy_export}};
    Site s = f.build();
    REQUIRE(s.signals.size() == 2);
    CHECK(s.signals[0].layer == Layer::efficiency);
    CHECK(s.signals[0].briefing);
    CHECK(s.signals[1].layer == Layer::policy_export);
    CHECK_FALSE(s.signals[1].briefing);
}

TEST_CASE("a standing signal that a briefing lists shows once, as the briefing's row", "[model]") {
    Fixture f;
    auto& b = f.briefing("b", "2026-11-01");
    b.signals = {{"Quarterly revenue", "Hard numbers", "Filings", Layer::none}};
    f.content.data_signals = {
        {"quarterly Revenue", "Other words", "Filings", Layer::silicon_roadmap},
        {"HBM volumes", "Supply", "Keynotes", Layer::silicon_roadmap}};
    Site s = f.build();
    REQUIRE(s.signals.size() == 2);
    CHECK(s.signals[0].signal.signal == "Quarterly revenue");
    CHECK(s.signals[0].briefing);
    CHECK(s.signals[1].signal.signal == "HBM volumes");
}

TEST_CASE("drafts and future documents stay out unless asked, with SOURCE_DATE_EPOCH as now",
          "[model]") {
    Fixture f;
    f.briefing("draft", "2026-11-01").draft = true;
    f.briefing("future", "2027-02-01");  // after the fixture's now (2027-01-20)
    f.briefing("past", "2026-11-02");
    CHECK(f.build().briefings.size() == 1);
    f.options.drafts = true;
    CHECK(f.build().briefings.size() == 2);
    f.options.drafts = false;
    f.options.now = parse_rfc3339("2027-02-02T00:00:00Z")->utc_seconds;
    CHECK(f.build().briefings.size() == 2);
}

TEST_CASE("translations sharing a key link to each other", "[model]") {
    Fixture f;
    f.content.site.language = "en";
    f.briefing("en", "2026-11-01").translation_key = "k";
    auto& de = f.briefing("de", "2026-11-01");
    de.translation_key = "k";
    de.lang = "de";
    f.briefing("alone", "2026-11-01");
    Site s = f.build();
    for (const auto& e : s.briefings) {
        if (e.doc->slug == "alone") CHECK(e.translations.empty());
        if (e.doc->slug == "en") {
            REQUIRE(e.translations.size() == 1);
            CHECK(e.translations[0].lang == "de");
            CHECK(e.translations[0].url == "/briefings/de/");
        }
    }
}

TEST_CASE("labels fall back to English and report the missing key", "[model][i18n]") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("brief-labels-" + std::to_string(::getpid()));
    fs::create_directories(dir / "templates/i18n");
    std::ofstream(dir / "templates/i18n/en.yaml")
        << "key_points: Key points\nsources: Sources\nmonths: [a,b,c,d,e,f,g,h,i,j,k,l]\n";
    std::ofstream(dir / "templates/i18n/de.yaml") << "key_points: Auf einen Blick\n";
    Diagnostics diags;
    Theme theme = load_theme(
        std::make_shared<const ThemeFiles>(load_theme_files(dir, embedded_theme(), diags)),
        {"en", "de", "fr"}, "en", diags);
    fs::remove_all(dir);
    CHECK(theme.labels_for("de").get("key_points") == "Auf einen Blick");
    CHECK(theme.labels_for("de").get("sources") == "Sources");
    CHECK(theme.labels_for("de-AT").get("key_points") == "Auf einen Blick");
    CHECK(theme.labels_for("fr").get("key_points") == "Key points");
    REQUIRE(diags.items().size() == 2);
    diags.sort();
    CHECK(format_diagnostic(diags.items()[0]) ==
          "templates/i18n/de.yaml: warning: missing label 'sources' (en: \"Sources\")\n"
          "  hint: add sources: … to the file; until then the en label is used\n");
    CHECK(diags.items()[1].message == "no labels for language 'fr'; pages in it use en");
}
