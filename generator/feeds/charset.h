#pragma once
// Turns a feed's bytes into UTF-8: the charset comes from the byte-order mark, then the HTTP
// Content-Type, then the XML declaration (RFC 7303 §3), and is converted through iconv.
// Bytes that do not decode become U+FFFD; nothing here throws on bad input.

#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// The result of decoding a feed body.
struct DecodedText {
    std::string text;         ///< valid UTF-8, without a byte-order mark
    std::string charset;      ///< the charset the bytes were read as ("UTF-8", "GB18030")
    std::string declared_by;  ///< "BOM", "HTTP Content-Type", "XML declaration", "default"
    std::vector<std::string> warnings;  ///< declared-versus-actual mismatches, replaced bytes
};

/// Decodes `bytes`; `content_type` is the HTTP Content-Type header value (may be empty).
DecodedText decode_feed_bytes(std::string_view bytes, std::string_view content_type = {});

/// The charset parameter of a Content-Type value ("text/xml; charset=gbk" -> "gbk"), or empty.
std::string content_type_charset(std::string_view content_type);

/// The encoding of an XML declaration at the start of `bytes`, or empty.
std::string xml_declared_encoding(std::string_view bytes);

/// The iconv name Brief reads a charset label as (labels are matched as WHATWG does:
/// "gb2312" and "gbk" read as GB18030, "iso-8859-1" as windows-1252); empty if unknown.
std::string iconv_charset_name(std::string_view label);

/// Converts `bytes` from `iconv_name` to UTF-8, replacing undecodable bytes with U+FFFD;
/// `replaced` counts them. Returns false when iconv does not know the charset.
bool convert_to_utf8(std::string_view bytes, const std::string& iconv_name, std::string& out,
                     std::size_t& replaced);

}  // namespace brief
