#pragma once
// HTTP for feeds: many GETs at once through libcurl's multi interface (at most two to one
// host), with conditional requests, compression, timeouts, a size cap, a redirect cap and
// http(s) only. Requests in, responses out, each with the headers the fetch stage acts on.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace brief {

/// One GET to make.
struct FetchRequest {
    std::string key;  ///< the caller's name for it (a source id)
    std::string url;
    std::string etag;           ///< sent as If-None-Match when set
    std::string last_modified;  ///< sent as If-Modified-Since when set
    int timeout_seconds = 30;   ///< the whole transfer
    int connect_timeout_seconds = 10;
    std::size_t max_bytes = 16u << 20;  ///< a larger (decoded) body fails the request
    int max_redirects = 5;
};

/// The headers of an answer that say how long it stays fresh (RFC 9111 §4.2).
struct CacheHeaders {
    std::string cache_control, expires, age, date;
};

/// What came back.
struct FetchResponse {
    std::string key;
    std::string url;            ///< as requested
    std::string effective_url;  ///< after redirects
    int status = 0;             ///< HTTP status of the last response; 0 when none came
    std::string body;
    std::string content_type, etag, last_modified, retry_after;
    CacheHeaders cache;
    std::string moved_to;  ///< where the 301 / 308 redirects that opened the chain led, or ""
    std::string error;  ///< transport failure ("timed out after 5 s"); empty when a response came
    double seconds = 0;
    /// True when a complete response arrived (of any status).
    bool answered() const { return error.empty() && status > 0; }
};

/// Settings shared by every request of a run.
struct FetcherOptions {
    int parallel = 8;        ///< transfers at once
    std::string user_agent;  ///< empty: "Brief/<version> (+feed fetcher)"
    int per_host = 2;        ///< transfers at once to one host (scheme, host and port)
};

/// Called as each transfer finishes (on the calling thread), with how many are done.
using FetchDoneCallback =
    std::function<void(const FetchResponse&, std::size_t done, std::size_t total)>;

/// The HTTP interface the fetch stage uses.
class HttpFetcher {
  public:
    virtual ~HttpFetcher() = default;
    /// Performs every request; responses come back in request order.
    virtual std::vector<FetchResponse> fetch_all(const std::vector<FetchRequest>& requests,
                                                 const FetchDoneCallback& on_done) = 0;
};

/// The real fetcher: libcurl multi.
class CurlFetcher : public HttpFetcher {
  public:
    /// A fetcher with the given options.
    explicit CurlFetcher(FetcherOptions options = {});
    /// Performs every request, `options.parallel` at a time.
    std::vector<FetchResponse> fetch_all(const std::vector<FetchRequest>& requests,
                                         const FetchDoneCallback& on_done) override;

  private:
    FetcherOptions options_;
};

/// The User-Agent Brief sends: "Brief/0.1.0 (static site generator; feed fetcher)".
std::string default_user_agent();

}  // namespace brief
