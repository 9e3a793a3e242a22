// Finding a page's feed without the network: the <link rel="alternate"> a page's <head>
// announces, resolved against <base href>; the common paths; telling a page from a feed.
#include <catch2/catch.hpp>

#include "feeds/discover.h"

using namespace brief;

TEST_CASE("a page's feeds are the alternate links of its head, resolved against its base",
          "[discover]") {
    const char* page =
        "<!doctype html><html><head><title>Harbour Lights</title>\n"
        "<base href=\"https://cdn.example.net/site/\">\n"
        "<link rel=\"stylesheet\" href=\"style.css\">\n"
        "<link rel=\"Alternate\" type=\"application/atom+xml\" title=\"Notes\" "
        "href=\"notes/atom.xml\">\n"
        "<link rel=\"alternate nofollow\" type=\"application/rss+xml; charset=utf-8\" "
        "href=\"/rss.xml\">\n"
        "<link rel=\"alternate\" type=\"application/feed+json\" href=\"feed.json\">\n"
        "<link rel=\"alternate\" type=\"application/json\" href=\"/wp-json/pages/2\">\n"
        "<link rel=\"alternate\" hreflang=\"de\" href=\"/de/\">\n"
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:alert(1)\">\n"
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"notes/atom.xml\">\n"
        "</head><body>\n"
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/in-body.xml\">\n"
        "</body></html>";
    auto links = feed_links(page, "https://harbour.example/about/");
    REQUIRE(links.size() == 3);
    CHECK(links[0].url == "https://cdn.example.net/site/notes/atom.xml");
    CHECK(links[0].type == "application/atom+xml");
    CHECK(links[0].title == "Notes");
    CHECK(links[1].url == "https://cdn.example.net/rss.xml");
    CHECK(links[1].type == "application/rss+xml");
    CHECK(links[2].url == "https://cdn.example.net/site/feed.json");
}

TEST_CASE("without a base, links resolve against the page's own address", "[discover]") {
    auto links = feed_links(
        "<html><head><link rel=alternate type=application/rss+xml href=../feed/></head></html>",
        "https://harbour.example/blog/post/");
    REQUIRE(links.size() == 1);
    CHECK(links[0].url == "https://harbour.example/blog/feed/");
    CHECK(feed_links("<p>no head at all", "https://harbour.example/").empty());
    CHECK(feed_links("", "https://harbour.example/").empty());
}

TEST_CASE("the common paths are tried under the page's folder, then at the root", "[discover]") {
    CHECK(common_feed_urls("https://harbour.example/") ==
          std::vector<std::string>{
              "https://harbour.example/feed", "https://harbour.example/rss.xml",
              "https://harbour.example/atom.xml", "https://harbour.example/index.xml",
              "https://harbour.example/feed.xml", "https://harbour.example/feed.json"});
    auto blog = common_feed_urls("https://harbour.example/blog/?page=2");
    REQUIRE(blog.size() == 12);
    CHECK(blog[0] == "https://harbour.example/blog/feed");
    CHECK(blog[5] == "https://harbour.example/blog/feed.json");
    CHECK(blog[6] == "https://harbour.example/feed");
}

TEST_CASE("a page is told from a feed by its first bytes, then its Content-Type", "[discover]") {
    CHECK(looks_like_html("\xEF\xBB\xBF  <!DOCTYPE html><html>", "application/rss+xml"));
    CHECK(looks_like_html("<html lang=en>", ""));
    CHECK(looks_like_html("<p>hello", "text/html; charset=utf-8"));
    CHECK_FALSE(looks_like_html("<?xml version=\"1.0\"?><rss version=\"2.0\">", "text/html"));
    CHECK_FALSE(looks_like_html("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "text/html"));
    CHECK_FALSE(looks_like_html("{\"version\": \"https://jsonfeed.org/version/1.1\"}", ""));
    CHECK_FALSE(looks_like_html("<?xml version=\"1.0\"?><rdf:RDF>", "application/xml"));
    CHECK(looks_like_html("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
                          "application/xml"));
}
