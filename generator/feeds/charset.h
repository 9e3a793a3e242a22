#pragma once
// Turns a feed's bytes into UTF-8: the charset comes from the byte-order mark, then the HTTP
// Content-Type, then the XML declaration (RFC 7303 §3); its label means what the WHATWG
// Encoding Standard says it means, and the bytes are converted through iconv. Bytes that do
// not decode become U+FFFD; nothing here throws on bad input. Also repairs text that was
// UTF-8, read as Latin-1 and encoded again ("CafÃ©").

#include <optional>
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

/// The iconv name Brief reads a charset label as, by the WHATWG Encoding Standard's table
/// ("gb2312" and "gbk" read as GB18030; "iso-8859-1", "latin1", "us-ascii" and "ascii" as
/// windows-1252), plus "replacement" and "x-user-defined", which convert_to_utf8 decodes
/// itself, and XML's UTF-32; empty for a label the standard does not know.
std::string iconv_charset_name(std::string_view label);

/// Converts `bytes` from `iconv_name` to UTF-8, replacing undecodable bytes with U+FFFD;
/// `replaced` counts them. Returns false when iconv does not know the charset.
bool convert_to_utf8(std::string_view bytes, const std::string& iconv_name, std::string& out,
                     std::size_t& replaced);

/// `text` repaired when it is UTF-8 that was read as windows-1252 or ISO-8859-1 and encoded
/// as UTF-8 again ("CafÃ©" -> "Café", "â€™" -> "’"); nullopt unless it unambiguously is:
/// every character maps back to one byte, and those bytes are well-formed UTF-8 with at least
/// one multi-byte sequence and no control character.
std::optional<std::string> undo_double_utf8(std::string_view text);

}  // namespace brief
