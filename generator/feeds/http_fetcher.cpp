#include "feeds/http_fetcher.h"

#include "util/http.h"

namespace brief {
namespace {

std::string size_text(std::size_t bytes) {
    if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

HttpRequest to_http(const FetchRequest& req) {
    HttpRequest h;
    h.url = req.url;
    h.timeout_seconds = req.timeout_seconds;
    h.connect_timeout_seconds = req.connect_timeout_seconds;
    h.max_bytes = req.max_bytes;
    h.max_redirects = req.max_redirects;
    h.headers.push_back(
        "Accept: application/rss+xml, application/atom+xml, application/feed+json, "
        "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8");
    if (!req.etag.empty()) h.headers.push_back("If-None-Match: " + req.etag);
    if (!req.last_modified.empty()) h.headers.push_back("If-Modified-Since: " + req.last_modified);
    return h;
}

FetchResponse from_http(const FetchRequest& req, HttpResponse h) {
    FetchResponse r;
    r.key = req.key;
    r.url = req.url;
    r.effective_url = h.effective_url.empty() ? req.url : h.effective_url;
    r.status = h.status;
    r.seconds = h.seconds;
    r.content_type = h.header("content-type");
    r.etag = h.header("etag");
    r.last_modified = h.header("last-modified");
    r.retry_after = h.header("retry-after");
    r.cache = {h.header("cache-control"), h.header("expires"), h.header("age"), h.header("date")};
    r.moved_to = h.permanent_url;
    switch (h.failure) {
        case HttpFailure::none:
            r.body = std::move(h.body);
            break;
        case HttpFailure::timed_out:
            r.error = "timed out after " + std::to_string(req.timeout_seconds) + " s";
            break;
        case HttpFailure::too_many_redirects:
            r.error = "more than " + std::to_string(req.max_redirects) + " redirects";
            break;
        case HttpFailure::too_large:
            r.error = "larger than the " + size_text(req.max_bytes) + " cap";
            break;
        case HttpFailure::not_http:
            r.error = "not an http or https URL (Brief fetches and follows only http and https)";
            break;
        default:
            r.error = h.detail;
            break;
    }
    if (!r.error.empty()) r.status = 0;
    return r;
}

}  // namespace

std::string default_user_agent() {
    return std::string("Brief/") + BRIEF_VERSION + " (static site generator; feed fetcher)";
}

CurlFetcher::CurlFetcher(FetcherOptions options) : options_(std::move(options)) {
    if (options_.parallel < 1) options_.parallel = 1;
    if (options_.per_host < 1) options_.per_host = 1;
    if (options_.user_agent.empty()) options_.user_agent = default_user_agent();
}

std::vector<FetchResponse> CurlFetcher::fetch_all(const std::vector<FetchRequest>& requests,
                                                  const FetchDoneCallback& on_done) {
    std::vector<HttpRequest> http;
    http.reserve(requests.size());
    for (const auto& r : requests) http.push_back(to_http(r));
    std::vector<FetchResponse> out(requests.size());
    std::size_t done = 0;
    http_all(http, {options_.parallel, options_.per_host, options_.user_agent},
             [&](const HttpResponse& h, std::size_t i) {
                 out[i] = from_http(requests[i], h);
                 ++done;
                 if (on_done) on_done(out[i], done, requests.size());
             });
    return out;
}

}  // namespace brief
