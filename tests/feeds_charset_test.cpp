// Charset decoding: BOM, then HTTP Content-Type, then the XML declaration (RFC 7303), every
// supported charset through iconv, and bad bytes replaced rather than fatal.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>

#include "feeds/charset.h"
#include "feeds/feed_parser.h"
#include "util/fs.h"
#include "util/utf8.h"

using namespace brief;

namespace {

std::string fixture(const std::string& name) {
    auto text = read_file(std::string(BRIEF_TEST_FIXTURES) + "/feeds/" + name);
    REQUIRE(text);
    return *text;
}

// Parses each fixture a manifest lists (file, tab, title) and checks that the feed's and its
// item's title read as listed, without a warning; returns how many it checked.
int check_manifest(const std::string& name) {
    std::istringstream manifest(fixture(name));
    std::string line;
    int checked = 0;
    while (std::getline(manifest, line)) {
        if (line.empty()) continue;
        auto tab = line.find('\t');
        std::string file = line.substr(0, tab), title = line.substr(tab + 1);
        INFO(file);
        ParsedFeed f = parse_feed_bytes(fixture("charsets/" + file), "", "");
        REQUIRE(f.ok());
        CHECK(f.warnings.empty());
        CHECK(f.title == title);
        REQUIRE(f.items.size() == 1);
        CHECK(f.items[0].title == title);
        ++checked;
    }
    return checked;
}

}  // namespace

TEST_CASE("every charset fixture decodes to the UTF-8 title its manifest names", "[feeds]") {
    CHECK(check_manifest("charsets/MANIFEST.tsv") == 34);
}

TEST_CASE("a byte-order mark outranks the HTTP charset and the XML declaration", "[feeds]") {
    std::string body = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"gbk\"?><a>\xE8\x8A\xAF</a>";
    DecodedText d = decode_feed_bytes(body, "text/xml; charset=big5");
    CHECK(d.charset == "UTF-8");
    CHECK(d.declared_by == "BOM");
    CHECK(d.text == "<?xml version=\"1.0\" encoding=\"gbk\"?><a>\xE8\x8A\xAF</a>");
}

TEST_CASE("the HTTP charset outranks the XML declaration, with a warning when they differ",
          "[feeds]") {
    // "芯片" in GB18030, under a declaration that claims Big5.
    std::string body = "<?xml version=\"1.0\" encoding=\"big5\"?><a>\xD0\xBE\xC6\xAC</a>";
    DecodedText d = decode_feed_bytes(body, "application/rss+xml; charset=\"GBK\"");
    CHECK(d.charset == "GB18030");
    CHECK(d.declared_by == "HTTP Content-Type");
    CHECK(d.text.find("<a>\xE8\x8A\xAF\xE7\x89\x87</a>") != std::string::npos);
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0] ==
          "the HTTP Content-Type says charset gbk but the XML declaration says big5; reading it "
          "as gbk (RFC 7303)");
}

TEST_CASE("without BOM or HTTP charset the XML declaration decides, and UTF-8 is the default",
          "[feeds]") {
    DecodedText d = decode_feed_bytes("<?xml version='1.0' encoding='KOI8-R'?><a>\xF0</a>", "");
    CHECK(d.declared_by == "XML declaration");
    CHECK(d.charset == "KOI8-R");
    CHECK(d.text.find("<a>\xD0\x9F</a>") != std::string::npos);  // П

    DecodedText u = decode_feed_bytes("<a>plain</a>", "text/xml");
    CHECK(u.declared_by == "default");
    CHECK(u.charset == "UTF-8");
    CHECK(u.warnings.empty());
}

TEST_CASE("a feed that declares Latin-1 but is plainly UTF-8 is read as UTF-8, with a warning",
          "[feeds]") {
    ParsedFeed f = parse_feed_bytes(fixture("mislabelled-latin1-is-utf8.xml"), "", "");
    REQUIRE(f.ok());
    CHECK(f.title == "中国算力 update");
    REQUIRE(f.warnings.size() == 1);
    CHECK(f.warnings[0] ==
          "the feed declares charset iso-8859-1 (XML declaration) but its bytes are UTF-8; read "
          "as UTF-8");
}

TEST_CASE("a feed that declares UTF-8 but is GBK gets replacement characters and a warning",
          "[feeds]") {
    ParsedFeed f = parse_feed_bytes(fixture("mislabelled-utf8-is-gbk.xml"), "", "");
    REQUIRE(f.ok());
    REQUIRE(f.items.size() == 1);
    CHECK(f.items[0].title.find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(f.items[0].title.ends_with(" news"));
    REQUIRE(f.warnings.size() == 1);
    CHECK(f.warnings[0] ==
          "8 bytes could not be read as UTF-8 and were replaced with U+FFFD; the feed declares "
          "UTF-8 (XML declaration) but is plainly in another charset");
}

TEST_CASE("bytes that do not decode in a legacy charset are replaced, never fatal", "[feeds]") {
    // 0x81 is undefined in windows-1252; a lone GB18030 lead byte ends the text.
    std::string out;
    std::size_t replaced = 0;
    REQUIRE(convert_to_utf8("a\x81z", "CP1252", out, replaced));
    CHECK(out == "a\xEF\xBF\xBDz");
    CHECK(replaced == 1);
    REQUIRE(convert_to_utf8("ok\x81", "GB18030", out, replaced));
    CHECK(out == "ok\xEF\xBF\xBD");
    CHECK(replaced == 1);
}

TEST_CASE("an unknown charset label is read as UTF-8 with a warning", "[feeds]") {
    DecodedText d = decode_feed_bytes("<?xml version=\"1.0\" encoding=\"x-klingon\"?><a/>", "");
    CHECK(d.charset == "UTF-8");
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0] == "unknown charset 'x-klingon' (XML declaration); read as UTF-8");
}

TEST_CASE("labels map to the WHATWG supersets iconv reads", "[feeds]") {
    CHECK(iconv_charset_name("GB2312") == "GB18030");
    CHECK(iconv_charset_name("gbk") == "GB18030");
    CHECK(iconv_charset_name("Shift_JIS") == "CP932");
    CHECK(iconv_charset_name("ISO-8859-1") == "CP1252");
    CHECK(iconv_charset_name("windows-1258") == "CP1258");
    CHECK(iconv_charset_name("iso-8859-15") == "ISO-8859-15");
    CHECK(iconv_charset_name("KOI8-R") == "KOI8-R");
    CHECK(iconv_charset_name("euc-kr") == "CP949");
    CHECK(iconv_charset_name("nonsense").empty());
    CHECK(content_type_charset("text/xml; Charset = \"UTF-8\" ; q=1") == "utf-8");
}

TEST_CASE("random bytes under every charset decode to valid UTF-8 without crashing", "[feeds]") {
    std::mt19937 rng(20261125);
    const char* charsets[] = {"utf-8",  "gb18030", "big5",         "shift_jis",
                              "euc-jp", "euc-kr",  "windows-1251", "iso-8859-7",
                              "koi8-r", "utf-16",  "utf-32",       "iso-2022-jp"};
    for (int round = 0; round < 200; ++round) {
        std::string bytes(rng() % 400, '\0');
        for (auto& c : bytes) c = static_cast<char>(rng());
        for (const char* cs : charsets) {
            DecodedText d = decode_feed_bytes(bytes, std::string("text/xml; charset=") + cs);
            CHECK(is_valid_utf8(d.text));
        }
    }
}

TEST_CASE("labels the WHATWG standard reads as windows-1252 make 0x92 a quote, never a C1 control",
          "[feeds]") {
    CHECK(check_manifest("charsets/WHATWG.tsv") == 13);
}

TEST_CASE("every label of the WHATWG table maps to its encoding, case and spaces aside",
          "[feeds]") {
    CHECK(iconv_charset_name(" US-ASCII ") == "CP1252");
    CHECK(iconv_charset_name("iso_8859-1:1987") == "CP1252");
    CHECK(iconv_charset_name("cp819") == "CP1252");
    CHECK(iconv_charset_name("latin5") == "CP1254");  // ISO-8859-9 reads as windows-1254
    CHECK(iconv_charset_name("tis-620") == "CP874");
    CHECK(iconv_charset_name("koi8-u") == "KOI8-RU");
    CHECK(iconv_charset_name("csiso58gb231280") == "GB18030");
    CHECK(iconv_charset_name("ks_c_5601-1989") == "CP949");
    CHECK(iconv_charset_name("ms_kanji") == "CP932");
    CHECK(iconv_charset_name("866") == "CP866");
    CHECK(iconv_charset_name("x-mac-roman") == "MACINTOSH");
    CHECK(iconv_charset_name("unicodefffe") == "UTF-16BE");
    CHECK(iconv_charset_name("hz-gb-2312") == "replacement");
    CHECK(iconv_charset_name("iso-ir-2").empty());  // not a label, though it looks like one
    CHECK(iconv_charset_name("ebcdic-cp-us").empty());
}

TEST_CASE("a label outside the standard is read as UTF-8, even one iconv would know", "[feeds]") {
    DecodedText d = decode_feed_bytes("<a>caf\xC3\xA9</a>", "text/xml; charset=cp037");
    CHECK(d.charset == "UTF-8");
    CHECK(d.text == "<a>caf\xC3\xA9</a>");
    CHECK(d.warnings ==
          std::vector<std::string>{"unknown charset 'cp037' (HTTP Content-Type); read as UTF-8"});
}

TEST_CASE("the replacement and x-user-defined encodings decode as the standard says", "[feeds]") {
    DecodedText r =
        decode_feed_bytes("<a>~{<:Ky2;S{#,NpJ)l6HK!#~}</a>", "text/xml; charset=hz-gb-2312");
    CHECK(r.text == "\xEF\xBF\xBD");
    CHECK(r.warnings == std::vector<std::string>{
                            "the feed declares charset hz-gb-2312 (HTTP Content-Type), which the "
                            "WHATWG Encoding Standard does not decode"});
    DecodedText u = decode_feed_bytes("<a>\x41\x80\xFF</a>", "text/xml; charset=x-user-defined");
    CHECK(u.text == "<a>A\xEF\x9E\x80\xEF\x9F\xBF</a>");  // U+F780, U+F7FF
    CHECK(u.warnings.empty());
}

TEST_CASE("UTF-8 read as Latin-1 and encoded again is repaired only when it unambiguously is",
          "[feeds]") {
    CHECK(undo_double_utf8("Caf\u00C3\u00A9") == std::optional<std::string>("Caf\u00E9"));
    CHECK(undo_double_utf8("Huawei\u00E2\u20AC\u2122s") ==
          std::optional<std::string>("Huawei\u2019s"));
    CHECK(undo_double_utf8("\u00C3\u00A9 and \u00E9") == std::nullopt);  // a lone é too
    CHECK(undo_double_utf8("S\u00E3o Paulo") == std::nullopt);
    CHECK(undo_double_utf8("plain ASCII") == std::nullopt);
    CHECK(undo_double_utf8("\u534E\u4E3A") == std::nullopt);  // 华为: never Latin-1
    CHECK(undo_double_utf8("\u00C2\u0085") == std::nullopt);  // would make a C1 control
}
