#include "check/external.h"

#include <algorithm>
#include <map>

#include "util/http.h"

namespace brief {
namespace {

// Servers that do not implement HEAD answer it with 405, 501, 403, 404 or by hanging up;
// the GET answer is the one a reader gets, so it decides. 429 asks us to go away: we do.
bool retry_with_get(const HttpResponse& r) {
    if (r.failure == HttpFailure::none) return r.status >= 400 && r.status != 429;
    return r.failure == HttpFailure::no_reply;
}

std::string transport_error(const HttpResponse& r, const ExternalCheckOptions& options) {
    switch (r.failure) {
        case HttpFailure::timed_out:
            return "timed out after " + std::to_string(options.timeout_seconds) + " s";
        case HttpFailure::too_many_redirects:
            return "more than " + std::to_string(options.max_redirects) + " redirects";
        case HttpFailure::not_http:
            return "redirects to an address that is not http or https";
        case HttpFailure::malformed_url:
            return "is not a well-formed URL";
        case HttpFailure::unresolved_host:
            return "the host name does not resolve";
        default:
            return r.detail;
    }
}

HttpRequest link_request(const std::string& url, bool get, const ExternalCheckOptions& options) {
    HttpRequest h;
    h.url = url;
    h.head = !get;
    h.headers_only = true;
    h.headers = {"Accept: text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"};
    h.timeout_seconds = options.timeout_seconds;
    h.connect_timeout_seconds = std::min(options.timeout_seconds, 10);
    h.max_redirects = options.max_redirects;
    return h;
}

}  // namespace

std::string status_text(int status) {
    static const std::map<int, const char*> reasons = {
        {200, "OK"},
        {301, "Moved Permanently"},
        {302, "Found"},
        {303, "See Other"},
        {307, "Temporary Redirect"},
        {308, "Permanent Redirect"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {410, "Gone"},
        {429, "Too Many Requests"},
        {451, "Unavailable For Legal Reasons"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
    };
    auto it = reasons.find(status);
    return std::to_string(status) + (it == reasons.end() ? "" : std::string(" ") + it->second);
}

std::vector<LinkStatus> check_external_links(const std::vector<std::string>& urls,
                                             const ExternalCheckOptions& options_in,
                                             const LinkProgress& progress) {
    ExternalCheckOptions options = options_in;
    options.parallel = std::max(1, options.parallel);
    options.per_host = std::max(1, options.per_host);
    options.timeout_seconds = std::max(1, options.timeout_seconds);
    const HttpOptions http{options.parallel, options.per_host,
                           options.user_agent.empty() ? std::string("Brief/") + BRIEF_VERSION +
                                                            " (static site generator; link checker)"
                                                      : options.user_agent};
    std::vector<LinkStatus> out(urls.size());
    for (std::size_t i = 0; i < urls.size(); ++i) out[i].url = urls[i];
    std::size_t done = 0;
    auto record = [&](std::size_t i, const HttpResponse& r, bool get) {
        LinkStatus& s = out[i];
        s.method = get ? "GET" : "HEAD";
        s.first_status = r.first_status;
        s.redirects = r.redirects;
        s.final_url = r.redirects == 0 || r.effective_url.empty() ? urls[i] : r.effective_url;
        if (r.failure == HttpFailure::none)
            s.status = r.status;
        else
            s.error = transport_error(r, options);
        ++done;
        if (progress) progress(done, urls.size());
    };
    // HEAD first; the URLs whose HEAD was refused are asked again with GET.
    std::vector<HttpRequest> heads;
    for (const auto& u : urls) heads.push_back(link_request(u, false, options));
    std::vector<std::size_t> again;
    http_all(heads, http, [&](const HttpResponse& r, std::size_t i) {
        if (retry_with_get(r))
            again.push_back(i);
        else
            record(i, r, false);
    });
    std::sort(again.begin(), again.end());
    std::vector<HttpRequest> gets;
    for (std::size_t i : again) gets.push_back(link_request(urls[i], true, options));
    http_all(gets, http, [&](const HttpResponse& r, std::size_t k) { record(again[k], r, true); });
    return out;
}

}  // namespace brief
