// The sanitiser against XSS payloads: what survives is an allow-list of elements and
// attributes, absolute http(s) links with rel="nofollow noopener", and escaped text.
#include <catch2/catch.hpp>

#include <string>

#include "feeds/sanitize.h"

using namespace brief;

namespace {

const char* kBase = "https://news.example.com/a/page.html";

std::string clean(const std::string& html) {
    return sanitize_html(html, kBase);
}

// True when every URL attribute in sanitiser output is an absolute http(s) URL.
bool only_http_urls(const std::string& out) {
    for (const char* attr : {"href=\"", "src=\"", "cite=\""}) {
        for (auto p = out.find(attr); p != std::string::npos; p = out.find(attr, p + 1)) {
            std::string value = out.substr(p + std::string(attr).size());
            if (!value.starts_with("https://") && !value.starts_with("http://")) return false;
        }
    }
    return true;
}

}  // namespace

TEST_CASE("scripts, styles, iframes, objects and forms are removed with their content", "[feeds]") {
    CHECK(clean("<p>a<script>alert(1)</script>b</p>") == "<p>ab</p>");
    CHECK(clean("<style>p{display:none}</style><p>x</p>") == "<p>x</p>");
    CHECK(clean("<iframe src=\"https://evil.example/\">fallback</iframe>ok") == "ok");
    CHECK(clean("<object data=\"x.swf\"><param name=a value=b>inner</object>ok") == "ok");
    CHECK(clean("<embed src=\"x.swf\">ok") == "ok");
    CHECK(
        clean(
            "<form action=\"https://evil.example/\"><input name=p><button>Go</button></form>ok") ==
        "ok");
    CHECK(clean("<svg onload=alert(1)><script>alert(1)</script></svg>ok") == "ok");
    CHECK(clean("<math><mtext><img src=x onerror=alert(1)></mtext></math>ok") == "ok");
    CHECK(clean("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>") ==
          "");
    CHECK(clean("<template><script>alert(1)</script></template>ok") == "ok");
}

TEST_CASE("event handlers and style attributes never survive", "[feeds]") {
    CHECK(clean("<p onclick=\"steal()\" style=\"color:red\" class=\"x\" id=\"y\">t</p>") ==
          "<p>t</p>");
    CHECK(clean("<img src=\"/a.png\" onerror=\"alert(1)\" alt=\"a\">") ==
          "<img src=\"https://news.example.com/a.png\" alt=\"a\">");
    CHECK(clean("<b ONMOUSEOVER=alert(1)>x</b>") == "<b>x</b>");
}

TEST_CASE("javascript:, data: and vbscript: URLs are dropped however they are written", "[feeds]") {
    const char* payloads[] = {
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "java&#13;script:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "livescript:alert(1)",
        "file:///etc/passwd",
    };
    for (const char* p : payloads) {
        INFO(p);
        CHECK(clean(std::string("<a href=\"") + p + "\">x</a>") == "x");
        CHECK(clean(std::string("<img src=\"") + p + "\">") == "");
        CHECK(clean(std::string("<blockquote cite=\"") + p + "\">q</blockquote>") ==
              "<blockquote>q</blockquote>");
    }
}

TEST_CASE("a control character before javascript: leaves only an http(s) URL", "[feeds]") {
    // Browsers strip leading control characters; the HTML5 parser turns this one into U+FFFD,
    // which makes the value a harmless relative path.
    std::string out =
        clean("<a href=\"\x01javascript:alert(1)\">x</a><img src=\"\x01javascript:1\">");
    CHECK(only_http_urls(out));
    CHECK(out.find("href=\"javascript") == std::string::npos);
}

TEST_CASE("links become absolute and get rel=\"nofollow noopener\"", "[feeds]") {
    CHECK(clean("<a href=\"../b/c.html?x=1&amp;y=2#f\" target=\"_blank\" rel=\"opener\">c</a>") ==
          "<a href=\"https://news.example.com/b/c.html?x=1&amp;y=2#f\" rel=\"nofollow "
          "noopener\">c</a>");
    CHECK(clean("<a href=\"//cdn.example.org/x\">x</a>") ==
          "<a href=\"https://cdn.example.org/x\" rel=\"nofollow noopener\">x</a>");
    CHECK(clean("<a href=\"mailto:desk@example.com\">m</a>") ==
          "<a href=\"mailto:desk@example.com\" rel=\"nofollow noopener\">m</a>");
    // A scheme spelled with spaces is no mailto: link (a browser reads it as a relative path).
    CHECK(clean("<a href=\"mailt  o:desk@example.com\">m</a>") == "m");
    // Without a base a relative link cannot be made absolute, so it is dropped.
    CHECK(sanitize_html("<a href=\"/x\">x</a>", "") == "x");
}

TEST_CASE("attribute values that break out of quotes are escaped", "[feeds]") {
    CHECK(clean("<img src=\"https://e.example/a.png\" alt='\"><script>alert(1)</script>'>") ==
          "<img src=\"https://e.example/a.png\" alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/"
          "script&gt;\">");
    CHECK(clean("<a href=\"https://e.example/?q=&quot;onmouseover=x\">t</a>") ==
          "<a href=\"https://e.example/?q=&quot;onmouseover=x\" rel=\"nofollow noopener\">t</a>");
}

TEST_CASE("unknown elements are unwrapped, text is escaped, comments go", "[feeds]") {
    CHECK(clean("<custom-el><font color=red>kept</font></custom-el>") == "kept");
    CHECK(clean("1 &lt; 2 &amp; 3 > 2") == "1 &lt; 2 &amp; 3 &gt; 2");
    CHECK(clean("<p>a<!-- <script>alert(1)</script> -->b</p>") == "<p>ab</p>");
    CHECK(clean("<table><tr><td colspan=\"2\" width=\"x\">c</td></tr></table>") ==
          "<table><tbody><tr><td colspan=\"2\">c</td></tr></tbody></table>");
    // Outside SVG and MathML, CDATA is a bogus comment that ends at the first '>'.
    CHECK(clean("<![CDATA[<script>alert(1)</script>]]>") == "alert(1)]]&gt;");
}

TEST_CASE("deeply nested and unclosed markup is handled without recursion trouble", "[feeds]") {
    std::string deep;
    for (int i = 0; i < 20000; ++i) deep += "<div><span>";
    deep += "core";
    std::string out = clean(deep);
    CHECK(out.find("core") != std::string::npos);
    CHECK(html_to_text(deep) == "core");
}

TEST_CASE("the plain text of HTML decodes entities, drops scripts and collapses whitespace",
          "[feeds]") {
    CHECK(html_to_text("<p>Ascend&nbsp;910C\n\n<b>ships</b></p><script>x()</script><p>next</p>") ==
          "Ascend 910C ships next");
    CHECK(html_to_text("AT&amp;T &lt;3 chips") == "AT&T <3 chips");
    CHECK(html_to_text("   ") == "");
    CHECK(collapse_whitespace(" a \t\n b\u3000c ") == "a b c");
}

TEST_CASE("plain text takes the fast path and comes out as the parser would make it", "[feeds]") {
    for (const char* text :
         {"  plain words > here \"quoted\" 'single'  ", "line\none\ttab", "中文 文本", "a > b"}) {
        INFO(text);
        SanitizedHtml both = sanitize_with_text(text, kBase);
        CHECK(both.html == clean(text));
        CHECK(both.text == html_to_text(text));
    }
}

TEST_CASE("control characters never survive the sanitiser or the plain text", "[feeds]") {
    // C0 (as character references, which the HTML parser keeps) and C1 (raw).
    CHECK(clean("<p title=\"x\">a&#1;b\u0085c</p><abbr title=\"t&#7;\u009Fu\">x</abbr>") ==
          "<p>abc</p><abbr title=\"tu\">x</abbr>");
    CHECK(clean("<pre>keep\ttabs\nand lines\r\nand\rbreaks</pre>") ==
          "<pre>keep\ttabs\nand lines\nand\nbreaks</pre>");
    CHECK(clean("<a href=\"/a&#x85;b\">l</a>") ==
          "<a href=\"https://news.example.com/a\u2026b\" rel=\"nofollow noopener\">l</a>");
    CHECK(collapse_whitespace("a\u0085b\u009Fc\x01"
                              "d\x7F") == "abcd");
    CHECK(collapse_whitespace("\u00A0keep\u00A0this\u00A1") == "keep this\u00A1");
    CHECK(html_to_text("<p>x&#1;y\u0090z</p>") == "xyz");
}
