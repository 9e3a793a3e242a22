// Renders one of Brief's real layouts (briefing, partials expanded as render/theme.cpp does)
// with a representative briefing many times with Brief's engine (render/mustache.h), and
// prints the time per render. Not a test: figures only.
//
//   cmake --build build --target brief_mustache_bench && build/brief_mustache_bench [RENDERS [OUT]]
//
// With OUT, the output is written to OUT.brief.html.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "render/mustache.h"

namespace {

using nlohmann::json;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// {{> name}} replaced by the partial's text, recursively, as load_theme does.
std::string expand(const std::string& text, const std::string& dir, int depth = 0) {
    static const std::regex tag(R"(\{\{>\s*([A-Za-z0-9_\-/]+)\s*\}\})");
    if (depth > 16) return text;
    std::string out;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), tag);
         it != std::sregex_iterator(); ++it) {
        out.append(text, last, static_cast<std::size_t>(it->position()) - last);
        out += expand(slurp(dir + "/partials/" + (*it)[1].str() + ".mustache"), dir, depth + 1);
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    out.append(text, last);
    return out;
}

json labels() {
    json t = json::object();
    for (const char* k : {"why_it_matters",
                          "where_to_find_it",
                          "what_to_watch",
                          "weekly_digests",
                          "week_of",
                          "updated",
                          "topics",
                          "tool",
                          "tool_list",
                          "summary_generated",
                          "sources",
                          "source_assisted",
                          "skip_to_content",
                          "signal",
                          "signal_table",
                          "score",
                          "purpose",
                          "primary_source",
                          "outlook",
                          "outlook_note",
                          "open_questions",
                          "open_original",
                          "note",
                          "key_points",
                          "faq",
                          "entities",
                          "began_from",
                          "also_in",
                          "a_feed",
                          "related",
                          "subscribe",
                          "search",
                          "main_navigation",
                          "how_we_report"})
        t[k] = std::string("Label for ") + k;
    return t;
}

json item(int i) {
    return {
        {"title", "Huawei's Ascend 910C: yields & packaging <update " + std::to_string(i) + ">"},
        {"url", "/briefings/item-" + std::to_string(i) + "/"},
        {"lang", "en"},
        {"date", "14 May 2026"},
        {"date_iso", "2026-05-14T09:30:00+08:00"},
        {"kind", "news"},
        {"kind_label", "News"},
        {"summary", "A short dek for the related briefing, with \"quotes\" & an ampersand."},
        {"has_topics", true},
        {"topics", json::array({{{"name", "Accelerators"}, {"url", "/topics/accelerators/"}},
                                {{"name", "Packaging"}, {"url", "/topics/packaging/"}}})}};
}

json briefing_data() {
    json doc = item(0);
    doc["layer"] = {{"name", "silicon-roadmap"}, {"label", "Silicon roadmap"}};
    doc["week"] = {{"url", "/weeks/2026-W20/"}, {"label", "2026-W20"}};
    doc["updated"] = "15 May 2026";
    doc["updated_iso"] = "2026-05-15T10:00:00+08:00";
    doc["summary_generated"] = false;
    doc["has_translations"] = true;
    doc["translations"] =
        json::array({{{"url", "/zh/briefings/item-0/"},
                      {"lang", "zh"},
                      {"title", "华为昇腾"},
                      {"absolute", "https://brief.example.org/zh/briefings/item-0/"}}});
    std::string body;
    for (int p = 0; p < 12; ++p)
        body += "<p>Paragraph " + std::to_string(p) +
                " of the body, already rendered from Markdown: cluster sizes, HBM supply, "
                "and what the export rules allow this quarter.</p>\n";
    doc["body"] = body;
    const auto lines = [](const char* what, int n) {
        json l = json::array();
        for (int i = 0; i < n; ++i)
            l.push_back({{"html", std::string(what) + " <em>" + std::to_string(i) + "</em>"}});
        return l;
    };
    doc["has_key_points"] = true;
    doc["key_points"] = lines("Key point", 5);
    doc["has_watch"] = true;
    doc["watch"] = lines("Watch", 3);
    doc["has_open_questions"] = true;
    doc["open_questions"] = lines("Question", 3);
    doc["has_outlook"] = true;
    doc["outlook"] = json::array();
    for (int i = 0; i < 3; ++i)
        doc["outlook"].push_back({{"claim", "Claim " + std::to_string(i)},
                                  {"likelihood", "likely"},
                                  {"likelihood_label", "Likely"},
                                  {"horizon_label", "within months"}});
    doc["has_signals"] = true;
    doc["signals"] = json::array();
    for (int i = 0; i < 4; ++i)
        doc["signals"].push_back({{"signal", "Signal " + std::to_string(i)},
                                  {"why", "Because it moves supply"},
                                  {"where", "<a href=\"https://example.org/\">filings</a>"}});
    doc["has_tools"] = true;
    doc["tools"] = json::array({{{"purpose", "Track filings"},
                                 {"name", "EDGAR"},
                                 {"url", "https://www.sec.gov/"},
                                 {"note", "free"}},
                                {{"purpose", "Read notices"}, {"name", "MOFCOM"}, {"note", ""}}});
    doc["has_faq"] = true;
    doc["faq"] = json::array({{{"q", "What is it?"}, {"a", "<p>An accelerator.</p>"}},
                              {{"q", "Why now?"}, {"a", "<p>Capacity.</p>"}}});
    doc["score"] = "7";
    doc["score_rationale"] = "Moves the roadmap for builders";
    doc["has_sources"] = true;
    doc["sources"] = json::array();
    for (int i = 0; i < 4; ++i)
        doc["sources"].push_back({{"title", "Source " + std::to_string(i)},
                                  {"url", "https://example.org/s/" + std::to_string(i)},
                                  {"publisher", "Publisher's desk"},
                                  {"primary", i == 0}});
    doc["discovered"] = {{"feed", "Company newsroom"},
                         {"url", "https://example.org/item?utm_source=x"},
                         {"title", "Original item"}};
    doc["has_entities"] = true;
    doc["entities"] = json::array({{{"name", "Huawei"}, {"url", "/entities/huawei/"}}});
    doc["date_iso"] = "2026-05-14T09:30:00+08:00";
    doc["updated_iso"] = "2026-05-15T10:00:00+08:00";

    json related = json::array();
    for (int i = 1; i <= 8; ++i) related.push_back(item(i));
    json nav = json::array();
    for (const char* n : {"Briefings", "Weeks", "Signals", "Tools", "Guides"})
        nav.push_back({{"title", n}, {"url", std::string("/") + n + "/"}, {"current", false}});
    nav[0]["current"] = true;
    return {
        {"lang", "en"},
        {"page_title", doc["title"]},
        {"description", doc["summary"]},
        {"canonical", "https://brief.example.org/briefings/item-0/"},
        {"is_article", true},
        {"is_home", false},
        {"json_ld", {{"json", "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"}"}}},
        {"site",
         {{"title", "China AI compute briefing"},
          {"year", "2026"},
          {"author", "The desk"},
          {"how_we_report", "We link every claim to its primary source."}}},
        {"t", labels()},
        {"site_t", labels()},
        {"nav", nav},
        {"doc", doc},
        {"has_related", true},
        {"related", related}};
}

brief::Value to_value(const json& j) {
    switch (j.type()) {
        case json::value_t::object: {
            brief::ValueObject o;
            for (const auto& [k, v] : j.items()) o.set(k, to_value(v));
            return brief::Value(std::move(o));
        }
        case json::value_t::array: {
            brief::ValueList l;
            for (const auto& v : j) l.push_back(to_value(v));
            return brief::Value(std::move(l));
        }
        case json::value_t::string:
            return brief::Value(j.get<std::string>());
        case json::value_t::boolean:
            return brief::Value(j.get<bool>());
        case json::value_t::null:
            return brief::Value();
        default:
            return brief::Value(j.dump());
    }
}

template <typename F>
double seconds(int n, F f) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int renders = argc > 1 ? std::atoi(argv[1]) : 2000;
    const std::string dir = std::string(BRIEF_REPO_DIR) + "/templates";
    const std::string text = expand(slurp(dir + "/layouts/briefing.mustache"), dir);
    const json data = briefing_data();

    auto ours = brief::mustache::Template::parse(text);
    if (!ours.ok()) {
        std::fprintf(stderr, "brief: %s\n", ours.error.message.c_str());
        return 1;
    }
    const brief::Value value = to_value(data);

    std::string b;
    std::size_t sink = 0;
    const double tb = seconds(renders, [&] {
        std::string out;
        ours.tmpl->render(value, out);
        sink += out.size();
        b = std::move(out);
    });
    std::printf("layout briefing: %zu template bytes, %zu output bytes, %d renders\n", text.size(),
                b.size(), renders);
    std::printf("brief     %8.1f us/render\n", 1e6 * tb / renders);
    if (argc > 2) std::ofstream(std::string(argv[2]) + ".brief.html", std::ios::binary) << b;
    return sink == 0;
}
