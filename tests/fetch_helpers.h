#pragma once
// What the fetch tests against a local server share: a small feed, handlers, a source, and a
// fetch at a given moment (the clock passed in), its rows and diagnostics, state.json read
// back, the brief binary run with HOME in a temporary folder.

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "feeds/fetch.h"
#include "feeds/fetch_state.h"
#include "helpers.h"
#include "local_server.h"
#include "util/dates.h"

namespace brief::test {

/// 2026-11-25T00:00:00Z, 08:00 in Shanghai (the test sites' time zone).
inline constexpr std::int64_t kT = 1795564800;

/// An RSS 2.0 feed named `name` with `items` items.
inline std::string feed_xml(const std::string& name, int items) {
    std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + name +
                      "</title><link>https://polite.example/</link>";
    for (int i = 0; i < items; ++i)
        xml += "<item><guid>" + name + "-" + std::to_string(i) + "</guid><title>" + name +
               " item " + std::to_string(i) + "</title><link>https://polite.example/" + name + "/" +
               std::to_string(i) + "</link><pubDate>Tue, 24 Nov 2026 0" + std::to_string(i) +
               ":00:00 GMT</pubDate></item>";
    return xml + "</channel></rss>";
}

/// A handler that serves a small feed with the given extra headers.
inline LocalServer::Handler serve_feed(
    const std::string& name, std::vector<std::pair<std::string, std::string>> headers = {}) {
    return [name, headers](const httplib::Request&, httplib::Response& res, int) {
        for (const auto& [k, v] : headers) res.set_header(k, v);
        res.set_content(feed_xml(name, 2), "application/rss+xml");
    };
}

/// A handler that answers `status` with no body.
inline LocalServer::Handler answer(int status) {
    return [status](const httplib::Request&, httplib::Response& res, int) { res.status = status; };
}

/// Asia/Shanghai, the test sites' zone.
inline TimeZone shanghai() {
    auto tz = TimeZone::load("Asia/Shanghai");
    REQUIRE(tz);
    return *tz;
}

/// A company source whose name is its id.
inline SourceConfig source(const std::string& id, const std::string& url) {
    SourceConfig s;
    s.id = id;
    s.name = id;
    s.url = url;
    s.kind = "company";
    return s;
}

/// A fetch's report and its diagnostics.
struct Run {
    FetchReport report;
    std::string diagnostics;  // as brief fetch prints them
};

/// Fetches `sources` into the site at `root` as if the clock said `now`.
inline Run fetch_at(const std::filesystem::path& root, const std::vector<SourceConfig>& sources,
                    std::int64_t now, bool force = false, int jobs = 8) {
    CurlFetcher http(FetcherOptions{jobs, {}});
    Diagnostics diags;
    FetchSettings settings;
    settings.timeout_seconds = 10;
    settings.now = now;
    settings.force = force;
    Run run{fetch_sources(root, sources, settings, shanghai(), http, diags), {}};
    diags.sort();
    for (const auto& d : diags.items()) run.diagnostics += format_diagnostic(d);
    return run;
}

/// The row of source `id`.
inline const SourceReport& row(const Run& run, const std::string& id) {
    for (const auto& s : run.report.sources)
        if (s.id == id) return s;
    FAIL("no row for " << id);
    return run.report.sources.front();
}

/// brief ARGS, with HOME in the site's folder.
inline RunResult brief_in(const TempDir& home, const std::string& args) {
    return run_brief(args, "NO_COLOR=1 HOME='" + home.path().string() + "'");
}

/// What state.json under `root` says of source `id`.
inline SourceState state_of(const std::filesystem::path& root, const std::string& id) {
    Diagnostics diags;
    auto state = load_state(root, diags);
    REQUIRE(diags.items().empty());
    return state[id];
}

}  // namespace brief::test
