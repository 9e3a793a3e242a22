// The fast front-matter reader agrees with parse_document: whatever it accepts, the full reader
// accepts without a single diagnostic and reads into the same Document.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "content/front_matter.h"
#include "content/front_matter_fast.h"
#include "helpers.h"
#include "util/fs.h"

using namespace brief;

namespace {

std::string describe(const Document& d) {
    std::ostringstream o;
    auto list = [&](const char* name, const std::vector<std::string>& v) {
        o << name << ":";
        for (const auto& s : v) o << "[" << s << "]";
        o << "\n";
    };
    o << "path " << d.path << "\nsection " << static_cast<int>(d.section) << "\ntitle [" << d.title
      << "]\n";
    o << "date "
      << (d.date
              ? std::to_string(d.date->utc_seconds) + "/" + std::to_string(d.date->offset_minutes)
              : "-")
      << "\n";
    o << "updated "
      << (d.updated ? std::to_string(d.updated->utc_seconds) + "/" +
                          std::to_string(d.updated->offset_minutes)
                    : "-")
      << "\n";
    o << "kind " << to_string(d.kind) << "\nsummary [" << d.summary << "] " << d.summary_generated
      << "\n";
    list("topics", d.topics);
    list("entities", d.entities);
    o << "layer " << to_string(d.layer) << "\n";
    list("key_points", d.key_points);
    list("watch", d.watch);
    list("open_questions", d.open_questions);
    for (const auto& x : d.outlook)
        o << "outlook [" << x.claim << "] " << to_string(x.likelihood) << " "
          << to_string(x.horizon) << "\n";
    o << "score " << (d.score ? std::to_string(*d.score) : "-") << " [" << d.score_rationale
      << "]\n";
    for (const auto& s : d.sources)
        o << "source [" << s.title << "][" << s.publisher << "][" << s.url << "] " << s.primary
          << "\n";
    o << "discovered_from [" << d.discovered_from << "]\n";
    for (const auto& s : d.signals)
        o << "signal [" << s.signal << "][" << s.why << "][" << s.where << "] "
          << to_string(s.layer) << "\n";
    for (const auto& t : d.tools)
        o << "tool [" << t.purpose << "][" << t.name << "][" << t.url << "][" << t.note << "]\n";
    for (const auto& f : d.faq) o << "faq [" << f.q << "][" << f.a << "]\n";
    o << "lang [" << d.lang << "] key [" << d.translation_key << "] draft " << d.draft << " slug ["
      << d.slug << "]\n";
    list("aliases", d.aliases);
    list("more_usable", d.more_usable);
    list("less_reliable", d.less_reliable);
    o << "body_line " << d.body_line << "\nbody [" << d.body << "]\n";
    return o.str();
}

Section section_of(const std::string& rel) {
    if (rel.find("/guides/") != std::string::npos) return Section::guide;
    if (rel.find("/pages/") != std::string::npos) return Section::page;
    if (rel.find("/weeks/") != std::string::npos) return Section::week;
    return Section::briefing;
}

SiteConfig shanghai() {
    SiteConfig c;
    c.timezone_name = "Asia/Shanghai";
    c.timezone = *TimeZone::load("Asia/Shanghai");
    return c;
}

// Checks the promise on one text; returns whether the fast reader took it.
bool agree(const std::string& path, const std::string& text, Section section) {
    static const SiteConfig site = shanghai();
    auto fast = parse_document_fast(path, text, section, site);
    if (!fast) return false;
    Diagnostics diags;
    auto slow = parse_document(path, text, section, site, diags);
    std::string messages;
    for (const auto& d : diags.items()) messages += format_diagnostic(d) + "\n";
    INFO(path << "\n" << text << "\n" << messages);
    CHECK(diags.items().empty());
    REQUIRE(slow);
    CHECK(describe(*fast) == describe(*slow));
    return true;
}

std::vector<std::pair<std::string, std::string>> example_documents() {
    std::vector<std::pair<std::string, std::string>> docs;
    for (const char* root : {BRIEF_TEST_SITES, BRIEF_REPO_DIR "/content"})
        for (const auto& p : list_files(root, ".md"))
            docs.push_back({std::filesystem::relative(p, BRIEF_REPO_DIR).generic_string(),
                            read_file(p).value_or("")});
    return docs;
}

}  // namespace

TEST_CASE("the fast front-matter reader reads every example document as parse_document does",
          "[content][fast]") {
    std::size_t taken = 0, total = 0;
    for (const auto& [path, text] : example_documents()) {
        ++total;
        if (agree(path, text, section_of(path))) ++taken;
    }
    INFO(taken << " of " << total << " documents took the fast path");
    CHECK(taken * 2 > total);  // the shortcut is not vacuous
}

TEST_CASE("the fast front-matter reader gives up on YAML beyond its subset", "[content][fast]") {
    const std::string head = "---\ntitle: T\ndate: 2026-05-14\nkind: analysis\n";
    const std::vector<std::string> cases = {
        "topics: [a, \"b, c\", 'd''e']\n",
        "topics:\n- a\n- b\n",
        "topics:\n  - a\n  -   b\n",
        "summary: \"esc \\\" \\\\ \\/ \\u00e9 \\x41 \\n\"\n",
        "summary: 'single ''quoted'''\n",
        "summary: plain: with colon\n",
        "summary: plain # comment\n",
        "summary: C# and F#\n",
        "summary: |\n  block\n",
        "summary: >\n  folded\n",
        "summary: first line\n  continued\n",
        "summary: \"two\n  lines\"\n",
        "summary: ~\n",
        "summary:\n",
        "summary: &anchor value\n",
        "summary: !!str value\n",
        "summary: {a: b}\n",
        "summary: \"\\e escape\"\n",
        "# a comment line\n",
        "topics: [[nested]]\n",
        "topics: [a,]\n",
        "topics: []\n",
        "sources:\n  - title: S\n    url: https://example.org/\n    primary: yes\n",
        "sources:\n  - title: S\n    url: https://example.org/\n      deeper: x\n",
        "sources:\n  - {title: S, url: https://example.org/}\n",
        "sources:\n  - title: S\n    url: https://example.org/\n    extra: 1\n",
        "score: 7.5\n",
        "score: 11\n",
        "score: nan\n",
        "slug: Not A Slug\n",
        "lang: de\n",
        "lang: 12\n",
        "aliases: [/old/, /older/]\n",
        "aliases: [relative]\n",
        "draft: on\n",
        "draft: maybe\n",
        "title: duplicate\n",
        "unknown_key: x\n",
        "outlook:\n  - claim: C\n    likelihood: likely\n    horizon: weeks\n",
        "outlook:\n  - claim: C\n    likelihood: sure\n    horizon: weeks\n",
        "faq:\n  - q: Q?\n    a: A.\n",
        "faq:\n  - q: Q?\n",
        "tools:\n  - name: N\n    url: not a url\n",
        "signals:\n  - signal: S\n    why: W\n",
        "key_points:\n  - \"quoted: colon\"\n  - plain\n",
        "key_points:\n  - key: value\n",
        "entities: single\n",
        "summary:   spaced   \n",
        "summary: \"caf\\u00e9 \xe5\x8d\x8e\"\n",
        "title: \"\"\n",
    };
    for (const auto& extra : cases)
        agree("content/briefings/2026/x.md", head + extra + "---\nbody\n", Section::briefing);
}

TEST_CASE("the fast front-matter reader agrees with parse_document on mutated documents",
          "[content][fast]") {
    // Single-character edits of real front matter, biased towards YAML's own characters.
    std::mt19937 rng(6);
    const int kMutations =
        std::getenv("BRIEF_FAST_MUTATIONS") ? std::atoi(std::getenv("BRIEF_FAST_MUTATIONS")) : 40;
    const std::string chars = " :-\"'#[]{},|>&*!?\n\\x~0";
    std::size_t taken = 0, tried = 0;
    for (const auto& [path, text] : example_documents()) {
        std::size_t end = text.find("\n---", 3);
        if (end == std::string::npos) continue;
        for (int n = 0; n < kMutations; ++n) {
            std::string t = text;
            std::size_t at = 4 + rng() % (end - 4);
            switch (rng() % 3) {
                case 0:
                    t.erase(at, 1);
                    break;
                case 1:
                    t.insert(at, 1, chars[rng() % chars.size()]);
                    break;
                default:
                    t[at] = chars[rng() % chars.size()];
                    break;
            }
            ++tried;
            if (agree(path, t, section_of(path))) ++taken;
        }
    }
    INFO(taken << " of " << tried << " mutations took the fast path");
    CHECK(taken > 0);
}
