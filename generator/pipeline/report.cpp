#include "pipeline/report.h"

#include <map>
#include <nlohmann/json.hpp>

namespace brief {
namespace {

// The kind of page a site path is, from its first folder.
std::string page_kind(const std::string& path) {
    std::string first = path.substr(0, path.find('/'));
    if (path == "index.html") return "home";
    if (path == "404.html") return "not_found";
    if (first == "briefings" || first == "guides" || first == "weeks" || first == "topics" ||
        first == "entities" || first == "signals" || first == "tools" || first == "faq" ||
        first == "sources" || first == "search" || first == "inbox")
        return path == first + "/index.html" ? first + "_index" : first;
    return "other";
}

bool is_feed(const std::string& path) {
    return path.ends_with("feed.xml") || path == "rss.xml" || path == "feed.json";
}

}  // namespace

std::string build_report_json(const BuildRequest& request, const BuildResult& result) {
    using json = nlohmann::ordered_json;
    std::map<std::string, std::size_t> pages;
    std::size_t feeds = 0, html = 0, bytes = 0;
    for (const auto& o : result.outputs) {
        bytes += o.bytes.size();
        if (is_feed(o.path)) ++feeds;
        if (o.path.ends_with(".html")) {
            ++html;
            ++pages[page_kind(o.path)];
        }
    }
    json counts = {{"documents", result.documents},
                   {"documents_cached", result.documents_cached},
                   {"files", result.outputs.size()},
                   {"html_pages", html},
                   {"pages_by_kind", pages},
                   {"feeds", feeds},
                   {"bytes", bytes},
                   {"written", result.write.written}};
    json stages = json::array();
    double total = 0;
    for (const auto& s : result.stages) {
        stages.push_back({{"name", s.name}, {"seconds", s.seconds}});
        total += s.seconds;
    }
    json diags = json::array();
    for (const auto& d : result.diagnostics.items()) {
        json j = {{"file", d.file},
                  {"line", d.line},
                  {"column", d.column},
                  {"severity", d.severity == Severity::error ? "error" : "warning"},
                  {"message", d.message}};
        if (!d.hint.empty()) j["hint"] = d.hint;
        diags.push_back(j);
    }
    json report = {{"brief_version", BRIEF_VERSION},
                   {"source", request.source.string()},
                   {"output", request.output.string()},
                   {"ok", result.ok()},
                   {"warnings", result.diagnostics.warning_count()},
                   {"errors", result.diagnostics.error_count()},
                   {"counts", counts},
                   {"stages", stages},
                   {"seconds", total},
                   {"diagnostics", diags},
                   {"files",
                    {{"added", result.write.added},
                     {"changed", result.write.changed},
                     {"removed", result.write.removed}}}};
    return report.dump(2) + "\n";
}

}  // namespace brief
