// URL resolution and canonical URLs, and the include / exclude keyword filter.
#include <catch2/catch.hpp>

#include "feeds/filter.h"
#include "util/url.h"

using namespace brief;

TEST_CASE("relative references resolve as RFC 3986 section 5.4 says", "[feeds]") {
    const char* base = "http://a/b/c/d;p?q";
    CHECK(resolve_url(base, "g:h") == "g:h");
    CHECK(resolve_url(base, "g") == "http://a/b/c/g");
    CHECK(resolve_url(base, "./g") == "http://a/b/c/g");
    CHECK(resolve_url(base, "g/") == "http://a/b/c/g/");
    CHECK(resolve_url(base, "/g") == "http://a/g");
    CHECK(resolve_url(base, "//g") == "http://g");
    CHECK(resolve_url(base, "?y") == "http://a/b/c/d;p?y");
    CHECK(resolve_url(base, "g?y") == "http://a/b/c/g?y");
    CHECK(resolve_url(base, "#s") == "http://a/b/c/d;p?q#s");
    CHECK(resolve_url(base, "") == "http://a/b/c/d;p?q");
    CHECK(resolve_url(base, ".") == "http://a/b/c/");
    CHECK(resolve_url(base, "..") == "http://a/b/");
    CHECK(resolve_url(base, "../g") == "http://a/b/g");
    CHECK(resolve_url(base, "../../g") == "http://a/g");
    CHECK(resolve_url(base, "../../../g") == "http://a/g");
    CHECK(resolve_url(base, "/./g") == "http://a/g");
    CHECK(resolve_url(base, "g;x=1/../y") == "http://a/b/c/y");
    CHECK(resolve_url("https://e.example/", "  a b.html ") == "https://e.example/a%20b.html");
    CHECK(resolve_url("", "rel/x") == "rel/x");
}

TEST_CASE("a canonical URL drops tracking, fragments and default ports", "[feeds]") {
    CHECK(canonical_url("HTTPS://News.Example.COM:443/a/B?utm_source=rss&id=7&fbclid=x#frag") ==
          "https://news.example.com/a/B?id=7");
    CHECK(canonical_url("http://example.com:80") == "http://example.com/");
    CHECK(canonical_url("http://example.com:8080/x?gclid=1&UTM_Medium=2") ==
          "http://example.com:8080/x");
    CHECK(canonical_url("https://example.com/x?a=1&spm=abc.123&b=2") ==
          "https://example.com/x?a=1&b=2");
    CHECK(canonical_url("https://user@Example.com./x") == "https://user@example.com/x");
    CHECK(canonical_url("https://[2001:DB8::1]:443/x") == "https://[2001:db8::1]/x");
}

TEST_CASE("only absolute http and https URLs count as fetchable", "[feeds]") {
    CHECK(is_http_url("https://example.com/feed"));
    CHECK(is_http_url("HTTP://example.com"));
    CHECK_FALSE(is_http_url("ftp://example.com/feed"));
    CHECK_FALSE(is_http_url("file:///etc/passwd"));
    CHECK_FALSE(is_http_url("/relative/feed.xml"));
    CHECK_FALSE(is_http_url("https:///nohost"));
    CHECK(effective_scheme("  Java\tScript:alert(1)") == "javascript");
    CHECK(effective_scheme("/path:with:colons").empty());
}

TEST_CASE("Latin keywords match whole words, case-insensitively", "[feeds]") {
    CHECK(keyword_matches("Huawei unveils ASCEND 910C", "ascend"));
    CHECK_FALSE(keyword_matches("Ascending demand for memory", "ascend"));
    CHECK(keyword_matches("the H20, again", "H20"));
    CHECK_FALSE(keyword_matches("H200 shipments", "H20"));
    CHECK(keyword_matches("New export controls announced", "export controls"));
    CHECK_FALSE(keyword_matches("exported controls", "export controls"));
    CHECK(keyword_matches("ÉTUDE sur les puces", "étude"));
    CHECK(keyword_matches("华为Ascend芯片", "ascend"));  // CJK around a Latin word is a boundary
}

TEST_CASE("CJK keywords match as substrings", "[feeds]") {
    CHECK(keyword_matches("华为发布新一代昇腾芯片", "昇腾"));
    CHECK(keyword_matches("寒武纪营收大增", "寒武纪"));
    CHECK_FALSE(keyword_matches("华为发布手机", "芯片"));
}

TEST_CASE("exclude wins over include, and the matched include keywords are kept", "[feeds]") {
    std::vector<std::string> include = {"Ascend", "Cambricon", "昇腾"};
    std::vector<std::string> exclude = {"smartphone"};
    FilterResult a = filter_item("Ascend and Cambricon ship; 昇腾 volumes up", include, exclude);
    CHECK(a.keep);
    CHECK(a.matched == std::vector<std::string>{"Ascend", "Cambricon", "昇腾"});
    FilterResult b = filter_item("Ascend chip in a smartphone", include, exclude);
    CHECK_FALSE(b.keep);
    CHECK(b.excluded_by == "smartphone");
    FilterResult c = filter_item("Nothing relevant", include, exclude);
    CHECK_FALSE(c.keep);
    FilterResult d = filter_item("Anything at all", {}, {});
    CHECK(d.keep);
    CHECK(d.matched.empty());
}
