#pragma once
// External links: does each http(s) URL still answer? In: URLs and limits; out: a LinkStatus
// each (status, final URL after redirects, or the error). HEAD first (GET when a server
// refuses HEAD), many at once through util/http.h with a per-host limit and a timeout.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace brief {

/// How external links are checked.
struct ExternalCheckOptions {
    int timeout_seconds = 10;  ///< each request, start to finish
    int parallel = 8;          ///< requests in flight at once
    int per_host = 2;          ///< requests in flight to one host at once
    int max_redirects = 10;
    std::string user_agent;  ///< empty: "Brief/<version> (static site generator; link checker)"
};

/// What one URL answered.
struct LinkStatus {
    std::string url;
    int status = 0;               ///< HTTP status of the last response; 0 when none came
    int first_status = 0;         ///< status of the first response (301 when it redirected)
    std::string final_url;        ///< where the redirects ended; the URL itself when none
    int redirects = 0;            ///< redirects followed
    std::string method;           ///< "HEAD", or "GET" when HEAD was refused
    std::string error;            ///< why no usable answer came ("timed out after 5 s"); else empty
    std::int64_t checked_at = 0;  ///< UTC seconds; set by the caller
    bool from_cache = false;

    /// True when the URL ended in a 2xx answer.
    bool ok() const { return error.empty() && status >= 200 && status < 300; }
    /// True when it worked but only after a redirect.
    bool redirected() const { return ok() && redirects > 0 && final_url != url; }
};

/// Called as each URL finishes, with how many are done.
using LinkProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Checks every URL (each once); results come back in the order of `urls`.
std::vector<LinkStatus> check_external_links(const std::vector<std::string>& urls,
                                             const ExternalCheckOptions& options,
                                             const LinkProgress& progress = {});

/// "404 Not Found", "503 Service Unavailable", or just the number for rare codes.
std::string status_text(int status);

}  // namespace brief
