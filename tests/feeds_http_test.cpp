// brief fetch against a real HTTP server on 127.0.0.1 (cpp-httplib, started by the test):
// conditional GETs and 304s, errors, Retry-After, timeouts, redirects, compression, size
// caps, wrong content types; the real binary's table and exit codes; and kill -9 during
// writes, after which every archive file must still read whole.
#include <catch2/catch.hpp>

#if defined(CPPHTTPLIB_BROTLI_SUPPORT)

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>
#include "feeds/archive.h"
#include "feeds/fetch.h"
#include "feeds/http_fetcher.h"
#include "local_server.h"
#include "util/fs.h"

using namespace brief;
using brief::test::LocalServer;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& name) {
    auto text = read_file(std::string(BRIEF_TEST_FIXTURES) + "/feeds/" + name);
    REQUIRE(text);
    return *text;
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "brief-http-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()));
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A feed whose items change with `round`: new items appear and old titles change, so every
// fetch rewrites week files (what the kill -9 test needs).
std::string changing_feed(const std::string& source, int round, int items) {
    std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + source +
                      "</title><link>https://gen.example.com/</link>";
    for (int i = 0; i < items + round; ++i) {
        // Spread items over about twenty weeks.
        std::int64_t t = 1795564800 - static_cast<std::int64_t>(i) * 86400 * 7 * 20 / 200;
        xml += "<item><guid>" + source + "-" + std::to_string(i) + "</guid><title>Item " +
               std::to_string(i) + " round " + std::to_string(round) +
               "</title><link>https://gen.example.com/" + source + "/" + std::to_string(i) +
               "</link><pubDate>" + format_rfc822(Timestamp{t, 480}) +
               "</pubDate><description>&lt;p&gt;Body of item " + std::to_string(i) +
               " with some words to make the line longer than a few bytes.&lt;/p&gt;"
               "</description></item>";
    }
    return xml + "</channel></rss>";
}

// The feeds every test here fetches, served by a LocalServer with one request per connection.
LocalServer::Handler send(std::string body, std::string type,
                          std::map<std::string, std::string> headers = {}) {
    return [body, type, headers](const httplib::Request&, httplib::Response& res, int) {
        for (const auto& [k, v] : headers) res.set_header(k, v);
        res.set_content(body, type);
    };
}

LocalServer::Handler status_only(int code, std::map<std::string, std::string> headers = {}) {
    return [code, headers](const httplib::Request&, httplib::Response& res, int) {
        for (const auto& [k, v] : headers) res.set_header(k, v);
        res.status = code;
    };
}

LocalServer::Handler redirect(std::string to, int code) {
    return [to, code](const httplib::Request&, httplib::Response& res, int) {
        res.set_redirect(to, code);
    };
}

std::map<std::string, LocalServer::Handler> feed_routes(const std::atomic<bool>& stopping) {
    const std::string rss2 = fixture("rss2.xml"), atom = fixture("atom.xml");
    std::map<std::string, LocalServer::Handler> routes = {
        {"/rss2.xml",
         [rss2](const httplib::Request& req, httplib::Response& res, int) {
             res.set_header("ETag", "\"rss2-v1\"");
             res.set_header("Last-Modified", "Mon, 23 Nov 2026 00:00:00 GMT");
             if (req.get_header_value("If-None-Match") == "\"rss2-v1\"")
                 res.status = 304;
             else
                 res.set_content(rss2, "application/rss+xml; charset=utf-8");
         }},
        {"/atom.xml",
         [atom](const httplib::Request& req, httplib::Response& res, int) {
             res.set_header("Last-Modified", "Tue, 24 Nov 2026 12:00:00 GMT");
             if (req.get_header_value("If-Modified-Since") == "Tue, 24 Nov 2026 12:00:00 GMT")
                 res.status = 304;
             else
                 res.set_content(atom, "application/atom+xml");
         }},
        {"/500", [](const httplib::Request&, httplib::Response& res,
                    int) { res.status = 500, res.set_content("oops", "text/plain"); }},
        {"/429", status_only(429, {{"Retry-After", "120"}})},
        {"/503", status_only(503, {{"Retry-After", "Wed, 01 Dec 2100 00:00:00 GMT"}})},
        {"/slow",
         [rss2, &stopping](const httplib::Request&, httplib::Response& res, int) {
             for (int i = 0; i < 60 && !stopping; ++i)
                 std::this_thread::sleep_for(std::chrono::milliseconds(50));
             res.set_content(rss2, "application/rss+xml");
         }},
        {"/redirect", redirect("/moved/atom.xml", 301)},
        {"/moved/atom.xml", send(atom, "application/atom+xml")},
        {"/loop", redirect("/loop", 302)},
        {"/to-ftp", redirect("ftp://127.0.0.1/feed.xml", 302)},
        {"/bomb",
         send(fixture("http/bomb.xml.gz"), "application/rss+xml", {{"Content-Encoding", "gzip"}})},
        {"/huge", send(std::string((16u << 20) + 100, ' '), "application/rss+xml")},
        {"/as-html", send(rss2, "text/html; charset=utf-8")},
        {"/web-page", send(fixture("not-a-feed.html"), "text/html")},
        {"/gbk", send(fixture("charsets/gbk.xml"), "application/rss+xml; charset=GBK")},
        {R"(/gen/([a-z0-9-]+))",
         [](const httplib::Request& req, httplib::Response& res, int round) {
             // Every request to a path is a new round of that feed, with its own ETag.
             res.set_header("ETag", "\"r" + std::to_string(round) + "\"");
             res.set_content(changing_feed(req.matches[1], round, 200), "application/rss+xml");
         }},
    };
    for (const char* enc : {"gzip", "br", "deflate"}) {
        std::string ext = std::string(enc) == "gzip" ? "gz" : enc;
        routes["/" + std::string(enc)] = send(fixture("http/rss2.xml." + ext),
                                              "application/rss+xml", {{"Content-Encoding", enc}});
    }
    return routes;
}

class TestServer {
  public:
    TestServer()
        : server_(feed_routes(stopping_),
                  [](httplib::Server& s) { s.set_keep_alive_max_count(1); }) {}
    ~TestServer() { stopping_ = true; }  // before server_ stops: /slow gives up at once
    std::string url(const std::string& path) const { return server_.url(path); }
    int hits(const std::string& path) { return server_.hits(path); }
    std::string last_header(const std::string& path, const std::string& name) {
        return server_.last_header(path, name);
    }

  private:
    std::atomic<bool> stopping_{false};
    LocalServer server_;
};

TimeZone shanghai() {
    auto tz = TimeZone::load("Asia/Shanghai");
    REQUIRE(tz);
    return *tz;
}

SourceConfig source(const std::string& id, const std::string& url, int timeout = 0) {
    SourceConfig s;
    s.id = id;
    s.name = id;
    s.url = url;
    s.kind = "company";
    s.timeout_seconds = timeout;
    return s;
}

FetchReport fetch(const fs::path& root, const std::vector<SourceConfig>& sources) {
    CurlFetcher http(FetcherOptions{8, {}});
    Diagnostics diags;
    FetchSettings settings;
    settings.timeout_seconds = 5;
    return fetch_sources(root, sources, settings, shanghai(), http, diags);
}

const SourceReport& row(const FetchReport& r, const std::string& id) {
    for (const auto& s : r.sources)
        if (s.id == id) return s;
    FAIL("no row for " << id);
    return r.sources.front();
}

// Runs the real brief binary; returns its exit code, with stdout and stderr.
struct Run {
    int code = -1;
    std::string out, err;
};

Run run_brief(const std::vector<std::string>& args, const fs::path& scratch) {
    fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
    pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> argv;
        std::string bin = BRIEF_BINARY;
        argv.push_back(bin.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        // dup2, not freopen: freopen would flush the parent's buffered output a second time.
        int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(o, 1);
        dup2(e, 2);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    Run r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out).value_or("");
    r.err = read_file(err).value_or("");
    return r;
}

void write_site(const fs::path& root, const std::string& sources_yaml) {
    fs::create_directories(root / "content");
    REQUIRE(write_file_atomic(root / "content/site.yaml",
                              "title: Test\nbase_url: https://test.example/\n"
                              "timezone: Asia/Shanghai\n",
                              false)
                .ok());
    REQUIRE(write_file_atomic(root / "sources.yaml", sources_yaml, false).ok());
}

}  // namespace

TEST_CASE("a first fetch fills the archive; a second adds nothing and is answered with 304s",
          "[feeds]") {
    TestServer server;
    TempDir site;
    std::vector<SourceConfig> sources = {source("rss2", server.url("/rss2.xml")),
                                         source("atom", server.url("/atom.xml"))};
    FetchReport first = fetch(site.path, sources);
    CHECK(row(first, "rss2").outcome == FetchOutcome::fetched);
    CHECK(row(first, "rss2").status == 200);
    CHECK(row(first, "rss2").added == 3);
    CHECK(row(first, "atom").added == 3);
    CHECK(first.answered() == 2);
    Diagnostics diags;
    auto items = load_archive(site.path, diags);
    CHECK(items.size() == 6);
    CHECK(diags.items().empty());
    CHECK(server.last_header("/rss2.xml", "User-Agent").starts_with("Brief/"));
    CHECK(server.last_header("/rss2.xml", "If-None-Match") == "(none)");

    FetchReport second = fetch(site.path, sources);
    CHECK(row(second, "rss2").outcome == FetchOutcome::not_modified);
    CHECK(row(second, "rss2").status == 304);
    CHECK(row(second, "rss2").added == 0);
    CHECK(row(second, "rss2").total == 3);
    CHECK(row(second, "atom").status == 304);
    CHECK(server.last_header("/rss2.xml", "If-None-Match") == "\"rss2-v1\"");
    CHECK(server.last_header("/atom.xml", "If-Modified-Since") == "Tue, 24 Nov 2026 12:00:00 GMT");
    CHECK(load_archive(site.path, diags).size() == 6);

    auto state = load_state(site.path, diags);
    CHECK(state["rss2"].etag == "\"rss2-v1\"");
    CHECK(state["rss2"].last_status == 304);
    CHECK(state["rss2"].last_success);
}

TEST_CASE("one failing source never stops the others, and keeps its archive", "[feeds]") {
    TestServer server;
    TempDir site;
    FetchReport r = fetch(
        site.path, {source("ok", server.url("/rss2.xml")), source("broken", server.url("/500"))});
    CHECK(row(r, "ok").outcome == FetchOutcome::fetched);
    CHECK(row(r, "broken").outcome == FetchOutcome::failed);
    CHECK(row(r, "broken").status == 500);
    CHECK(row(r, "broken").error == "HTTP 500");
    CHECK(r.answered() == 1);
    CHECK(r.failed() == 1);
    Diagnostics diags;
    CHECK(load_state(site.path, diags)["broken"].last_error == "HTTP 500");
}

TEST_CASE("a 429 or 503 with Retry-After skips the source until then", "[feeds]") {
    TestServer server;
    TempDir site;
    std::vector<SourceConfig> sources = {source("limited", server.url("/429")),
                                         source("down", server.url("/503"))};
    FetchReport first = fetch(site.path, sources);
    CHECK(row(first, "limited").outcome == FetchOutcome::failed);
    CHECK(row(first, "limited").error.starts_with("HTTP 429; will not ask again before "));
    CHECK(row(first, "down").error == "HTTP 503; will not ask again before 2100-12-01T00:00:00Z");
    Diagnostics diags;
    auto state = load_state(site.path, diags);
    REQUIRE(state["limited"].retry_after);
    REQUIRE(state["limited"].last_attempt);
    CHECK(*state["limited"].retry_after - *state["limited"].last_attempt == 120);

    FetchReport second = fetch(site.path, sources);
    CHECK(row(second, "limited").outcome == FetchOutcome::skipped);
    CHECK(row(second, "down").outcome == FetchOutcome::skipped);
    CHECK(server.hits("/429") == 1);
    CHECK(server.hits("/503") == 1);
    CHECK(second.attempted() == 0);
}

TEST_CASE("a slow server times out and the others finish", "[feeds]") {
    TestServer server;
    TempDir site;
    auto start = std::chrono::steady_clock::now();
    FetchReport r = fetch(site.path, {source("slow", server.url("/slow"), 1),
                                      source("fast", server.url("/rss2.xml"))});
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(row(r, "slow").outcome == FetchOutcome::failed);
    CHECK(row(r, "slow").error == "timed out after 1 s");
    CHECK(row(r, "slow").status == 0);
    CHECK(row(r, "fast").outcome == FetchOutcome::fetched);
    CHECK(seconds < 2.5);
}

TEST_CASE("redirects are followed up to five; a loop or a non-http target fails", "[feeds]") {
    TestServer server;
    TempDir site;
    FetchReport r = fetch(
        site.path, {source("moved", server.url("/redirect")), source("loop", server.url("/loop")),
                    source("ftp", server.url("/to-ftp"))});
    CHECK(row(r, "moved").outcome == FetchOutcome::fetched);
    CHECK(row(r, "moved").added == 3);
    CHECK(row(r, "loop").error == "more than 5 redirects");
    CHECK(server.hits("/loop") == 6);
    CHECK(row(r, "ftp").outcome == FetchOutcome::failed);
    CHECK(row(r, "ftp").error ==
          "not an http or https URL (Brief fetches and follows only http and https)");
}

TEST_CASE("gzip, deflate and brotli bodies are decoded", "[feeds]") {
    TestServer server;
    TempDir site;
    FetchReport r =
        fetch(site.path, {source("gz", server.url("/gzip")), source("br", server.url("/br")),
                          source("deflate", server.url("/deflate"))});
    for (const char* id : {"gz", "br", "deflate"}) {
        INFO(id);
        CHECK(row(r, id).outcome == FetchOutcome::fetched);
        CHECK(row(r, id).added == 3);
    }
    std::string accept = server.last_header("/br", "Accept-Encoding");
    CHECK(accept.find("gzip") != std::string::npos);
    CHECK(accept.find("deflate") != std::string::npos);
    CHECK(accept.find("br") != std::string::npos);
}

TEST_CASE("a body over the size cap fails, compressed or not", "[feeds]") {
    TestServer server;
    TempDir site;
    FetchReport r = fetch(
        site.path, {source("huge", server.url("/huge")), source("bomb", server.url("/bomb"))});
    CHECK(row(r, "huge").error == "larger than the 16 MiB cap");
    CHECK(row(r, "bomb").error == "larger than the 16 MiB cap");
}

TEST_CASE("a feed served as HTML is read with a warning; a web page is not a feed", "[feeds]") {
    TestServer server;
    TempDir site;
    FetchReport r = fetch(
        site.path, {source("mislabelled", server.url("/as-html")),
                    source("page", server.url("/web-page")), source("gbk", server.url("/gbk"))});
    CHECK(row(r, "mislabelled").outcome == FetchOutcome::fetched);
    CHECK(row(r, "mislabelled").warnings ==
          std::vector<std::string>{
              "served as text/html; charset=utf-8, not as a feed type; read it anyway"});
    CHECK(row(r, "page").outcome == FetchOutcome::failed);
    CHECK(row(r, "page").error ==
          "not a feed: the document's root element is <html> (an HTML page, not RSS, Atom or JSON "
          "Feed) (served as text/html)");
    CHECK(row(r, "gbk").outcome == FetchOutcome::fetched);
    Diagnostics diags;
    bool found = false;
    for (const auto& item : load_archive(site.path, diags))
        found = found || item.title == "华为昇腾芯片出货量增长";
    CHECK(found);
}

TEST_CASE("brief fetch prints its table, reports 304s, and exits by the rules", "[feeds]") {
    TestServer server;
    TempDir site;
    write_site(site.path,
               "sources:\n"
               "  - {id: rss2, name: RSS, url: '" +
                   server.url("/rss2.xml") +
                   "', kind: company}\n"
                   "  - {id: atom, name: Atom, url: '" +
                   server.url("/atom.xml") +
                   "', kind: research, include: [kernels]}\n"
                   "  - {id: broken, name: Broken, url: '" +
                   server.url("/500") +
                   "', kind: company}\n"
                   "  - {id: off, name: Off, url: '" +
                   server.url("/500") + "', kind: company, enabled: false}\n");
    std::string src = site.path.string();
    Run first = run_brief({"fetch", "--source", src}, site.path);
    CHECK(first.code == 0);
    CHECK(first.out.find("source  status") == 0);
    CHECK(first.out.find("\nrss2    200          3        0       3") != std::string::npos);
    CHECK(first.out.find("\natom    200          1        0       1") != std::string::npos);
    CHECK(first.out.find("\nbroken  -            0        0       0") == std::string::npos);
    CHECK(first.out.find("\nbroken  500          0        0       0") != std::string::npos);
    CHECK(first.out.find("HTTP 500") != std::string::npos);
    CHECK(first.out.find("off") == std::string::npos);
    CHECK(first.out.find("2 of 3 sources answered (0 unchanged, 304 Not Modified), 1 failed; 4 "
                         "new items, 0 updated") != std::string::npos);
    CHECK(first.err.find("\033[") == std::string::npos);  // not a terminal: no colour, no progress
    CHECK(first.err.find("[1/3]") == std::string::npos);

    Run second = run_brief({"fetch", "--source", src}, site.path);
    CHECK(second.code == 0);
    CHECK(second.out.find("\nrss2    304          0        0       3") != std::string::npos);
    CHECK(second.out.find("2 of 3 sources answered (2 unchanged, 304 Not Modified), 1 failed; 0 "
                          "new items, 0 updated") != std::string::npos);

    Run strict = run_brief({"fetch", "--source", src, "--strict"}, site.path);
    CHECK(strict.code == 3);

    Run only = run_brief({"fetch", "--source", src, "--only", "broken"}, site.path);
    CHECK(only.code == 3);  // the only source tried did not answer

    Run quiet = run_brief({"fetch", "--source", src, "--only", "rss2", "--quiet"}, site.path);
    CHECK(quiet.code == 0);
    CHECK(quiet.out.empty());

    Run typo = run_brief({"fetch", "--source", src, "--only", "rs2"}, site.path);
    CHECK(typo.code == 2);
    CHECK(typo.err ==
          "brief fetch: --only: no source has the id 'rs2' in sources.yaml (did you mean "
          "'rss2'?)\n");
}

TEST_CASE("brief fetch stops with exit 1 and a compiler-style message on a bad sources.yaml",
          "[feeds]") {
    TempDir site;
    write_site(site.path,
               "sources:\n  - id: a\n    name: A\n    url: https://a.example/\n"
               "    kind: blog\n");
    Run r = run_brief({"fetch", "--source", site.path.string()}, site.path);
    CHECK(r.code == 1);
    CHECK(r.err ==
          "sources.yaml:5:11: error: kind: 'blog' is not one of official, state-media, company, "
          "research, model-hub, aggregator\n"
          "        kind: blog\n"
          "              ^\n");
    CHECK(r.out.empty());
}

TEST_CASE("brief feed inspect --json fetches a URL and prints the documented schema", "[feeds]") {
    TestServer server;
    TempDir scratch;
    Run r = run_brief({"feed", "inspect", server.url("/redirect"), "--json"}, scratch.path);
    REQUIRE(r.code == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["format"] == "atom");
    REQUIRE(j["items"].size() == 3);
    // Relative links resolve against where the redirect led.
    CHECK(j["items"][1]["url"] == "https://mirror.example.net/base/notes/v3.1.html");
    CHECK(j["link"] == "https://models.example.com/org/releases");
}

TEST_CASE("a fetch killed with SIGKILL at any moment leaves every archive file whole", "[feeds]") {
    TestServer server;
    TempDir site;
    std::string yaml = "sources:\n";
    for (int i = 0; i < 4; ++i)
        yaml += "  - {id: gen" + std::to_string(i) + ", name: Gen, url: '" +
                server.url("/gen/gen" + std::to_string(i)) + "', kind: company}\n";
    write_site(site.path, yaml);
    std::string src = site.path.string();

    // Two full runs first: they set the archive up, and the second (which rewrites every week
    // file, as later runs do) tells how long a run takes.
    REQUIRE(run_brief({"fetch", "--source", src, "--quiet"}, site.path).code == 0);
    auto start = std::chrono::steady_clock::now();
    REQUIRE(run_brief({"fetch", "--source", src, "--quiet"}, site.path).code == 0);
    double full = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO("one full fetch takes " << full << " s");

    std::mt19937 rng(7);
    int killed_running = 0, killed_with_temp_files = 0;
    const int rounds = 30;
    for (int round = 0; round < rounds; ++round) {
        pid_t pid = fork();
        if (pid == 0) {
            std::string bin = BRIEF_BINARY;
            std::string a1 = "fetch", a2 = "--source", a4 = "--quiet";
            char* argv[] = {bin.data(), a1.data(), a2.data(), src.data(), a4.data(), nullptr};
            int devnull = ::open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            dup2(devnull, 2);
            execv(bin.c_str(), argv);
            _exit(127);
        }
        // Kill anywhere in a run, but mostly in its second half, where the files are written.
        double at = round % 3 == 0 ? std::uniform_real_distribution<double>(0.0, full)(rng)
                                   : std::uniform_real_distribution<double>(0.4, 1.1)(rng) * full;
        auto delay = std::chrono::microseconds(static_cast<long>(at * 1e6));
        std::this_thread::sleep_for(delay);
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == 0) {
            ::kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            ++killed_running;
        }
        bool temp = false;
        for (const auto& e : fs::directory_iterator(site.path / "content/feeds"))
            temp = temp || e.path().filename().string().find(".tmp-") != std::string::npos;
        killed_with_temp_files += temp;

        // Every file that is there must read whole: no torn line, no half-written file.
        for (const auto& path : list_files(site.path / "content/feeds", ".jsonl")) {
            Diagnostics diags;
            auto text = read_file(path);
            REQUIRE(text);
            auto items = parse_archive_file(path.filename().string(), *text, diags);
            INFO("round " << round << ": " << path);
            REQUIRE(diags.items().empty());
            REQUIRE_FALSE(items.empty());
            REQUIRE(text->back() == '\n');
        }
        Diagnostics diags;
        load_state(site.path, diags);
        REQUIRE(diags.items().empty());
    }
    WARN("kill -9: " << killed_running << " of " << rounds << " fetches killed while running, "
                     << killed_with_temp_files << " of them mid-write (temporary files left)");
    CHECK(killed_running >= rounds / 3);

    // A last, undisturbed run cleans up and leaves a consistent archive.
    REQUIRE(run_brief({"fetch", "--source", src, "--quiet"}, site.path).code == 0);
    for (const auto& e : fs::directory_iterator(site.path / "content/feeds"))
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
    Diagnostics diags;
    auto items = load_archive(site.path, diags);
    CHECK(diags.items().empty());
    CHECK(items.size() >= 4 * 200);
}

#else

TEST_CASE("the HTTP fetch tests need brief_tests linked with cpp-httplib", "[feeds]") {
    FAIL(
        "SKIPPED: the HTTP, end-to-end and kill -9 fetch tests did not run: Debian's "
        "libcpp-httplib-dev is a compiled library, and brief_tests is not linked with it. Add "
        "`brief_require_pkg(HTTPLIB cpp-httplib libcpp-httplib-dev)` and link "
        "PkgConfig::HTTPLIB to brief_tests in CMakeLists.txt.");
}

#endif
