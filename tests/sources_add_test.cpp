// brief sources add against a real HTTP server on 127.0.0.1 (cpp-httplib, started by the
// test): a page that announces its feed, a page whose feed sits at a common path, a feed given
// directly, a page with no feed, a feed that does not parse, and ids and addresses that are
// taken. sources.yaml is compared whole: the editor's comments and layout stay byte for byte.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "feeds/discover.h"
#include "feeds/http_fetcher.h"
#include "helpers.h"

using namespace brief;
using namespace brief::test;

namespace {

const char* kAtom =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
    "  <title>Harbour Lights Compute Notes</title>\n"
    "  <id>urn:example:harbour-lights</id>\n"
    "  <updated>2026-11-24T12:00:00Z</updated>\n"
    "  <entry>\n"
    "    <title>A river-town cluster adds a second hall</title>\n"
    "    <link href=\"/notes/second-hall\"/>\n"
    "    <id>urn:example:harbour-lights:1</id>\n"
    "    <updated>2026-11-20T08:00:00Z</updated>\n"
    "    <summary>The operator says the new hall doubles its accelerator racks.</summary>\n"
    "  </entry>\n"
    "  <entry>\n"
    "    <title>Packaging line reaches volume</title>\n"
    "    <link href=\"/notes/packaging-volume\"/>\n"
    "    <id>urn:example:harbour-lights:2</id>\n"
    "    <updated>2026-11-24T12:00:00Z</updated>\n"
    "    <summary>Advanced packaging output is now counted in thousands of units.</summary>\n"
    "  </entry>\n"
    "</feed>\n";

const char* kRss =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\"><channel><title>Back Alley Benchmarks</title>\n"
    "<link>http://example.invalid/</link><description>Numbers</description>\n"
    "<item><title>Inference per watt, measured again</title><link>http://example.invalid/1</link>"
    "<guid>bab-1</guid></item>\n"
    "</channel></rss>\n";

std::string page(const std::string& head) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A page</title>" +
           head + "</head><body><p>Words about chips.</p></body></html>";
}

class FeedSite {
  public:
    FeedSite() {
        // Every request, answered by a handler or not (a 404), before it is answered.
        server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
            std::lock_guard<std::mutex> lock(mutex_);
            requests_.push_back(req.path);
            return httplib::Server::HandlerResponse::Unhandled;
        });
        html("/", page("<link rel=\"alternate\" type=\"application/atom+xml\" "
                       "href=\"/notes/atom.xml\" title=\"Notes\">"));
        server_.Get("/notes/atom.xml", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(kAtom, "application/atom+xml");
        });
        html("/plain/", page(""));
        html("/broken/", page("<link rel=\"alternate\" type=\"application/rss+xml\" "
                              "href=\"/broken/feed.xml\">"));
        server_.Get("/broken/feed.xml", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("<?xml version=\"1.0\"?>\n<catalog><book>Not a feed</book></catalog>",
                            "application/rss+xml");
        });
        html("/blog/", page(""));
        html("/blog/feed.xml", page(""));  // a soft 404: a page where a feed might be
        server_.Get("/blog/feed.json", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Blog of "
                "Racks\", \"items\": [{\"id\": \"r1\", \"url\": \"/blog/r1\", \"title\": \"Rack "
                "one\", \"date_published\": \"2026-11-02T10:00:00Z\"}]}",
                "application/feed+json");
        });
        server_.Get("/direct.rss", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(kRss, "application/rss+xml");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~FeedSite() {
        server_.stop();
        thread_.join();
    }
    FeedSite(const FeedSite&) = delete;
    FeedSite& operator=(const FeedSite&) = delete;

    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    /// The paths asked for so far, in order.
    std::vector<std::string> requests() {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_;
    }

  private:
    void html(const std::string& path, std::string body) {
        server_.Get(path, [body](const httplib::Request&, httplib::Response& res) {
            res.set_content(body, "text/html; charset=utf-8");
        });
    }

    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::vector<std::string> requests_;
};

// A desk (site.yaml, the sources.yaml above) in a temp folder, HOME in another.
struct Desk {
    TempDir dir, home;
    Desk() {
        write(dir / "content/site.yaml", kSiteYaml);
        write(dir / "sources.yaml", kSourcesYaml);
    }
    RunResult brief(const std::string& args) const {
        return run_brief(args + " --source " + dir.path().string(),
                         "NO_COLOR=1 HOME=" + home.path().string());
    }
    std::string sources() const { return slurp(dir / "sources.yaml"); }
};

}  // namespace

TEST_CASE("brief sources add follows a page's alternate link and appends a working source",
          "[sources][http]") {
    FeedSite site;
    Desk desk;
    auto r = desk.brief("sources add " + site.url("/"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string feed = site.url("/notes/atom.xml");
    const std::string entry =
        "  - id: harbour-lights-compute-notes\n"
        "    name: Harbour Lights Compute Notes\n"
        "    url: " +
        feed +
        "\n"
        "    kind: aggregator\n";
    CHECK(r.out == "found a feed at " + feed +
                       " (the page's <link rel=\"alternate\">)\n"
                       "  format:  atom\n"
                       "  title:   Harbour Lights Compute Notes\n"
                       "  items:   2\n"
                       "  newest:  2026-11-24T12:00:00Z  Packaging line reaches volume\n"
                       "added 'harbour-lights-compute-notes' to sources.yaml at line 18:\n" +
                       entry);
    CHECK(r.err.empty());
    CHECK(desk.sources() == std::string(kSourcesYaml) + "\n" + entry);
    CHECK(site.requests() == std::vector<std::string>{"/", "/notes/atom.xml"});

    // The new source works: brief fetch reads it into the archive.
    auto fetch = desk.brief("fetch");
    INFO(fetch.err);
    CHECK(fetch.exit_code == 0);
    CHECK(contains(fetch.out, "harbour-lights-compute-notes  200"));
    CHECK(contains(fetch.out, "1 of 2 sources answered"));
    CHECK(contains(slurp(desk.dir / "content/feeds/2026-W48.jsonl"),
                   "\"title\":\"Packaging line reaches volume\""));
}

TEST_CASE("brief sources add finds a feed at a common path, or takes a feed's own address",
          "[sources][http]") {
    FeedSite site;
    Desk desk;
    auto blog = desk.brief("sources add " + site.url("/blog/") + " --id racks --kind research");
    INFO(blog.err);
    REQUIRE(blog.exit_code == 0);
    CHECK(contains(blog.out, "found a feed at " + site.url("/blog/feed.json") +
                                 " (the common path /blog/feed.json)\n"
                                 "  format:  jsonfeed\n"
                                 "  title:   Blog of Racks\n"
                                 "  items:   1\n"
                                 "  newest:  2026-11-02T10:00:00Z  Rack one\n"));
    auto direct = desk.brief("sources add " + site.url("/direct.rss"));
    INFO(direct.err);
    REQUIRE(direct.exit_code == 0);
    CHECK(contains(direct.out, "found a feed at " + site.url("/direct.rss") +
                                   " (the address is a feed)\n"
                                   "  format:  rss2\n"
                                   "  title:   Back Alley Benchmarks\n"
                                   "  items:   1\n"
                                   "  newest:  (no item has a date)\n"));
    CHECK(desk.sources() == std::string(kSourcesYaml) +
                                "\n"
                                "  - id: racks\n"
                                "    name: Blog of Racks\n"
                                "    url: " +
                                site.url("/blog/feed.json") +
                                "\n"
                                "    kind: research\n"
                                "\n"
                                "  - id: back-alley-benchmarks\n"
                                "    name: Back Alley Benchmarks\n"
                                "    url: " +
                                site.url("/direct.rss") + "\n    kind: aggregator\n");
}

TEST_CASE("a page with no feed is named with every path tried, and nothing is appended",
          "[sources][http]") {
    FeedSite site;
    Desk desk;
    auto r = desk.brief("sources add " + site.url("/plain/"));
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "brief sources add: no feed found at " + site.url("/plain/") +
                       " (looked for <link rel=\"alternate\"> in the page's <head>, then "
                       "/plain/feed, /plain/rss.xml, /plain/atom.xml, /plain/index.xml, "
                       "/plain/feed.xml, /plain/feed.json, /feed, /rss.xml, /atom.xml, "
                       "/index.xml, /feed.xml, /feed.json)\n");
    CHECK(desk.sources() == kSourcesYaml);
    CHECK(site.requests().size() == 13);
}

TEST_CASE("a feed that does not parse gets the parser's message, and nothing is appended",
          "[sources][http]") {
    FeedSite site;
    Desk desk;
    auto r = desk.brief("sources add " + site.url("/broken/"));
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "brief sources add: " + site.url("/broken/feed.xml") +
                       ": not a feed: the document's root element is <catalog>\n");
    CHECK(desk.sources() == kSourcesYaml);
    CHECK(site.requests() == std::vector<std::string>{"/broken/", "/broken/feed.xml"});
}

TEST_CASE("an id or an address that sources.yaml has is refused, and nothing is appended",
          "[sources][http]") {
    FeedSite site;
    Desk desk;
    auto id = desk.brief("sources add " + site.url("/") + " --id fab-news");
    CHECK(id.exit_code == 1);
    CHECK(id.err ==
          "brief sources add: the id 'fab-news' is taken: sources.yaml line 11 is 'Fab news'; "
          "choose another with --id\n");
    CHECK(site.requests().empty());  // refused before asking the network

    REQUIRE(desk.brief("sources add " + site.url("/")).exit_code == 0);
    const std::string after_first = desk.sources();
    auto same_url = desk.brief("sources add " + site.url("/") + " --id another-id");
    CHECK(same_url.exit_code == 1);
    CHECK(same_url.err == "brief sources add: " + site.url("/notes/atom.xml") +
                              " is in sources.yaml already, as 'harbour-lights-compute-notes' "
                              "(line 18)\n");
    auto given_url = desk.brief("sources add " + site.url("/notes/atom.xml"));
    CHECK(given_url.exit_code == 1);
    CHECK(given_url.err == "brief sources add: " + site.url("/notes/atom.xml") +
                               " is in sources.yaml already, as 'harbour-lights-compute-notes' "
                               "(line 18)\n");
    CHECK(desk.sources() == after_first);
}

TEST_CASE("brief sources add refuses a bad URL, id or kind as a usage error", "[sources][cli]") {
    Desk desk;
    auto url = desk.brief("sources add ftp://example.org/feed");
    CHECK(url.exit_code == 2);
    CHECK(url.err == "brief sources add: 'ftp://example.org/feed' is not an http or https URL\n");
    auto id = desk.brief("sources add https://example.org/ --id 'Not An Id'");
    CHECK(id.exit_code == 2);
    CHECK(id.err ==
          "brief sources add: --id: 'Not An Id' is not a valid source id (use lower-case "
          "letters, digits and '-', e.g. 'not-an-id')\n");
    auto kind = desk.brief("sources add https://example.org/ --kind oficial");
    CHECK(kind.exit_code == 2);
    CHECK(kind.err ==
          "brief sources add: --kind: 'oficial' is not a source kind (official, state-media, "
          "company, research, model-hub, aggregator); did you mean 'official'?\n");
    auto what = desk.brief("sources remove x");
    CHECK(what.exit_code == 2);
    auto other = desk.brief("sources export --kind research");
    CHECK(other.exit_code == 2);
    CHECK(other.err ==
          "brief sources export: --kind is an option of 'brief sources add' and 'brief sources "
          "import'\n");
    CHECK(desk.sources() == kSourcesYaml);
}

TEST_CASE("discover_feed says which addresses it asked, and a dead address is a network failure",
          "[sources][http]") {
    FeedSite site;
    CurlFetcher http(FetcherOptions{1, {}});
    Discovery found = discover_feed(site.url("/"), http);
    REQUIRE(found.found);
    CHECK(found.asked == std::vector<std::string>{site.url("/"), site.url("/notes/atom.xml")});
    Discovery missing = discover_feed(site.url("/nowhere"), http);
    CHECK_FALSE(missing.found);
    CHECK(missing.network_failure);
    CHECK(missing.error == site.url("/nowhere") + ": HTTP 404");
}
