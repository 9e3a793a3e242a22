#include "util/url.h"

#include <array>
#include <vector>

#include "util/text.h"

namespace brief {

namespace {

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool valid_scheme(std::string_view s) {
    if (s.empty() || !is_alpha(s[0])) return false;
    for (char c : s)
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
    return true;
}

// Feeds put raw spaces and control characters in links; percent-encode them so the result
// is a single well-formed reference.
std::string clean_reference(std::string_view ref) {
    ref = trim(ref);
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(ref.size());
    for (unsigned char c : ref) {
        if (c <= 0x20 || c == 0x7F) {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string_view in) {
    std::string out;
    while (!in.empty()) {
        if (in.starts_with("../")) {
            in.remove_prefix(3);
        } else if (in.starts_with("./")) {
            in.remove_prefix(2);
        } else if (in.starts_with("/./")) {
            in.remove_prefix(2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.starts_with("/../") || in == "/..") {
            if (in == "/..")
                in = "/";
            else
                in.remove_prefix(3);
            auto slash = out.rfind('/');
            out.erase(slash == std::string::npos ? 0 : slash);
        } else if (in == "." || in == "..") {
            in = {};
        } else {
            std::size_t start = in.front() == '/' ? 1 : 0;
            std::size_t next = in.find('/', start);
            if (next == std::string_view::npos) next = in.size();
            out.append(in.substr(0, next));
            in.remove_prefix(next);
        }
    }
    return out;
}

std::string merge_paths(const UrlParts& base, std::string_view ref_path) {
    if (base.authority && base.path.empty()) return "/" + std::string(ref_path);
    auto slash = base.path.rfind('/');
    if (slash == std::string::npos) return std::string(ref_path);
    return base.path.substr(0, slash + 1) + std::string(ref_path);
}

bool is_tracking_parameter(std::string_view key) {
    std::string k = to_lower_ascii(key);
    if (k.starts_with("utm_")) return true;
    static const std::array<std::string_view, 17> names = {"fbclid",
                                                           "gclid",
                                                           "dclid",
                                                           "gbraid",
                                                           "wbraid",
                                                           "msclkid",
                                                           "mc_cid",
                                                           "mc_eid",
                                                           "yclid",
                                                           "_hsenc",
                                                           "_hsmi",
                                                           "igshid",
                                                           "mkt_tok",
                                                           "spm",
                                                           "ncid",
                                                           "cmpid",
                                                           "__twitter_impression"};
    for (auto n : names)
        if (k == n) return true;
    return false;
}

}  // namespace

UrlParts split_url(std::string_view url) {
    UrlParts p;
    // scheme: everything before the first ':' that comes before any '/', '?' or '#'.
    std::size_t colon = url.find(':');
    std::size_t stop = url.find_first_of("/?#");
    if (colon != std::string_view::npos && (stop == std::string_view::npos || colon < stop) &&
        valid_scheme(url.substr(0, colon))) {
        p.scheme = to_lower_ascii(url.substr(0, colon));
        url.remove_prefix(colon + 1);
    }
    if (auto hash = url.find('#'); hash != std::string_view::npos) {
        p.fragment = std::string(url.substr(hash + 1));
        url = url.substr(0, hash);
    }
    if (auto q = url.find('?'); q != std::string_view::npos) {
        p.query = std::string(url.substr(q + 1));
        url = url.substr(0, q);
    }
    if (url.starts_with("//")) {
        url.remove_prefix(2);
        std::size_t end = url.find('/');
        if (end == std::string_view::npos) end = url.size();
        p.authority = std::string(url.substr(0, end));
        url.remove_prefix(end);
    }
    p.path = std::string(url);
    return p;
}

std::string join_url(const UrlParts& p) {
    std::string out;
    if (p.scheme) out += *p.scheme + ":";
    if (p.authority) out += "//" + *p.authority;
    out += p.path;
    if (p.query) out += "?" + *p.query;
    if (p.fragment) out += "#" + *p.fragment;
    return out;
}

std::string resolve_url(std::string_view base_text, std::string_view ref_text) {
    std::string ref_clean = clean_reference(ref_text);
    UrlParts ref = split_url(ref_clean);
    UrlParts base = split_url(clean_reference(base_text));
    if (!base.scheme) return ref_clean;

    UrlParts t;
    if (ref.scheme) {
        t = ref;
        t.path = remove_dot_segments(ref.path);
    } else {
        if (ref.authority) {
            t.authority = ref.authority;
            t.path = remove_dot_segments(ref.path);
            t.query = ref.query;
        } else {
            if (ref.path.empty()) {
                t.path = base.path;
                t.query = ref.query ? ref.query : base.query;
            } else {
                if (ref.path.front() == '/')
                    t.path = remove_dot_segments(ref.path);
                else
                    t.path = remove_dot_segments(merge_paths(base, ref.path));
                t.query = ref.query;
            }
            t.authority = base.authority;
        }
        t.scheme = base.scheme;
    }
    t.fragment = ref.fragment;
    return join_url(t);
}

std::string effective_scheme(std::string_view url) {
    // Browsers drop tabs and newlines anywhere in a URL and leading control characters and
    // spaces, so "java\tscript:" and " javascript:" are both javascript: URLs.
    std::string cleaned;
    for (unsigned char c : url) {
        if (c <= 0x20 || c == 0x7F) continue;
        cleaned += static_cast<char>(c);
        if (c == ':' || c == '/' || c == '?' || c == '#') break;
    }
    auto colon = cleaned.find(':');
    if (colon == std::string::npos) return {};
    std::string scheme = cleaned.substr(0, colon);
    if (!valid_scheme(scheme)) return {};
    return to_lower_ascii(scheme);
}

bool is_http_url(std::string_view url) {
    UrlParts p = split_url(trim(url));
    return p.scheme && (*p.scheme == "http" || *p.scheme == "https") && p.authority &&
           !p.authority->empty();
}

std::string canonical_url(std::string_view url) {
    UrlParts p = split_url(clean_reference(url));
    p.fragment.reset();
    if (p.authority) {
        std::string& a = *p.authority;
        std::size_t at = a.rfind('@');
        std::size_t host_start = at == std::string::npos ? 0 : at + 1;
        std::string userinfo = a.substr(0, host_start);
        std::string hostport = a.substr(host_start);
        std::string host = hostport, port;
        // The port follows the last ':' unless that ':' is inside an IPv6 literal.
        std::size_t colon = hostport.rfind(':');
        if (colon != std::string::npos && hostport.find(']', colon) == std::string::npos) {
            host = hostport.substr(0, colon);
            port = hostport.substr(colon + 1);
        }
        host = to_lower_ascii(host);
        while (!host.empty() && host.back() == '.') host.pop_back();
        bool default_port = port.empty() || (p.scheme == "http" && port == "80") ||
                            (p.scheme == "https" && port == "443");
        a = userinfo + host + (default_port ? "" : ":" + port);
        if (p.path.empty()) p.path = "/";
    }
    if (p.query) {
        std::string kept;
        for (auto param : split(*p.query, '&')) {
            if (param.empty()) continue;
            auto eq = param.find('=');
            if (is_tracking_parameter(param.substr(0, eq))) continue;
            if (!kept.empty()) kept += '&';
            kept += param;
        }
        if (kept.empty())
            p.query.reset();
        else
            p.query = kept;
    }
    return join_url(p);
}

}  // namespace brief
