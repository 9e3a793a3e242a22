#pragma once
// The one HTTP engine (fetch and check): in go many requests, out come their responses in the
// same order. libcurl's multi interface runs them at once, at most `parallel` in flight and at
// most `per_host` to one host, with timeouts, a size cap, a redirect cap and http(s) only.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace brief {

/// One request to make.
struct HttpRequest {
    std::string url;
    bool head = false;                 ///< HEAD instead of GET
    bool headers_only = false;         ///< stop at the first body byte (a link check)
    std::vector<std::string> headers;  ///< extra request headers, "Name: value"
    int timeout_seconds = 30;          ///< the whole transfer
    int connect_timeout_seconds = 10;
    std::size_t max_bytes = 16u << 20;  ///< a larger (decoded) body fails the request
    int max_redirects = 5;
};

/// Why no usable response came.
enum class HttpFailure {
    none,
    timed_out,
    too_many_redirects,
    too_large,
    not_http,  ///< the URL, or a redirect, leads to a scheme other than http(s)
    malformed_url,
    unresolved_host,
    no_reply,  ///< the server hung up or sent garbage (some servers do that to HEAD)
    other,
};

/// What came back.
struct HttpResponse {
    std::string url;            ///< as requested
    std::string effective_url;  ///< after redirects
    int status = 0;             ///< HTTP status of the last response; 0 when none came
    int first_status = 0;       ///< status of the first response (301 when it redirected)
    int redirects = 0;          ///< redirects followed
    /// Where the redirects that open the chain lead when they are permanent (301 or 308, one
    /// after the other); empty when the first answer was not one of them.
    std::string permanent_url;
    std::map<std::string, std::string> headers;  ///< of the last response, names lower-case
    std::string body;
    HttpFailure failure = HttpFailure::none;
    std::string detail;  ///< libcurl's words for the failure
    double seconds = 0;
    /// A header of the last response, or "".
    const std::string& header(const std::string& lower_name) const;
};

/// Settings shared by every request of a run.
struct HttpOptions {
    int parallel = 8;        ///< requests in flight at once
    int per_host = 0;        ///< requests in flight to one host at once; 0: no limit
    std::string user_agent;  ///< sent with every request
};

/// Called as each request finishes (on the calling thread), with its index.
using HttpDone = std::function<void(const HttpResponse&, std::size_t index)>;

/// Performs every request; responses come back in request order.
std::vector<HttpResponse> http_all(const std::vector<HttpRequest>& requests,
                                   const HttpOptions& options, const HttpDone& on_done = {});

/// "scheme://host[:port]" of a URL, lower-case, for per-host limits.
std::string http_host_key(std::string_view url);

}  // namespace brief
