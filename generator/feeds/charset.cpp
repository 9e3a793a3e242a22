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
    return n.starts_with("CP125") || n.starts_with("ISO-8859-") || n.starts_with("KOI8") ||
           n == "CP866" || n == "CP874" || n.starts_with("MAC") || n == "x-user-defined";
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

bool convert_to_utf8(std::string_view bytes, const std::string& iconv_name, std::string& out,
                     std::size_t& replaced) {
    replaced = 0;
    out.clear();
    if (is_utf8_label(iconv_name)) {
        out = repair_utf8(bytes, &replaced);
        return true;
    }
    if (iconv_name == "x-user-defined") {
        // The standard's x-user-defined: ASCII, then bytes 0x80-0xFF as U+F780-U+F7FF.
        for (unsigned char c : bytes) {
            if (c < 0x80)
                out += static_cast<char>(c);
            else
                append_utf8(out, 0xF780 + (c - 0x80));
        }
        return true;
    }
    if (iconv_name == "replacement") {
        // ISO-2022-KR, HZ and the like smuggle markup past filters: the standard reads the
        // whole text as one U+FFFD.
        if (!bytes.empty()) out = kUtf8Replacement;
        replaced = bytes.size();
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

namespace {

// The windows-1252 byte of a character outside Latin-1 (the 0x80-0x9F row), or 0.
unsigned char cp1252_byte(char32_t cp) {
    static constexpr char32_t kRow[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    for (unsigned i = 0; i < 32; ++i)
        if (kRow[i] == cp) return static_cast<unsigned char>(0x80 + i);
    return 0;
}

char32_t decode_at(std::string_view s, std::size_t i, std::size_t len) {
    auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k])); };
    if (len == 1) return b(i);
    if (len == 2) return ((b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F);
    if (len == 3) return ((b(i) & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    return ((b(i) & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
           (b(i + 3) & 0x3F);
}

bool has_control(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0)
            return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> undo_double_utf8(std::string_view text) {
    std::string bytes;
    bytes.reserve(text.size());
    bool high = false;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t len = utf8_sequence_length(text, i);
        if (len == 0) return std::nullopt;
        char32_t cp = decode_at(text, i, len);
        i += len;
        unsigned char byte = cp <= 0xFF ? static_cast<unsigned char>(cp) : cp1252_byte(cp);
        if (cp > 0xFF && byte == 0) return std::nullopt;  // a character Latin-1 never made
        high = high || byte >= 0x80;
        bytes += static_cast<char>(byte);
    }
    if (!high || !is_valid_utf8(bytes) || has_control(bytes)) return std::nullopt;
    return bytes;
}

namespace {

// The charset label in force and who declared it: the byte-order mark (which `body` then
// loses), the HTTP charset parameter, the XML declaration, else UTF-8 (RFC 7303 §3).
std::string declared_label(std::string_view bytes, std::string_view content_type,
                           std::string_view& body, DecodedText& result) {
    std::string label;
    static constexpr std::pair<std::string_view, std::string_view> kBoms[] = {
        {"\xEF\xBB\xBF", "UTF-8"},
        {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
        {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
        {"\xFF\xFE", "UTF-16LE"},
        {"\xFE\xFF", "UTF-16BE"}};
    for (const auto& [mark, name] : kBoms) {
        if (!bytes.starts_with(mark)) continue;
        body.remove_prefix(mark.size());
        result.declared_by = "BOM";
        return std::string(name);
    }
    std::string http = content_type_charset(content_type);
    std::string xml = xml_declared_encoding(body);
    if (xml.empty() && bytes.size() >= 4) {
        // An XML declaration in UTF-16 without a BOM (RFC 7303 §3.3, XML 1.0 appendix F).
        if (bytes.starts_with(std::string_view("<\0?\0", 4))) xml = "utf-16le";
        if (bytes.starts_with(std::string_view("\0<\0?", 4))) xml = "utf-16be";
    }
    if (!http.empty()) {
        result.declared_by = "HTTP Content-Type";
        if (!xml.empty() && iconv_charset_name(http) != iconv_charset_name(xml))
            result.warnings.push_back("the HTTP Content-Type says charset " + http +
                                      " but the XML declaration says " + xml + "; reading it as " +
                                      http + " (RFC 7303)");
        return http;
    }
    if (!xml.empty()) {
        result.declared_by = "XML declaration";
        return xml;
    }
    result.declared_by = "default";
    return "utf-8";
}

// The decoder a label names; an unknown label is ignored, as the WHATWG standard says.
std::string decoder_for(const std::string& label, std::string_view body, DecodedText& result) {
    std::string name = iconv_charset_name(label);
    if (name.empty()) {
        result.warnings.push_back("unknown charset '" + label + "' (" + result.declared_by +
                                  "); read as UTF-8");
        name = "UTF-8";
    }
    if (name == "UTF-16" || name == "UTF-32") {
        // Without a BOM, the XML declaration's byte pattern tells the byte order; little-endian
        // otherwise, as the standard reads "utf-16".
        bool be = body.size() >= 2 && body[0] == 0 && body[1] != 0;
        name += be ? "BE" : "LE";
    }
    return name;
}

}  // namespace

DecodedText decode_feed_bytes(std::string_view bytes, std::string_view content_type) {
    DecodedText result;
    std::string_view body = bytes;
    std::string label = declared_label(bytes, content_type, body, result);
    std::string name = decoder_for(label, body, result);

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
        result.warnings.push_back("this system's iconv cannot read charset " + name +
                                  "; read as UTF-8");
        name = "UTF-8";
        convert_to_utf8(body, name, result.text, replaced);
    }
    result.charset = name;
    if (name == "replacement") {
        result.warnings.push_back("the feed declares charset " + label + " (" + result.declared_by +
                                  "), which the WHATWG Encoding Standard does not decode");
    } else if (replaced > 0) {
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
