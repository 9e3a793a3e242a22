// brief serve over real HTTP on 127.0.0.1: pages, path safety, content types, rebuild and
// reload on change, and the error overlay.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "helpers.h"
#include "serve/dev_server.h"

using namespace brief;
using namespace brief::test;
using namespace std::chrono_literals;

namespace {

// Sends a request line exactly as written (no client-side normalisation) and returns the
// status code of the answer.
int raw_status(int port, const std::string& target) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    (void)!::send(fd, req.data(), req.size(), 0);
    char buf[64] = {};
    ssize_t n = ::recv(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    if (n < 12) return -1;
    return std::atoi(std::string(buf + 9, 3).c_str());
}

struct Served {
    TempDir dir;
    std::unique_ptr<DevServer> server;
    int port = 0;
    explicit Served(std::function<BuildResult(const BuildRequest&)> build = {}) {
        copy_site(kSites / "minimal", dir / "src");
        ServeOptions o;
        o.build = std::move(build);
        o.source = dir / "src";
        o.port = 0;
        o.quiet = true;
        o.jobs = 2;
        server = std::make_unique<DevServer>(o);
        std::string err;
        port = server->start(err);
        REQUIRE(port > 0);
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(5, 0);
        return c;
    }
    bool wait_for_generation(std::uint64_t g, std::chrono::milliseconds limit) const {
        auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            if (server->snapshot()->generation >= g) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
};

}  // namespace

TEST_CASE("serve answers pages with their content types and the reload script", "[serve]") {
    Served s;
    auto c = s.client();
    auto home = c.Get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(home->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(home->body.find("new EventSource(\"/__brief/events\")") != std::string::npos);
    auto css = c.Get("/static/style.css");
    REQUIRE(css);
    CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
    CHECK(css->body.find("EventSource") == std::string::npos);
    CHECK(c.Get("/feed.xml")->get_header_value("Content-Type") ==
          "application/atom+xml; charset=utf-8");
    CHECK(c.Get("/feed.json")->get_header_value("Content-Type") ==
          "application/feed+json; charset=utf-8");
    auto redirect = c.Get("/briefings/ascend-roadmap");
    REQUIRE(redirect);
    CHECK(redirect->status == 301);
    CHECK(redirect->get_header_value("Location") == "/briefings/ascend-roadmap/");
    auto missing = c.Get("/no/such/page/");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->body.find("Page not found") != std::string::npos);
    // Nothing is written to disk by serving.
    CHECK_FALSE(std::filesystem::exists(s.dir / "src/site"));
}

TEST_CASE("serve refuses paths outside the site, encoded or not", "[serve]") {
    Served s;
    CHECK(raw_status(s.port, "/") == 200);
    CHECK(raw_status(s.port, "/../content/site.yaml") == 403);
    CHECK(raw_status(s.port, "/static/../../content/site.yaml") == 403);
    CHECK(raw_status(s.port, "/%2e%2e/content/site.yaml") == 403);
    CHECK(raw_status(s.port, "/%2E%2E%2Fcontent%2Fsite.yaml") == 403);
    CHECK(raw_status(s.port, "/static/..%2f..%2fcontent/site.yaml") == 403);
    CHECK(raw_status(s.port, "/..%5c..%5csite.yaml") == 403);
}

TEST_CASE("a saved change rebuilds and sends a reload event within a second", "[serve]") {
    Served s;
    auto c = s.client();
    std::atomic<bool> got_reload{false};
    std::atomic<bool> connected{false};
    httplib::Client events("127.0.0.1", s.port);
    events.set_read_timeout(5, 0);
    std::thread listener([&] {
        std::string buffer;
        events.Get("/__brief/events", [&](const char* data, std::size_t len) {
            buffer.append(data, len);
            connected = true;
            if (buffer.find("data: reload") != std::string::npos) {
                got_reload = true;
                return false;
            }
            return true;
        });
    });
    for (int i = 0; i < 200 && !connected; ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(connected);
    auto gen = s.server->snapshot()->generation;
    auto start = std::chrono::steady_clock::now();
    std::string path = (s.dir / "src/content/briefings/2026/cluster-online.md").string();
    std::string text = slurp(path);
    text.replace(text.find("A cluster comes online"), 22, "A bigger cluster comes online");
    write(path, text);
    for (int i = 0; i < 100 && !got_reload; ++i) std::this_thread::sleep_for(10ms);
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(got_reload);
    CHECK(elapsed < 1s);
    events.stop();
    listener.join();
    CHECK(s.server->snapshot()->generation > gen);
    CHECK(c.Get("/briefings/cluster-online/")->body.find("A bigger cluster comes online") !=
          std::string::npos);
}

TEST_CASE("a broken file shows an overlay while the server keeps the last good site", "[serve]") {
    Served s;
    auto c = s.client();
    auto gen = s.server->snapshot()->generation;
    std::string path = (s.dir / "src/content/briefings/2026/cluster-online.md").string();
    std::string good = slurp(path);
    write(path, "---\ntitle: Broken\ndate: 2026-13-45\nkind: analysis\n---\n");
    REQUIRE(s.wait_for_generation(gen + 1, 3s));
    auto page = c.Get("/briefings/cluster-online/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("id=\"brief-error-overlay\"") != std::string::npos);
    CHECK(page->body.find("content/briefings/2026/cluster-online.md:3:7: error: date: "
                          "&#39;2026-13-45&#39; is not a date") != std::string::npos);
    CHECK(page->body.find("A cluster comes online") != std::string::npos);  // the last good build
    // Fixing the file removes the overlay.
    write(path, good);
    REQUIRE(s.wait_for_generation(gen + 2, 3s));
    auto fixed = c.Get("/briefings/cluster-online/");
    REQUIRE(fixed);
    CHECK(fixed->body.find("brief-error-overlay") == std::string::npos);
}

TEST_CASE(
    "a build that throws shows an internal error over the last good site, and serving goes on",
    "[serve]") {
    std::atomic<bool> fail{false};
    Served s([&fail](const BuildRequest& req) {
        if (fail) throw std::runtime_error("the renderer tripped over its own feet");
        return run_build(req);
    });
    auto c = s.client();
    auto gen = s.server->snapshot()->generation;
    std::string path = (s.dir / "src/content/briefings/2026/cluster-online.md").string();
    std::string good = slurp(path);
    fail = true;
    write(path, good + "\nOne more line.\n");
    REQUIRE(s.wait_for_generation(gen + 1, 3s));
    auto page = c.Get("/briefings/cluster-online/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("id=\"brief-error-overlay\"") != std::string::npos);
    CHECK(page->body.find("brief serve: error: internal error: the renderer tripped over its own "
                          "feet (please report it)") != std::string::npos);
    CHECK(page->body.find("A cluster comes online") != std::string::npos);  // the last good build
    CHECK(page->body.find("One more line.") == std::string::npos);
    // The server still watches: the next save builds again, and the overlay goes.
    fail = false;
    write(path, good);
    REQUIRE(s.wait_for_generation(gen + 2, 3s));
    auto fixed = c.Get("/briefings/cluster-online/");
    REQUIRE(fixed);
    CHECK(fixed->body.find("brief-error-overlay") == std::string::npos);
}

TEST_CASE("a rebuild renders only what a change touches and serves what a clean build writes",
          "[serve]") {
    ::setenv("SOURCE_DATE_EPOCH", "1795572000", 1);  // the same "now" for serve and build
    Served s;
    auto first = s.server->snapshot();
    REQUIRE(first->ok);
    CHECK(first->reused == 0);
    auto same_as_clean_build = [&](const SiteSnapshot& snap) {
        TempDir out;
        auto r = run_brief("build --no-cache --source " + (s.dir / "src").string() + " --output " +
                               (out / "site").string(),
                           "NO_COLOR=1 SOURCE_DATE_EPOCH=1795572000");
        REQUIRE(r.exit_code == 0);
        auto clean = site_files(out / "site");
        CHECK(clean.size() == snap.files.size());
        for (const auto& [path, bytes] : clean) {
            INFO(path);
            auto it = snap.files.find(path);
            REQUIRE(it != snap.files.end());
            CHECK(*it->second == bytes);
        }
    };
    std::string path = (s.dir / "src/content/briefings/2026/cluster-online.md").string();
    std::string text = slurp(path);

    // A body edit: the briefing's page and what quotes its body render again, not the rest.
    auto gen = first->generation;
    write(path, text + "\nA paragraph added while serving.\n");
    REQUIRE(s.wait_for_generation(gen + 1, 3s));
    auto edited = s.server->snapshot();
    REQUIRE(edited->ok);
    CHECK(edited->reused > 0);
    CHECK(edited->rendered < first->rendered);
    CHECK(edited->files.at("briefings/cluster-online/index.html")
              ->find("A paragraph added while serving.") != std::string::npos);
    same_as_clean_build(*edited);

    // A title edit reaches the lists, term pages and feeds that name the briefing.
    text.replace(text.find("A cluster comes online"), 22, "A bigger cluster comes online");
    write(path, text);
    REQUIRE(s.wait_for_generation(gen + 2, 3s));
    auto retitled = s.server->snapshot();
    REQUIRE(retitled->ok);
    CHECK(retitled->files.at("index.html")->find("A bigger cluster comes online") !=
          std::string::npos);
    same_as_clean_build(*retitled);
}

TEST_CASE("a templates/ created while serving overrides the theme, and so do edits in it",
          "[serve]") {
    Served s;
    auto c = s.client();
    REQUIRE_FALSE(std::filesystem::exists(s.dir / "src/templates"));
    auto gen = s.server->snapshot()->generation;
    std::filesystem::create_directory(s.dir / "src/templates");
    write(s.dir / "src/templates/static/desk.css", ".desk {}\n");
    REQUIRE(s.wait_for_generation(gen + 1, 3s));
    // The folder may be seen before the file is; wait until the file is served.
    auto served = [&](const std::string& path, const std::string& body) {
        auto end = std::chrono::steady_clock::now() + 3s;
        while (std::chrono::steady_clock::now() < end) {
            auto r = c.Get(path.c_str());
            if (r && r->status == 200 && r->body == body) return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    };
    CHECK(served("/static/desk.css", ".desk {}\n"));
    write(s.dir / "src/templates/static/desk.css", ".desk { color: teal }\n");
    CHECK(served("/static/desk.css", ".desk { color: teal }\n"));
}

TEST_CASE("serve stops cleanly", "[serve]") {
    Served s;
    s.server->stop();
    CHECK(raw_status(s.port, "/") == -1);
}

TEST_CASE("the reload script and overlay are never written into site/", "[serve]") {
    TempDir dir;
    auto r = run_brief("build --no-cache --source " + (kSites / "minimal").string() + " --output " +
                       (dir / "site").string());
    REQUIRE(r.exit_code == 0);
    for (const auto& [path, bytes] : tree(dir / "site")) {
        INFO(path);
        CHECK(bytes.find("__brief/events") == std::string::npos);
    }
}
