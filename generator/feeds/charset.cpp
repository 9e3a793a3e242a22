#include "feeds/charset.h"

#include <iconv.h>

#include <cerrno>
#include <utility>

#include "util/text.h"
#include "util/utf8.h"

namespace brief {

namespace {

// An iconv descriptor that closes itself.
class Iconv {
  public:
    Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
    ~Iconv() {
        if (ok()) iconv_close(cd_);
    }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
    bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return cd_; }

  private:
    iconv_t cd_;
};

// Number of multi-byte UTF-8 sequences (lead bytes) in `s`.
std::size_t multibyte_sequences(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += c >= 0xC0;
    return n;
}

bool is_single_byte(const std::string& n) {
    return n.starts_with("CP125") || n.starts_with("ISO-8859-") || n.starts_with("KOI8");
}

bool is_utf8_label(const std::string& iconv_name) {
    return iconv_name == "UTF-8";
}

bool is_utf16_or_32(const std::string& n) {
    return n.starts_with("UTF-16") || n.starts_with("UTF-32");
}

std::string lower_trimmed(std::string_view s) {
    std::string out = to_lower_ascii(trim(s));
    if (out.size() >= 2 && (out.front() == '"' || out.front() == '\'') && out.back() == out.front())
        out = out.substr(1, out.size() - 2);
    return out;
}

}  // namespace

std::string content_type_charset(std::string_view content_type) {
    for (auto param : split(content_type, ';')) {
        param = trim(param);
        auto eq = param.find('=');
        if (eq == std::string_view::npos) continue;
        if (to_lower_ascii(trim(param.substr(0, eq))) != "charset") continue;
        return lower_trimmed(param.substr(eq + 1));
    }
    return {};
}

std::string xml_declared_encoding(std::string_view bytes) {
    std::string_view head = bytes.substr(0, 512);
    if (!head.starts_with("<?xml")) return {};
    auto end = head.find("?>");
    if (end == std::string_view::npos) return {};
    std::string_view decl = head.substr(0, end);
    auto pos = decl.find("encoding");
    if (pos == std::string_view::npos) return {};
    pos += 8;
    while (pos < decl.size() && (decl[pos] == ' ' || decl[pos] == '\t')) ++pos;
    if (pos >= decl.size() || decl[pos] != '=') return {};
    ++pos;
    while (pos < decl.size() && (decl[pos] == ' ' || decl[pos] == '\t')) ++pos;
    if (pos >= decl.size() || (decl[pos] != '"' && decl[pos] != '\'')) return {};
    char quote = decl[pos++];
    auto close = decl.find(quote, pos);
    if (close == std::string_view::npos) return {};
    return lower_trimmed(decl.substr(pos, close - pos));
}

std::string iconv_charset_name(std::string_view label_in) {
    std::string label = lower_trimmed(label_in);
    for (auto& c : label)
        if (c == '_') c = '-';
    if (label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8") return "UTF-8";
    if (label == "us-ascii" || label == "ascii" || label == "iso-8859-1" || label == "iso8859-1" ||
        label == "latin1" || label == "l1" || label == "windows-1252" || label == "cp1252" ||
        label == "x-cp1252")
        return "CP1252";
    if (label == "gb2312" || label == "gbk" || label == "gb18030" || label == "x-gbk" ||
        label == "cp936" || label == "euc-cn" || label == "csgb2312" || label == "chinese")
        return "GB18030";
    if (label == "big5" || label == "big5-hkscs" || label == "x-x-big5" || label == "cn-big5" ||
        label == "csbig5")
        return "BIG5-HKSCS";
    if (label == "shift-jis" || label == "sjis" || label == "x-sjis" || label == "ms-kanji" ||
        label == "windows-31j" || label == "cp932" || label == "csshiftjis")
        return "CP932";
    if (label == "euc-jp" || label == "x-euc-jp" || label == "cseucpkdfmtjapanese") return "EUC-JP";
    if (label == "iso-2022-jp") return "ISO-2022-JP";
    if (label == "euc-kr" || label == "ks-c-5601-1987" || label == "cp949" ||
        label == "windows-949" || label == "korean")
        return "CP949";
    if (label.starts_with("windows-125") && label.size() == 12 && label[11] >= '0' &&
        label[11] <= '8')
        return "CP125" + std::string(1, label[11]);
    if (label.starts_with("cp125") && label.size() == 6 && label[5] >= '0' && label[5] <= '8')
        return "CP125" + std::string(1, label[5]);
    for (int n = 2; n <= 16; ++n) {
        std::string num = std::to_string(n);
        if (label == "iso-8859-" + num || label == "iso8859-" + num || label == "iso-ir-" + num)
            return "ISO-8859-" + num;
    }
    if (label == "latin2") return "ISO-8859-2";
    if (label == "koi8-r" || label == "koi8") return "KOI8-R";
    if (label == "koi8-u") return "KOI8-U";
    if (label == "utf-16le") return "UTF-16LE";
    if (label == "utf-16be") return "UTF-16BE";
    if (label == "utf-16" || label == "ucs-2") return "UTF-16";
    if (label == "utf-32le") return "UTF-32LE";
    if (label == "utf-32be") return "UTF-32BE";
    if (label == "utf-32") return "UTF-32";
    return {};
}

bool convert_to_utf8(std::string_view bytes, const std::string& iconv_name, std::string& out,
                     std::size_t& replaced) {
    replaced = 0;
    out.clear();
    if (is_utf8_label(iconv_name)) {
        out = repair_utf8(bytes, &replaced);
        return true;
    }
    Iconv cd("UTF-8", iconv_name.c_str());
    if (!cd.ok()) return false;
    out.reserve(bytes.size() + bytes.size() / 2);
    char buffer[16384];
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    while (true) {
        char* o = buffer;
        std::size_t o_left = sizeof buffer;
        std::size_t r =
            iconv(cd.get(), in_left ? &in : nullptr, in_left ? &in_left : nullptr, &o, &o_left);
        out.append(buffer, static_cast<std::size_t>(o - buffer));
        if (r != static_cast<std::size_t>(-1)) {
            if (in_left == 0) {
                // Flush the shift state of stateful encodings (ISO-2022-JP).
                o = buffer;
                o_left = sizeof buffer;
                iconv(cd.get(), nullptr, nullptr, &o, &o_left);
                out.append(buffer, static_cast<std::size_t>(o - buffer));
                break;
            }
            continue;
        }
        if (errno == E2BIG) continue;
        if (errno == EILSEQ) {
            out += kUtf8Replacement;
            ++replaced;
            ++in;
            --in_left;
            iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);  // reset the state
            continue;
        }
        // EINVAL: an incomplete sequence at the end.
        out += kUtf8Replacement;
        ++replaced;
        break;
    }
    // iconv's output is UTF-8 already; this guards against converters that pass bytes through.
    std::size_t extra = 0;
    if (!is_valid_utf8(out)) out = repair_utf8(out, &extra);
    replaced += extra;
    return true;
}

DecodedText decode_feed_bytes(std::string_view bytes, std::string_view content_type) {
    DecodedText result;
    std::string label;
    std::string_view body = bytes;

    // 1. A byte-order mark outranks everything (RFC 7303 §3.3).
    auto bom = [&](std::string_view mark) { return bytes.starts_with(mark); };
    if (bom("\xEF\xBB\xBF")) {
        label = "UTF-8";
        body.remove_prefix(3);
    } else if (bom(std::string_view("\xFF\xFE\x00\x00", 4))) {
        label = "UTF-32LE";
        body.remove_prefix(4);
    } else if (bom(std::string_view("\x00\x00\xFE\xFF", 4))) {
        label = "UTF-32BE";
        body.remove_prefix(4);
    } else if (bom("\xFF\xFE")) {
        label = "UTF-16LE";
        body.remove_prefix(2);
    } else if (bom("\xFE\xFF")) {
        label = "UTF-16BE";
        body.remove_prefix(2);
    }
    if (!label.empty()) result.declared_by = "BOM";

    // 2. The HTTP charset parameter; 3. the XML declaration.
    std::string http = content_type_charset(content_type);
    std::string xml = xml_declared_encoding(body);
    if (xml.empty() && bytes.size() >= 4) {
        // An XML declaration in UTF-16 without a BOM (RFC 7303 §3.3, XML 1.0 appendix F).
        if (bytes.starts_with(std::string_view("<\0?\0", 4))) xml = "utf-16le";
        if (bytes.starts_with(std::string_view("\0<\0?", 4))) xml = "utf-16be";
    }
    if (label.empty() && !http.empty()) {
        label = http;
        result.declared_by = "HTTP Content-Type";
    }
    if (label.empty() && !xml.empty()) {
        label = xml;
        result.declared_by = "XML declaration";
    }
    if (label.empty()) {
        label = "utf-8";
        result.declared_by = "default";
    }
    if (!http.empty() && !xml.empty() && result.declared_by == "HTTP Content-Type" &&
        iconv_charset_name(http) != iconv_charset_name(xml)) {
        result.warnings.push_back("the HTTP Content-Type says charset " + http +
                                  " but the XML declaration says " + xml + "; reading it as " +
                                  http + " (RFC 7303)");
    }

    std::string name = iconv_charset_name(label);
    if (name.empty()) name = to_lower_ascii(label);  // let iconv try its own aliases
    if (name == "UTF-16" || name == "UTF-32") {
        // Without a BOM, the XML declaration's byte pattern tells the byte order.
        bool le = body.size() >= 2 && body[0] != 0 && body[1] == 0;
        name += le ? "LE" : "BE";
    }

    // A legacy charset declared over bytes that are plainly UTF-8 (multibyte sequences and no
    // invalid ones) is a misconfigured server: reading it as declared would only make mojibake.
    // Short double-byte texts (GBK "芯片" is also valid UTF-8) need more evidence than
    // single-byte ones, where valid UTF-8 sequences are themselves a mojibake pattern.
    std::size_t sequences = multibyte_sequences(body);
    std::size_t evidence = is_single_byte(name) ? 1 : 8;
    if (!is_utf8_label(name) && !is_utf16_or_32(name) && sequences >= evidence &&
        is_valid_utf8(body)) {
        result.warnings.push_back("the feed declares charset " + label + " (" + result.declared_by +
                                  ") but its bytes are UTF-8; read as UTF-8");
        result.text = std::string(body);
        result.charset = "UTF-8";
        return result;
    }

    std::size_t replaced = 0;
    if (!convert_to_utf8(body, name, result.text, replaced)) {
        result.warnings.push_back("unknown charset '" + label + "' (" + result.declared_by +
                                  "); read as UTF-8");
        name = "UTF-8";
        convert_to_utf8(body, name, result.text, replaced);
    }
    result.charset = name;
    if (replaced > 0) {
        std::string msg = std::to_string(replaced) + " byte" + (replaced == 1 ? "" : "s") +
                          " could not be read as " + name + " and were replaced with U+FFFD";
        if (is_utf8_label(name) && result.declared_by != "default")
            msg += "; the feed declares UTF-8 (" + result.declared_by +
                   ") but is plainly in another charset";
        else if (is_utf8_label(name))
            msg += "; the feed declares no charset and is not UTF-8";
        result.warnings.push_back(msg);
    }
    // The XML declaration still names the old charset; pugixml is told the buffer is UTF-8.
    return result;
}

}  // namespace brief
