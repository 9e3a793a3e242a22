#pragma once
// URLs. In: text; out: its parts, a relative reference resolved against a base (RFC 3986
// §5), whether it is http(s), and the canonical form Brief dedupes by.

#include <optional>
#include <string>
#include <string_view>

namespace brief {

/// The five parts of a URI reference (RFC 3986 §3); absent parts are nullopt.
struct UrlParts {
    std::optional<std::string> scheme;     ///< lower-cased, without ':'
    std::optional<std::string> authority;  ///< userinfo@host:port, without "//"
    std::string path;
    std::optional<std::string> query;     ///< without '?'
    std::optional<std::string> fragment;  ///< without '#'
};

/// Splits a URI reference into its parts (never fails: anything is some reference).
UrlParts split_url(std::string_view url);

/// Joins parts back into a reference.
std::string join_url(const UrlParts& parts);

/// Resolves `ref` against the absolute `base` (RFC 3986 §5.2); `ref` unchanged when `base`
/// is not absolute. Surrounding whitespace is trimmed and inner spaces are encoded.
std::string resolve_url(std::string_view base, std::string_view ref);

/// True for an absolute http:// or https:// URL with a host.
bool is_http_url(std::string_view url);

/// The scheme of a URL as a browser would see it (control characters and whitespace
/// removed, lower-cased), or empty when it has none.
std::string effective_scheme(std::string_view url);

/// Lower-case scheme and host, no default port, no fragment, no tracking parameters
/// (utm_*, fbclid, gclid, …), "/" for an empty path.
std::string canonical_url(std::string_view url);

}  // namespace brief
