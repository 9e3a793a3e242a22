// brief fetch as a polite reader, against real HTTP servers on 127.0.0.1 (cpp-httplib): when
// a source is asked (Cache-Control / Expires, backoff after failures in a row), two requests
// at once per host, validators sent back byte for byte, state.json old and new. The clock is
// passed in: nothing waits for it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "feeds/politeness.h"
#include "fetch_helpers.h"

using namespace brief;
using namespace brief::test;

namespace {

// Requests in flight at once, now and at most (across every server that shares it).
struct InFlight {
    std::mutex mutex;
    int now = 0, most = 0;
    void enter() {
        std::lock_guard<std::mutex> lock(mutex);
        most = std::max(most, ++now);
    }
    void leave() {
        std::lock_guard<std::mutex> lock(mutex);
        --now;
    }
};

}  // namespace

TEST_CASE("a source is not asked again before its Cache-Control max-age says; --force asks",
          "[feeds][polite]") {
    LocalServer server(
        {{"/fresh", serve_feed("fresh", {{"Cache-Control", "public, max-age=3600"}})}});
    TempDir site;
    std::vector<SourceConfig> sources = {source("fresh", server.url("/fresh"))};

    Run first = fetch_at(site.path(), sources, kT);
    CHECK(row(first, "fresh").outcome == FetchOutcome::fetched);
    CHECK(state_of(site.path(), "fresh").fresh_until == kT + 3600);

    Run early = fetch_at(site.path(), sources, kT + 600);
    CHECK(row(early, "fresh").outcome == FetchOutcome::not_due);
    CHECK(row(early, "fresh").error ==
          "not due until 2026-11-25 09:00 +08:00 (its last answer is fresh until then)");
    CHECK(row(early, "fresh").total == 2);
    CHECK(early.report.attempted() == 0);
    CHECK(early.report.failing() == 0);
    CHECK(server.hits("/fresh") == 1);

    Run due = fetch_at(site.path(), sources, kT + 3600);
    CHECK(row(due, "fresh").asked());
    CHECK(server.hits("/fresh") == 2);
    CHECK(state_of(site.path(), "fresh").fresh_until == kT + 7200);

    Run forced = fetch_at(site.path(), sources, kT + 3660, true);
    CHECK(row(forced, "fresh").outcome == FetchOutcome::fetched);
    CHECK(server.hits("/fresh") == 3);
}

TEST_CASE(
    "no-cache, no-store and max-age=0 leave a source due; Expires counts from Date; a "
    "year is capped at a week",
    "[feeds][polite]") {
    LocalServer server({
        {"/no-cache", serve_feed("a", {{"Cache-Control", "max-age=600, no-cache"}})},
        {"/no-store", serve_feed("b", {{"Cache-Control", "No-Store"}})},
        {"/zero", serve_feed("c", {{"Cache-Control", "max-age=0"}})},
        {"/year", serve_feed("d", {{"Cache-Control", "max-age=\"31536000\""}})},
        {"/aged", serve_feed("e", {{"Cache-Control", "max-age=600"}, {"Age", "500"}})},
        // The server's clock is a day behind the run's: Expires counts from its Date.
        {"/expires", serve_feed("f", {{"Date", "Tue, 24 Nov 2026 00:00:00 GMT"},
                                      {"Expires", "Tue, 24 Nov 2026 02:00:00 GMT"}})},
        {"/expired", serve_feed("g", {{"Expires", "0"}})},
        {"/max-age-wins", serve_feed("h", {{"Cache-Control", "max-age=60"},
                                           {"Expires", "Wed, 01 Dec 2100 00:00:00 GMT"}})},
        {"/plain", serve_feed("i")},
    });
    TempDir site;
    std::vector<SourceConfig> sources;
    for (const char* id : {"no-cache", "no-store", "zero", "year", "aged", "expires", "expired",
                           "max-age-wins", "plain"})
        sources.push_back(source(id, server.url(std::string("/") + id)));
    fetch_at(site.path(), sources, kT);
    Diagnostics diags;
    auto state = load_state(site.path(), diags);
    CHECK_FALSE(state["no-cache"].fresh_until);
    CHECK_FALSE(state["no-store"].fresh_until);
    CHECK_FALSE(state["zero"].fresh_until);
    CHECK(state["year"].fresh_until == kT + 7 * 86400);
    CHECK(state["aged"].fresh_until == kT + 100);
    CHECK(state["expires"].fresh_until == kT + 7200);
    CHECK_FALSE(state["expired"].fresh_until);
    CHECK(state["max-age-wins"].fresh_until == kT + 60);
    CHECK_FALSE(state["plain"].fresh_until);

    Run second = fetch_at(site.path(), sources, kT + 120);
    for (const char* id :
         {"no-cache", "no-store", "zero", "aged", "expired", "max-age-wins", "plain"}) {
        INFO(id);
        CHECK(row(second, id).asked());
        CHECK(server.hits(std::string("/") + id) == 2);
    }
    CHECK(row(second, "year").outcome == FetchOutcome::not_due);
    CHECK(row(second, "year").error ==
          "not due until 2026-12-02 08:00 +08:00 (its last answer is fresh until then)");
    CHECK(row(second, "expires").outcome == FetchOutcome::not_due);
    CHECK(server.hits("/year") == 1);
}

TEST_CASE("the freshness of an answer is read from its headers", "[feeds][polite]") {
    CHECK(fresh_until({"MAX-AGE=90", "", "", ""}, kT) == kT + 90);
    CHECK(fresh_until({"private, max-age=90, must-revalidate", "", "", ""}, kT) == kT + 90);
    CHECK_FALSE(fresh_until({"max-age=soon", "", "", ""}, kT));  // unreadable: stale
    CHECK_FALSE(fresh_until({"no-cache=\"Set-Cookie\", max-age=90", "", "", ""}, kT));
    CHECK(fresh_until({"max-age=99999999999999999999", "", "", ""}, kT) == kT + kMaxFreshSeconds);
    CHECK_FALSE(fresh_until({"", "not a date", "", ""}, kT));
    CHECK(fresh_until({"", "Wed, 25 Nov 2026 01:00:00 GMT", "", ""}, kT) == kT + 3600);
    CHECK_FALSE(fresh_until({"max-age=60", "", "60", ""}, kT));  // as old as its lifetime
}

TEST_CASE("at most two requests at once go to one host, whatever --jobs allows",
          "[feeds][polite]") {
    InFlight flight;
    auto slow = [&flight](const httplib::Request& req, httplib::Response& res, int) {
        flight.enter();
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        res.set_content(feed_xml(req.path.substr(6), 1), "application/rss+xml");
        flight.leave();
    };
    LocalServer server({{R"(/slow/[a-z0-9]+)", slow}});
    TempDir site;
    std::vector<SourceConfig> sources;
    for (int i = 0; i < 6; ++i)
        sources.push_back(
            source("s" + std::to_string(i), server.url("/slow/s" + std::to_string(i))));
    Run run = fetch_at(site.path(), sources, kT, false, 8);
    CHECK(run.report.answered() == 6);
    CHECK(flight.most == 2);
}

TEST_CASE("the number of jobs limits the requests of every host together", "[feeds][polite]") {
    InFlight all, at_a, at_b;
    auto slow = [&all](InFlight& host) {
        return [&all, &host](const httplib::Request&, httplib::Response& res, int) {
            all.enter();
            host.enter();
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            res.set_content(feed_xml("x", 1), "application/rss+xml");
            host.leave();
            all.leave();
        };
    };
    LocalServer a({{R"(/[a-z0-9]+)", slow(at_a)}});
    LocalServer b({{R"(/[a-z0-9]+)", slow(at_b)}});
    TempDir site;
    std::vector<SourceConfig> sources;
    for (int i = 0; i < 3; ++i) {
        sources.push_back(source("a" + std::to_string(i), a.url("/a" + std::to_string(i))));
        sources.push_back(source("b" + std::to_string(i), b.url("/b" + std::to_string(i))));
    }
    SECTION("three at once: two to each host at most") {
        Run run = fetch_at(site.path(), sources, kT, false, 3);
        CHECK(run.report.answered() == 6);
        CHECK(all.most == 3);
        CHECK(at_a.most <= 2);
        CHECK(at_b.most <= 2);
    }
    SECTION("one at once") {
        Run run = fetch_at(site.path(), sources, kT, false, 1);
        CHECK(run.report.answered() == 6);
        CHECK(all.most == 1);
    }
}

TEST_CASE("validators are stored and sent back byte for byte, a weak ETag with odd bytes too",
          "[feeds][polite]") {
    // Quotes, a backslash, a comma, a semicolon and bytes that are not UTF-8 (obs-text).
    const std::string etag = "W/\"v1;\\ \"x\",caf\xC3\xA9-\xFF\xFE\"";
    const std::string modified = "Tue, 24 Nov 2026 12:00:00 GMT \x80";
    LocalServer server({{"/odd", [&](const httplib::Request& req, httplib::Response& res, int) {
                             res.set_header("ETag", etag);
                             res.set_header("Last-Modified", modified);
                             if (req.get_header_value("If-None-Match") == etag &&
                                 req.get_header_value("If-Modified-Since") == modified) {
                                 res.status = 304;
                                 return;
                             }
                             res.set_content(feed_xml("odd", 2), "application/rss+xml");
                         }}});
    TempDir site;
    std::vector<SourceConfig> sources = {source("odd", server.url("/odd"))};
    Run first = fetch_at(site.path(), sources, kT);
    REQUIRE(row(first, "odd").outcome == FetchOutcome::fetched);
    CHECK(server.last_header("/odd", "If-None-Match") == "(none)");
    SourceState st = state_of(site.path(), "odd");
    CHECK(st.etag == etag);
    CHECK(st.last_modified == modified);
    std::string json = slurp(site / "content/feeds/state.json");
    CHECK(contains(json,
                   "\"etag\": {\n        \"bytes\": "
                   "\"W/%22v1%3B%5C%20%22x%22%2Ccaf%C3%A9-%FF%FE%22\"\n      }"));

    Run second = fetch_at(site.path(), sources, kT + 60);
    CHECK(row(second, "odd").outcome == FetchOutcome::not_modified);
    CHECK(server.last_header("/odd", "If-None-Match") == etag);
    CHECK(server.last_header("/odd", "If-Modified-Since") == modified);
}

TEST_CASE("failures in a row back off 15 minutes, doubling up to a day; a success resets it",
          "[feeds][polite]") {
    std::atomic<bool> healthy{false};
    LocalServer server(
        {{"/flaky", [&healthy](const httplib::Request&, httplib::Response& res, int) {
              if (!healthy) {
                  res.status = 500;
                  return;
              }
              res.set_content(feed_xml("flaky", 2), "application/rss+xml");
          }}});
    TempDir site;
    std::vector<SourceConfig> sources = {source("flaky", server.url("/flaky"))};

    Run first = fetch_at(site.path(), sources, kT);
    CHECK(row(first, "flaky").error == "HTTP 500");  // one failure: asked again next time
    CHECK(row(first, "flaky").warnings.empty());

    Run second = fetch_at(site.path(), sources, kT + 60);
    CHECK(row(second, "flaky").error == "HTTP 500; backing off until 2026-11-25 08:16 +08:00");
    CHECK(row(second, "flaky").warnings ==
          std::vector<std::string>{
              "backing off until 2026-11-25 08:16 +08:00 after 2 failures in a row (last: HTTP "
              "500)"});

    Run waiting = fetch_at(site.path(), sources, kT + 600);
    CHECK(row(waiting, "flaky").outcome == FetchOutcome::backing_off);
    CHECK(row(waiting, "flaky").error ==
          "backing off until 2026-11-25 08:16 +08:00 after 2 failures in a row (last: HTTP 500)");
    CHECK(row(waiting, "flaky").warnings == std::vector<std::string>{row(waiting, "flaky").error});
    CHECK(waiting.report.failing() == 1);
    CHECK(server.hits("/flaky") == 2);

    Run third = fetch_at(site.path(), sources, kT + 960);
    CHECK(row(third, "flaky").error == "HTTP 500; backing off until 2026-11-25 08:46 +08:00");
    CHECK(server.hits("/flaky") == 3);

    healthy = true;
    Run forced = fetch_at(site.path(), sources, kT + 1000, true);
    CHECK(row(forced, "flaky").outcome == FetchOutcome::fetched);
    SourceState st = state_of(site.path(), "flaky");
    CHECK(st.failures == 0);
    CHECK_FALSE(st.backoff_until);
    CHECK(st.last_error.empty());
}

TEST_CASE("the backoff doubles from 15 minutes and stops at a day", "[feeds][polite]") {
    CHECK(backoff_seconds(0) == 0);
    CHECK(backoff_seconds(1) == 0);
    CHECK(backoff_seconds(2) == 15 * 60);
    CHECK(backoff_seconds(3) == 30 * 60);
    CHECK(backoff_seconds(4) == 60 * 60);
    CHECK(backoff_seconds(8) == 16 * 60 * 60);
    CHECK(backoff_seconds(9) == 24 * 60 * 60);
    CHECK(backoff_seconds(1000) == 24 * 60 * 60);
}

TEST_CASE(
    "an old state.json without the newer fields still loads, and is written back in a "
    "fixed order",
    "[feeds][polite]") {
    const char* old_text = R"({
  "version": 1,
  "sources": {
    "old": {
      "etag": "W/\"5d2c\"",
      "last_modified": "Wed, 25 Nov 2026 00:30:00 GMT",
      "last_status": 304,
      "last_attempt": "2026-11-25T03:00:00Z",
      "last_success": "2026-11-25T03:00:00Z",
      "last_error": "",
      "retry_after": null
    }
  }
}
)";
    Diagnostics diags;
    auto state = parse_state("content/feeds/state.json", old_text, diags);
    CHECK(diags.items().empty());
    const SourceState& s = state["old"];
    CHECK(s.etag == "W/\"5d2c\"");
    CHECK(s.last_status == 304);
    CHECK(s.last_success == kT + 3 * 3600);
    CHECK_FALSE(s.fresh_until);
    CHECK(s.failures == 0);
    CHECK_FALSE(s.backoff_until);
    CHECK(s.moved_to.empty());
    CHECK(s.moved_count == 0);
    CHECK_FALSE(s.gone_since);
    CHECK(when_due(s, kT).wait == Wait::none);

    state["old"].fresh_until = kT + 60;
    state["old"].failures = 2;
    state["old"].backoff_until = kT + 900;
    state["old"].moved_to = "https://polite.example/new.xml";
    state["old"].moved_count = 3;
    state["old"].gone_since = kT;
    state["old"].last_modified = "odd \xFF";
    CHECK(serialize_state(state) == R"({
  "version": 1,
  "sources": {
    "old": {
      "url": "",
      "etag": "W/\"5d2c\"",
      "last_modified": {
        "bytes": "odd%20%FF"
      },
      "last_status": 304,
      "last_attempt": "2026-11-25T03:00:00Z",
      "last_success": "2026-11-25T03:00:00Z",
      "last_error": "",
      "retry_after": null,
      "fresh_until": "2026-11-25T00:01:00Z",
      "failures": 2,
      "backoff_until": "2026-11-25T00:15:00Z",
      "moved_to": "https://polite.example/new.xml",
      "moved_count": 3,
      "gone_since": "2026-11-25T00:00:00Z"
    }
  }
}
)");
    auto back = parse_state("state.json", serialize_state(state), diags);
    CHECK(back["old"].last_modified == "odd \xFF");
    CHECK(serialize_state(back) == serialize_state(state));
}
