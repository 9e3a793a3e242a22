// What brief fetch tells the editor about a source's address, against real HTTP servers on
// 127.0.0.1 (cpp-httplib): a permanent redirect reported for sources.yaml (never rewritten), a
// 410 Gone on every fetch and on /sources/, a changed url: asked afresh, and the closing
// table's "not due", "backoff" and "gone".
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "feeds/politeness.h"
#include "fetch_helpers.h"
#include "pipeline/build.h"

using namespace brief;
using namespace brief::test;

TEST_CASE(
    "a 301 or 308 on three fetches in a row is reported with the new URL and a fix for "
    "sources.yaml; a 302 or 307 starts the count again",
    "[feeds][polite]") {
    // /flip answers 301, 301, 302, 307, 301, 301, 301: only the last three make a streak.
    const int flips[] = {301, 301, 302, 307, 301, 301, 301};
    LocalServer server({
        {"/new.xml", serve_feed("new")},
        {"/p301", [](const httplib::Request&, httplib::Response& res,
                     int) { res.set_redirect("/new.xml", 301); }},
        {"/p308", [](const httplib::Request&, httplib::Response& res,
                     int) { res.set_redirect("/hop", 308); }},
        {"/hop", [](const httplib::Request&, httplib::Response& res,
                    int) { res.set_redirect("/new.xml", 301); }},
        {"/flip", [&flips](const httplib::Request&, httplib::Response& res,
                           int hit) { res.set_redirect("/new.xml", flips[std::min(hit, 7) - 1]); }},
        {"/temp", [](const httplib::Request&, httplib::Response& res,
                     int) { res.set_redirect("/new.xml", 302); }},
    });
    TempDir site;
    std::vector<SourceConfig> sources = {
        source("p301", server.url("/p301")), source("p308", server.url("/p308")),
        source("flip", server.url("/flip")), source("temp", server.url("/temp"))};
    sources[0].line = 2;
    sources[1].line = 7;
    const std::string moved301 =
        "sources.yaml:2: warning: source \"p301\": url moved permanently "
        "to " +
        server.url("/new.xml") + " (on 3 fetches in a row); change its url: line to that\n";
    const std::string moved308 =
        "sources.yaml:7: warning: source \"p308\": url moved permanently "
        "to " +
        server.url("/new.xml") + " (on 3 fetches in a row); change its url: line to that\n";
    CHECK(fetch_at(site.path(), sources, kT).diagnostics.empty());
    CHECK(fetch_at(site.path(), sources, kT + 60).diagnostics.empty());
    Run third = fetch_at(site.path(), sources, kT + 120);
    CHECK(third.diagnostics == moved301 + moved308);
    CHECK(row(third, "p301").outcome == FetchOutcome::fetched);
    CHECK(state_of(site.path(), "temp").moved_count == 0);
    CHECK(state_of(site.path(), "flip").moved_count == 0);  // 301, 301, 302
    fetch_at(site.path(), sources, kT + 180);               // 307
    fetch_at(site.path(), sources, kT + 240);               // 301
    Run sixth = fetch_at(site.path(), sources, kT + 300);   // 301
    CHECK_FALSE(contains(sixth.diagnostics, "\"flip\""));
    Run seventh = fetch_at(site.path(), sources, kT + 360);  // 301: three in a row
    CHECK(contains(seventh.diagnostics,
                   "sources.yaml: warning: source \"flip\": url moved "
                   "permanently to " +
                       server.url("/new.xml") +
                       " (on 3 fetches in a row); change its url: line to "
                       "that\n"));
}

TEST_CASE("brief fetch names a permanently moved source and never rewrites sources.yaml",
          "[feeds][polite]") {
    LocalServer server({{"/new.xml", serve_feed("new")},
                        {"/old.xml", [](const httplib::Request&, httplib::Response& res, int) {
                             res.set_redirect("/new.xml", 301);
                         }}});
    TempDir site;
    write(site / "content/site.yaml", kSiteYaml);
    const std::string yaml = "# our feeds\nsources:\n  - id: moved\n    name: Moved\n    url: " +
                             server.url("/old.xml") + "\n    kind: company\n";
    write(site / "sources.yaml", yaml);
    std::string args = "fetch --source '" + site.path().string() + "'";
    CHECK(brief_in(site, args).exit_code == 0);
    CHECK(brief_in(site, args).exit_code == 0);
    RunResult third = brief_in(site, args);
    CHECK(third.exit_code == 0);
    CHECK(third.err == "sources.yaml:3: warning: source \"moved\": url moved permanently to " +
                           server.url("/new.xml") +
                           " (on 3 fetches in a row); change its url: line to that\n");
    CHECK(slurp(site / "sources.yaml") == yaml);
}

TEST_CASE("a 410 Gone stops the asking and says so on every fetch, until --force",
          "[feeds][polite]") {
    LocalServer server({{"/gone", answer(410)}, {"/ok", serve_feed("ok")}});
    TempDir site;
    std::vector<SourceConfig> sources = {source("gone", server.url("/gone")),
                                         source("ok", server.url("/ok"))};
    sources[0].line = 4;
    const std::string warning =
        "sources.yaml:4: warning: source \"gone\": the feed is gone (410 Gone since 2026-11-25 "
        "08:00 +08:00); Brief no longer asks it\n"
        "  hint: remove the entry or set 'enabled: false'; brief fetch --force asks it again\n";
    Run first = fetch_at(site.path(), sources, kT);
    CHECK(row(first, "gone").outcome == FetchOutcome::failed);
    CHECK(row(first, "gone").status == 410);
    CHECK(row(first, "gone").error ==
          "HTTP 410 Gone; no longer asked (brief fetch --force asks again)");
    CHECK(first.diagnostics == warning);

    Run second = fetch_at(site.path(), sources, kT + 86400);
    CHECK(row(second, "gone").outcome == FetchOutcome::gone);
    CHECK(row(second, "gone").status == 410);
    CHECK(row(second, "gone").error ==
          "gone: answered 410 Gone on 2026-11-25 08:00 +08:00; no longer asked (brief fetch "
          "--force asks again)");
    CHECK(second.diagnostics == warning);
    CHECK(second.report.failing() == 1);
    CHECK(server.hits("/gone") == 1);

    Run forced = fetch_at(site.path(), sources, kT + 2 * 86400, true);
    CHECK(row(forced, "gone").outcome == FetchOutcome::failed);
    CHECK(server.hits("/gone") == 2);
    CHECK(state_of(site.path(), "gone").gone_since == kT);  // since the first 410
    CHECK(state_of(site.path(), "gone").failures == 0);     // gone, not backing off
}

TEST_CASE(
    "a source whose url: changed is asked afresh, without the old address's validators "
    "or waits",
    "[feeds][polite]") {
    LocalServer server({{"/gone", answer(410)},
                        {"/new", [](const httplib::Request& req, httplib::Response& res, int) {
                             res.set_header("ETag", "\"new-1\"");
                             if (req.get_header_value("If-None-Match") == "\"new-1\"") {
                                 res.status = 304;
                                 return;
                             }
                             res.set_content(feed_xml("new", 2), "application/rss+xml");
                         }}});
    TempDir site;
    std::vector<SourceConfig> sources = {source("src", server.url("/gone"))};
    fetch_at(site.path(), sources, kT);
    REQUIRE(state_of(site.path(), "src").gone_since);
    sources[0].url = server.url("/new");
    Run moved = fetch_at(site.path(), sources, kT + 60);
    CHECK(row(moved, "src").outcome == FetchOutcome::fetched);
    CHECK(moved.diagnostics.empty());
    SourceState st = state_of(site.path(), "src");
    CHECK(st.url == server.url("/new"));
    CHECK_FALSE(st.gone_since);
    CHECK(st.etag == "\"new-1\"");
    CHECK(fetch_at(site.path(), sources, kT + 120).report.sources[0].outcome ==
          FetchOutcome::not_modified);
}

TEST_CASE("/sources/ marks a source that answered 410 Gone", "[feeds][polite][site]") {
    LocalServer server({{"/gone", answer(410)}, {"/ok", serve_feed("ok")}});
    TempDir tmp;
    copy_site(BRIEF_TEST_SITES "/minimal", tmp / "site");
    write(tmp / "site/sources.yaml",
          "sources:\n  - {id: gone, name: Gone Weekly, url: '" + server.url("/gone") +
              "', kind: company}\n  - {id: ok, name: Still Here, url: '" + server.url("/ok") +
              "', kind: company}\n");
    RunResult fetched = brief_in(tmp, "fetch --source '" + (tmp / "site").string() + "'");
    REQUIRE(fetched.exit_code == 0);
    BuildRequest r;
    r.source = tmp / "site";
    r.output = tmp / "out";
    r.jobs = 2;
    r.now = kT;
    REQUIRE(run_build(r).ok());
    std::string page = slurp(tmp / "out/sources/index.html");
    CHECK(contains(page,
                   "rel=\"nofollow noopener\">Gone Weekly</a> <span class=\"badge\">gone "
                   "(HTTP 410): no longer fetched</span></td>"));
    CHECK(contains(page, "rel=\"nofollow noopener\">Still Here</a></td>"));
    CHECK(contains(page, "<span class=\"error\">HTTP 410 Gone</span>"));
}

TEST_CASE("brief fetch shows not due, backing off and gone in its table, and --force asks them",
          "[feeds][polite]") {
    LocalServer server({{"/fresh", serve_feed("fresh", {{"Cache-Control", "max-age=86400"}})},
                        {"/down", answer(500)},
                        {"/gone", answer(410)}});
    TempDir site;
    write(site / "content/site.yaml", kSiteYaml);
    write(site / "sources.yaml", "sources:\n  - {id: fresh, name: F, url: '" +
                                     server.url("/fresh") +
                                     "', kind: company}\n  - {id: down, name: D, url: '" +
                                     server.url("/down") + "', kind: company}\n");
    // Two failures of "down" are in state.json already, with a backoff that ends in 2100.
    write(site / "content/feeds/state.json",
          "{\"version\": 1, \"sources\": {\"down\": {\"last_status\": 500, \"last_error\": "
          "\"HTTP 500\", \"failures\": 2, \"backoff_until\": \"2100-01-01T00:00:00Z\"}}}\n");
    std::string args = "fetch --source '" + site.path().string() + "'";
    RunResult first = brief_in(site, args);
    CHECK(first.exit_code == 0);
    CHECK(contains(first.out,
                   "\ndown    backoff      0        0       0     0.00  backing off "
                   "until 2100-01-01 08:00 +08:00 after 2 failures in a row (last: "
                   "HTTP 500)\n"));
    CHECK(contains(first.err,
                   "brief fetch: warning: source 'down': backing off until 2100-01-01 "
                   "08:00 +08:00 after 2 failures in a row (last: HTTP 500)\n"));
    CHECK(contains(first.out,
                   "1 of 2 sources answered (0 unchanged, 304 Not Modified), 0 "
                   "failed, 1 backing off; 2 new items, 0 updated\n"));
    CHECK(server.hits("/down") == 0);

    SourceState fresh = state_of(site.path(), "fresh");
    REQUIRE(fresh.fresh_until);
    std::string when = format_rfc3339(shanghai().localize(*fresh.fresh_until));
    when = when.substr(0, 10) + " " + when.substr(11, 5) + " +08:00";
    RunResult second = brief_in(site, args);
    CHECK(second.exit_code == 3);  // nothing answered, and a source is failing
    CHECK(
        contains(second.out, "\nfresh   not due      0        0       2     0.00  not due until " +
                                 when + " (its last answer is fresh until then)\n"));
    CHECK(contains(second.out,
                   "0 of 2 sources answered (0 unchanged, 304 Not Modified), 0 "
                   "failed, 1 not due, 1 backing off; 0 new items, 0 updated\n"));
    CHECK(brief_in(site, args + " --strict").exit_code == 3);

    RunResult forced = brief_in(site, args + " --force");
    CHECK(forced.exit_code == 0);
    CHECK(contains(forced.out, "\nfresh   200"));
    CHECK(contains(forced.out, "\ndown    500"));
    CHECK(server.hits("/fresh") == 2);
    CHECK(server.hits("/down") == 1);
}
