// `brief check`: internal links and anchors of built sites, external links against a local
// server on 127.0.0.1, and the link cache.
#include <httplib.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "check/check.h"
#include "check/link_cache.h"
#include "check/links.h"
#include "check/locate.h"
#include "helpers.h"

using namespace brief;
using namespace brief::test;

namespace {

// 2026-11-25 12:00 UTC: after every date in the check fixtures, so nothing is "future".
constexpr std::int64_t kBuildTime = 1795608000;
const std::string kEnv = "NO_COLOR=1 SOURCE_DATE_EPOCH=" + std::to_string(kBuildTime);

// A local web server with the answers a link checker meets, counting what it is asked.
class LinkServer {
  public:
    LinkServer() {
        server_.set_keep_alive_timeout(1);
        server_.Get("/ok", [this](const httplib::Request& req, httplib::Response& res) {
            count(req);
            res.set_content("fine", "text/plain");
        });
        server_.Get("/moved", [this](const httplib::Request& req, httplib::Response& res) {
            count(req);
            res.set_redirect("/ok", 301);
        });
        server_.Get("/missing", [this](const httplib::Request& req, httplib::Response& res) {
            count(req);
            res.status = 404;
            res.set_content("gone", "text/plain");
        });
        server_.Get("/no-head", [this](const httplib::Request& req, httplib::Response& res) {
            count(req);
            if (req.method == "HEAD") {
                res.status = 405;
                return;
            }
            res.set_content("only GET here", "text/plain");
        });
        server_.Get("/slow", [this](const httplib::Request& req, httplib::Response& res) {
            count(req);
            std::this_thread::sleep_for(std::chrono::milliseconds(1600));
            res.set_content("late", "text/plain");
        });
        server_.Get("/pause", [this](const httplib::Request& req, httplib::Response& res) {
            count(req);
            int now = ++in_flight_;
            int seen = max_in_flight_.load();
            while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
            --in_flight_;
            res.set_content("paused", "text/plain");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~LinkServer() {
        server_.stop();
        thread_.join();
    }
    LinkServer(const LinkServer&) = delete;
    LinkServer& operator=(const LinkServer&) = delete;

    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    /// Requests so far, as "HEAD /ok", in arrival order.
    std::vector<std::string> requests() {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_;
    }
    void forget() {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.clear();
    }
    int max_in_flight() const { return max_in_flight_; }

  private:
    void count(const httplib::Request& req) {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(req.method + " " + req.path);
    }

    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::vector<std::string> requests_;
    std::atomic<int> in_flight_{0};
    std::atomic<int> max_in_flight_{0};
};

const char* kCheckSiteYaml =
    "title: Check Brief\n"
    "base_url: https://check.example/\n"
    "language: en\n"
    "timezone: Asia/Shanghai\n"
    "author: Fixture desk\n";

// A site with one analysis briefing whose sources are `urls`, written in a temp folder.
void write_sources_site(const std::filesystem::path& root, const std::vector<std::string>& urls,
                        const std::string& body = "Body.\n") {
    write(root / "content/site.yaml", kCheckSiteYaml);
    std::string text =
        "---\ntitle: Sources checked\ndate: 2026-11-20\nkind: analysis\nsummary: Links out.\n"
        "sources:\n";
    for (const auto& u : urls)
        text += "  - title: A source\n    publisher: Test\n    url: " + u + "\n";
    text += "---\n" + body;
    write(root / "content/briefings/2026/sources.md", text);
}

CheckRequest external_request(const std::filesystem::path& root, std::int64_t clock) {
    CheckRequest req;
    req.source = root;
    req.jobs = 2;
    req.build_time = kBuildTime;
    req.external = true;
    req.external_options.timeout_seconds = 2;
    req.clock = clock;
    return req;
}

Output page(std::string path, std::string html) {
    return {std::move(path), std::move(html)};
}

}  // namespace

TEST_CASE("internal links resolve folders, relative paths, encoded and raw UTF-8 paths and anchors",
          "[check]") {
    std::vector<Output> site = {
        page("index.html",
             "<!DOCTYPE html><title>Home</title><main id=\"main\">"
             "<a href=\"/briefings/a/\">a</a> <a href=\"briefings/a/#part-two\">part two</a>\n"
             "<a href=\"/topics/%E5%8D%8E%E4%B8%BA/\">encoded</a> <a "
             "href=\"/topics/华为/\">raw</a>\n"
             "<a href=\"/briefings/a\">no slash</a> <a href=\"https://site.example/briefings/a/\">"
             "absolute</a> <a href=\"https://elsewhere.example/nope/\">out</a>\n"
             "<a href=\"mailto:desk@site.example\">mail</a> <a href=\"#top\">top</a> "
             "<a href=\"#main\">main</a> <a href=\"?page=2\">query</a>\n"
             "<img src=\"/static/logo.png\" srcset=\"/static/logo.png 1x, /static/logo@2x.png 2x\">"
             "</main>"),
        page("briefings/a/index.html",
             "<!DOCTYPE html><title>A</title>\n<h2 id=\"part-two\">Part two</h2>\n"
             "<a href=\"../../\">home</a> <a href=\"../b/\">b</a>\n<a href=\"#nowhere\">x</a>"),
        page("topics/华为/index.html", "<!DOCTYPE html><title>华为</title>"),
        page("static/logo.png", "png"),
        page("static/logo@2x.png", "png"),
    };
    InternalLinkReport r = check_internal_links(site, "https://site.example/", 2);
    CHECK(r.pages == 3);
    CHECK(r.links == 15);
    REQUIRE(r.broken.size() == 2);
    CHECK(r.broken[0].page == "/briefings/a/");
    CHECK(r.broken[0].link.url == "../b/");
    CHECK(r.broken[0].target == "/briefings/b/");
    CHECK(r.broken[0].fault == LinkFault::no_page);
    CHECK(r.broken[0].link.line == 3);
    CHECK(r.broken[1].link.url == "#nowhere");
    CHECK(r.broken[1].target == "/briefings/a/");
    CHECK(r.broken[1].fault == LinkFault::no_anchor);
}

TEST_CASE("a link is internal when it stays on the site, whatever its form", "[check]") {
    const std::string base = "https://x.example/brief/";
    CHECK(internal_target("/a/b/", "../c/", base) == "/a/c/");
    CHECK(internal_target("/a/b/", "#f", base) == "/a/b/#f");
    CHECK(internal_target("/a/b/", "https://X.example/brief/d/", base) == "/d/");
    CHECK(internal_target("/a/b/", "//x.example/brief/d/", base) == "/d/");
    CHECK(internal_target("/a/b/", "https://x.example/other/", base).empty());
    CHECK(internal_target("/a/b/", "https://y.example/brief/d/", base).empty());
    CHECK(internal_target("/a/b/", "javascript:alert(1)", base).empty());
    CHECK(internal_target("/a/b/", "", base).empty());
    CHECK(page_url_for("index.html") == "/");
    CHECK(page_url_for("weeks/2026-W47/index.html") == "/weeks/2026-W47/");
    CHECK(page_url_for("feed.xml") == "/feed.xml");
}

TEST_CASE("find_url finds a URL as written or percent-decoded, never inside a longer URL",
          "[check]") {
    SourceText s{"content/x.md",
                 "see [a](/briefings/a/) and [b](/briefings/a/b/).\n"
                 "also /topics/华为/, then https://site/briefings/a/ and /briefings/a/.\n"};
    auto a = find_url(s, "/briefings/a/");
    REQUIRE(a.size() == 2);
    CHECK(a[0].line == 1);
    CHECK(a[0].column == 9);
    CHECK(a[1].line == 2);
    CHECK(a[1].column == 58);
    auto encoded = find_url(s, "/topics/%E5%8D%8E%E4%B8%BA/");
    REQUIRE(encoded.size() == 1);
    CHECK(encoded[0].line == 2);
    CHECK(encoded[0].column == 6);
    CHECK(encoded[0].source_line ==
          "also /topics/华为/, then https://site/briefings/a/ and /briefings/a/.");

    UrlIndex index({s, {"content/y.md", "[again](/briefings/a/)\n"}});
    auto all = index.find("/briefings/a/");
    REQUIRE(all.size() == 3);
    CHECK(all[2].file == "content/y.md");
    CHECK(all[2].column == 9);
}

TEST_CASE("the fixture site's broken link and missing anchor are reported at file and line",
          "[check]") {
    auto r = run_brief("check --source " + (kSites / "check-links").string(), kEnv);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(
        contains(r.err,
                 "content/briefings/2026/links.md:11:17: error: link to /briefings/nope/ does not "
                 "resolve: no page has that address\n"
                 "    This [old link](/briefings/nope/) goes nowhere.\n"
                 "                    ^\n"));
    CHECK(contains(r.err,
                   "content/briefings/2026/links.md:13:15: error: anchor #missing not found in "
                   "/briefings/export-rules/\n"
                   "    This [anchor](/briefings/export-rules/#missing) names no heading.\n"
                   "                  ^\n"
                   "  hint: a heading's id is its text as a slug ('## Export rules' is "
                   "#export-rules); the headings there are #what-changed, #details"));
    // The good links (a page, an anchor, raw and encoded UTF-8, a relative path) say nothing.
    CHECK_FALSE(contains(r.err, "/briefings/export-rules/#details"));
    CHECK_FALSE(contains(r.err, "华为"));
    CHECK_FALSE(contains(r.err, "../export-rules/"));
    CHECK(std::count(r.err.begin(), r.err.end(), '^') == 2);
    CHECK(contains(r.err, "; 2 broken, 0 redirected\n"));
}

TEST_CASE("a relative link in a key point is reported once, where it was written", "[check]") {
    TempDir dir;
    copy_site(kSites / "check-links", dir / "site");
    write(dir / "site/content/briefings/2026/points.md",
          "---\ntitle: Points\ndate: 2026-11-21\nkind: analysis\nsummary: Key points.\n"
          "key_points:\n  - Read [the rules](../export-rules/) first.\n---\nBody.\n");
    CheckRequest req;
    req.source = dir / "site";
    req.jobs = 2;
    req.build_time = kBuildTime;
    CheckResult r = run_check(req);
    std::string all = messages(r.diagnostics);
    INFO(all);
    std::vector<const Diagnostic*> points;
    for (const auto& d : r.diagnostics.items())
        if (d.file == "content/briefings/2026/points.md") points.push_back(&d);
    REQUIRE(points.size() == 1);
    CHECK(points[0]->line == 7);
    CHECK(points[0]->column == 22);
    CHECK(contains(points[0]->message, "link to ../export-rules/ does not resolve: from /"));
    CHECK(contains(points[0]->hint,
                   "write links from the site root (/briefings/<slug>/) so they "
                   "work on every page that shows them (seen on /"));
}

TEST_CASE("a broken link the theme writes names the template, or the page when it is computed",
          "[check]") {
    TempDir dir;
    copy_site(kSites / "check-links", dir / "site");
    std::filesystem::copy(std::filesystem::path(BRIEF_REPO_DIR) / "templates",
                          dir / "site/templates", std::filesystem::copy_options::recursive);
    // Fix the content's own broken links so only the theme's remain.
    write(dir / "site/content/briefings/2026/links.md",
          "---\ntitle: Links\ndate: 2026-11-20\nkind: analysis\nsummary: Fine.\n---\nFine.\n");
    auto foot = dir / "site/templates/partials/foot.mustache";
    std::string text = slurp(foot);
    auto at = text.find("</footer>");
    REQUIRE(at != std::string::npos);
    text.insert(at, "<a href=\"/colophon/\">Colophon</a>\n");
    write(foot, text);
    auto layout = dir / "site/templates/layouts/briefing.mustache";
    write(layout, slurp(layout) + "<a href=\"{{url}}#comments\">Comments</a>\n");

    CheckRequest req;
    req.source = dir / "site";
    req.jobs = 2;
    req.build_time = kBuildTime;
    CheckResult r = run_check(req);
    std::string all = messages(r.diagnostics);
    INFO(all);
    CHECK_FALSE(r.ok());
    const Diagnostic* colophon = nullptr;
    const Diagnostic* comments = nullptr;
    for (const auto& d : r.diagnostics.items()) {
        if (contains(d.message, "/colophon/")) colophon = &d;
        if (contains(d.message, "#comments")) comments = &d;
    }
    REQUIRE(colophon);
    CHECK(colophon->file == "templates/partials/foot.mustache");
    CHECK(colophon->line > 0);
    CHECK(colophon->message == "link to /colophon/ does not resolve: no page has that address");
    CHECK(contains(colophon->hint, "the theme writes it; seen on /"));
    REQUIRE(comments);
    CHECK(comments->file == "site page /briefings/export-rules/ (from the theme)");
    CHECK(comments->message == "anchor #comments not found in /briefings/export-rules/");
    CHECK_THAT(comments->hint, Catch::StartsWith("the theme writes it, on line ") &&
                                   Catch::EndsWith(" of the built page; also on 1 other page"));
}

TEST_CASE(
    "external links: 200 passes, 301 warns with the final URL, 404 and a timeout fail, "
    "a server that refuses HEAD is asked with GET",
    "[check]") {
    LinkServer server;
    TempDir dir;
    write_sources_site(dir.path(),
                       {server.url("/ok"), server.url("/moved"), server.url("/missing"),
                        server.url("/no-head"), server.url("/slow")},
                       "Also in the text: [gone](" + server.url("/missing") + ").\n");
    auto r = run_brief("check --external --timeout 1 --source " + dir.path().string(), kEnv);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    const std::string file = "content/briefings/2026/sources.md";
    CHECK(contains(r.err, file + ":12:10: warning: " + server.url("/moved") + " redirects to " +
                              server.url("/ok") +
                              " (301 Moved Permanently); link to the final address\n"));
    CHECK(contains(r.err, file + ":15:10: error: " + server.url("/missing") +
                              " answered 404 Not Found\n"
                              "        url: " +
                              server.url("/missing") +
                              "\n"
                              "             ^\n"
                              "  hint: the page is gone or moved: find its new address, or link to "
                              "an archived copy (https://web.archive.org/)\n"));
    CHECK(contains(
        r.err, file + ":23:26: error: " + server.url("/missing") + " answered 404 Not Found\n"));
    CHECK(contains(r.err, file + ":21:10: error: " + server.url("/slow") +
                              " did not answer: timed out after 1 s\n"));
    CHECK_FALSE(contains(r.err, ": " + server.url("/no-head")));
    CHECK_FALSE(contains(r.err, ": " + server.url("/ok")));
    CHECK(contains(r.err, "5 external URLs (0 from cache); 2 broken, 1 redirected\n"));

    auto asked = server.requests();
    CHECK(std::count(asked.begin(), asked.end(), "HEAD /no-head") == 1);
    CHECK(std::count(asked.begin(), asked.end(), "GET /no-head") == 1);
    CHECK(std::count(asked.begin(), asked.end(), "GET /ok") == 0);  // HEAD was enough
}

TEST_CASE("a second check within the cache time asks no publisher; an expired entry is asked again",
          "[check]") {
    LinkServer server;
    TempDir dir;
    write_sources_site(dir.path(),
                       {server.url("/ok"), server.url("/moved"), server.url("/no-head")});
    const std::int64_t t0 = 1800000000;

    CheckResult first = run_check(external_request(dir.path(), t0));
    INFO(messages(first.diagnostics));
    CHECK(first.ok());
    CHECK(first.summary.requested == 3);
    CHECK(first.summary.redirected == 1);
    CHECK_FALSE(server.requests().empty());
    auto cache = parse_link_cache(slurp(link_cache_path(dir.path())));
    REQUIRE(cache);
    CHECK(cache->links.size() == 3);
    CHECK(cache->links[server.url("/moved")].final_url == server.url("/ok"));

    server.forget();
    CheckResult second = run_check(external_request(dir.path(), t0 + 23 * 3600));
    CHECK(server.requests().empty());
    CHECK(second.summary.from_cache == 3);
    CHECK(second.summary.requested == 0);
    CHECK(second.summary.redirected == 1);  // a cached redirect is still reported
    CHECK(contains(messages(second.diagnostics), "redirects to " + server.url("/ok")));

    CheckResult expired = run_check(external_request(dir.path(), t0 + 25 * 3600));
    CHECK(expired.summary.from_cache == 0);
    CHECK(expired.summary.requested == 3);
    auto asked = server.requests();
    CHECK(std::count(asked.begin(), asked.end(), "HEAD /ok") >= 1);
    CHECK(std::count(asked.begin(), asked.end(), "HEAD /moved") == 1);
}

TEST_CASE("a broken external link is not cached: the next check asks again", "[check]") {
    LinkServer server;
    TempDir dir;
    write_sources_site(dir.path(), {server.url("/ok"), server.url("/missing")});
    const std::int64_t t0 = 1800000000;
    CheckResult first = run_check(external_request(dir.path(), t0));
    CHECK_FALSE(first.ok());
    server.forget();
    CheckResult second = run_check(external_request(dir.path(), t0 + 60));
    CHECK_FALSE(second.ok());
    CHECK(second.summary.from_cache == 1);
    CHECK(server.requests() == std::vector<std::string>{"HEAD /missing", "GET /missing"});
}

TEST_CASE("when no host answers at all the check says the network is down and exits 3", "[check]") {
    TempDir dir;
    // Nothing listens on ports 1 and 2: every connection is refused at once.
    write_sources_site(dir.path(), {"http://127.0.0.1:1/a", "http://127.0.0.1:2/b"});
    auto r = run_brief("check --external --source " + dir.path().string(), kEnv);
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err,
                   "content/briefings/2026/sources.md:9:10: error: http://127.0.0.1:1/a did "
                   "not answer: "));
    CHECK(contains(r.err,
                   "none of the 2 external URLs asked answered at all: is this machine "
                   "offline? (exit 3)\n"));
}

TEST_CASE("external checks keep to the per-host limit", "[check]") {
    LinkServer server;
    std::vector<std::string> urls;
    for (int i = 0; i < 6; ++i) urls.push_back(server.url("/pause?n=" + std::to_string(i)));
    ExternalCheckOptions options;
    options.per_host = 2;
    options.parallel = 8;
    options.timeout_seconds = 5;
    auto results = check_external_links(urls, options);
    REQUIRE(results.size() == 6);
    for (const auto& s : results) CHECK(s.ok());
    CHECK(server.max_in_flight() == 2);
}

TEST_CASE("the link cache keeps good answers only and drops expired ones", "[check]") {
    LinkStatus good;
    good.url = "https://a.example/";
    good.status = 200;
    good.final_url = good.url;
    good.method = "HEAD";
    LinkStatus broken;
    broken.url = "https://b.example/";
    broken.status = 404;
    LinkCache cache;
    update_link_cache(cache, {good, broken}, 1000, 3600);
    REQUIRE(cache.links.size() == 1);
    std::string text = serialize_link_cache(cache);
    CHECK(text ==
          "{\"version\": 1, \"links\": {\n"
          "  \"https://a.example/\": {\"checked\":1000,\"method\":\"HEAD\",\"status\":200}\n"
          "}}\n");
    auto back = parse_link_cache(text);
    REQUIRE(back);
    CHECK(cached_status(*back, good.url, 1000 + 3599, 3600).has_value());
    CHECK_FALSE(cached_status(*back, good.url, 1000 + 3600, 3600).has_value());
    CHECK_FALSE(parse_link_cache("not json").has_value());
    update_link_cache(*back, {}, 1000 + 7200, 3600);
    CHECK(back->links.empty());
}

TEST_CASE("brief check: usage errors exit 2, a missing site folder exits 3, --help lists options",
          "[check]") {
    auto bad = run_brief("check --timeout 0");
    CHECK(bad.exit_code == 2);
    CHECK(
        contains(bad.err, "brief check: --timeout needs a whole number of at least 1, not '0'\n"));
    CHECK(run_brief("check --per-host x").exit_code == 2);
    CHECK(run_brief("check stray").exit_code == 2);
    auto missing = run_brief("check --source /nonexistent/brief-site");
    CHECK(missing.exit_code == 3);
    auto help = run_brief("check --help");
    CHECK(help.exit_code == 0);
    for (const char* option :
         {"--source DIR", "--drafts", "--future", "--external", "--cache-hours N", "--timeout S",
          "--jobs N", "--per-host N", "--verbose", "--quiet", "--help"})
        CHECK(contains(help.out, option));
    CHECK(contains(help.out, "(default: 24)"));
    CHECK(contains(help.out, "(default: 10)"));
}
