#include "check/external.h"

#include <curl/curl.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

#include "util/url.h"
#include "util/text.h"

namespace brief {

namespace {

struct EasyDeleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct MultiDeleter {
    void operator()(CURLM* h) const { curl_multi_cleanup(h); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
using MultiPtr = std::unique_ptr<CURLM, MultiDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One request in flight.
struct Attempt {
    std::size_t index = 0;
    bool get = false;
    std::string host;
    std::string url;  // as sent (non-ASCII bytes and spaces percent-encoded)
    EasyPtr easy;
    SlistPtr headers;
    int first_status = 0;
    bool body_started = false;
    char error_buffer[CURL_ERROR_SIZE] = {};
};

// A request waiting for a free slot.
struct Pending {
    std::size_t index = 0;
    bool get = false;
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* a = static_cast<Attempt*>(user);
    std::string_view line(data, size * count);
    if (a->first_status == 0 && line.starts_with("HTTP/")) {
        auto space = line.find(' ');
        if (space != std::string_view::npos) {
            int code = 0;
            for (std::size_t i = space + 1; i < line.size() && line[i] >= '0' && line[i] <= '9';
                 ++i)
                code = code * 10 + (line[i] - '0');
            a->first_status = code;
        }
    }
    return size * count;
}

// The status line and headers are all a link check needs: stop at the first body byte
// rather than download a PDF.
std::size_t on_body(char*, std::size_t, std::size_t, void* user) {
    static_cast<Attempt*>(user)->body_started = true;
    return 0;
}

std::string host_key(std::string_view url) {
    UrlParts u = split_url(url);
    std::string host = u.authority.value_or("");
    if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
    return u.scheme.value_or("") + "://" + to_lower_ascii(host);
}

// libcurl wants a URL of ASCII bytes; editors paste addresses with spaces and Chinese paths.
std::string encode_for_request(std::string_view url) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : trim(url)) {
        if (c <= 0x20 || c >= 0x7F) {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::unique_ptr<Attempt> start_attempt(const std::string& url, const Pending& p,
                                       const ExternalCheckOptions& options,
                                       const std::string& user_agent) {
    auto a = std::make_unique<Attempt>();
    a->index = p.index;
    a->get = p.get;
    a->host = host_key(url);
    a->url = encode_for_request(url);
    a->easy.reset(curl_easy_init());
    if (!a->easy) return a;
    CURL* h = a->easy.get();
    curl_easy_setopt(h, CURLOPT_URL, a->url.c_str());
    curl_easy_setopt(h, CURLOPT_PRIVATE, a.get());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, a->error_buffer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options.timeout_seconds));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(std::min(options.timeout_seconds, 10)));
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_NOBODY, p.get ? 0L : 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, a.get());
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, a.get());
    a->headers.reset(curl_slist_append(
        nullptr, "Accept: text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, a->headers.get());
    return a;
}

// Servers that do not implement HEAD answer it with 405, 501, 403, 404 or by hanging up;
// the GET answer is the one a reader gets, so it decides. 429 asks us to go away: we do.
bool retry_with_get(CURLcode code, int status) {
    if (code == CURLE_OK) return status >= 400 && status != 429;
    return code == CURLE_GOT_NOTHING || code == CURLE_RECV_ERROR ||
           code == CURLE_WEIRD_SERVER_REPLY || code == CURLE_PARTIAL_FILE || code == CURLE_HTTP2 ||
           code == CURLE_HTTP2_STREAM;
}

std::string transport_error(CURLcode code, const Attempt& a, const ExternalCheckOptions& options) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return "timed out after " + std::to_string(options.timeout_seconds) + " s";
        case CURLE_TOO_MANY_REDIRECTS:
            return "more than " + std::to_string(options.max_redirects) + " redirects";
        case CURLE_UNSUPPORTED_PROTOCOL:
            return "redirects to an address that is not http or https";
        case CURLE_URL_MALFORMAT:
            return "is not a well-formed URL";
        case CURLE_COULDNT_RESOLVE_HOST:
            return "the host name does not resolve";
        default:
            return a.error_buffer[0] ? std::string(a.error_buffer) : curl_easy_strerror(code);
    }
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
    global_init();
    ExternalCheckOptions options = options_in;
    options.parallel = std::max(1, options.parallel);
    options.per_host = std::max(1, options.per_host);
    options.timeout_seconds = std::max(1, options.timeout_seconds);
    const std::string user_agent =
        options.user_agent.empty()
            ? std::string("Brief/") + BRIEF_VERSION + " (static site generator; link checker)"
            : options.user_agent;

    std::vector<LinkStatus> out(urls.size());
    for (std::size_t i = 0; i < urls.size(); ++i) out[i].url = urls[i];
    if (urls.empty()) return out;

    MultiPtr multi(curl_multi_init());
    if (!multi) {
        for (auto& s : out) s.error = "cannot start libcurl";
        return out;
    }
    // We queue per host ourselves (a transfer queued inside libcurl would spend its timeout
    // waiting); libcurl's limits stay as a backstop.
    curl_multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                      static_cast<long>(options.per_host));
    curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(options.parallel));

    std::map<std::string, std::deque<Pending>> waiting;  // by host, so hosts take turns
    for (std::size_t i = 0; i < urls.size(); ++i) waiting[host_key(urls[i])].push_back({i, false});
    std::map<std::string, int> per_host;
    std::map<CURL*, std::unique_ptr<Attempt>> active;
    std::size_t done = 0;

    auto finish = [&] {
        ++done;
        if (progress) progress(done, urls.size());
    };

    while (!waiting.empty() || !active.empty()) {
        for (auto it = waiting.begin();
             it != waiting.end() && active.size() < std::size_t(options.parallel);) {
            int& busy = per_host[it->first];
            while (!it->second.empty() && busy < options.per_host &&
                   active.size() < std::size_t(options.parallel)) {
                Pending p = it->second.front();
                it->second.pop_front();
                auto a = start_attempt(urls[p.index], p, options, user_agent);
                if (!a->easy || curl_multi_add_handle(multi.get(), a->easy.get()) != CURLM_OK) {
                    out[p.index].error = "cannot start a request";
                    finish();
                    continue;
                }
                ++busy;
                active.emplace(a->easy.get(), std::move(a));
            }
            it = it->second.empty() ? waiting.erase(it) : std::next(it);
        }

        int running = 0;
        curl_multi_perform(multi.get(), &running);
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL* h = msg->easy_handle;
            CURLcode code = msg->data.result;
            auto node = active.extract(h);
            curl_multi_remove_handle(multi.get(), h);
            Attempt& a = *node.mapped();
            --per_host[a.host];
            // Our write callback stops a GET at its first body byte: that is an answer.
            if (code == CURLE_WRITE_ERROR && a.body_started) code = CURLE_OK;
            long status = 0, redirects = 0;
            char* effective = nullptr;
            curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
            curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects);
            curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
            if (!a.get && retry_with_get(code, static_cast<int>(status))) {
                waiting[a.host].push_front({a.index, true});
                continue;
            }
            LinkStatus& s = out[a.index];
            s.method = a.get ? "GET" : "HEAD";
            s.first_status = a.first_status;
            s.redirects = static_cast<int>(redirects);
            s.final_url = effective ? effective : urls[a.index];
            if (s.redirects == 0) s.final_url = urls[a.index];
            if (code == CURLE_OK) {
                s.status = static_cast<int>(status);
            } else {
                s.error = transport_error(code, a, options);
            }
            finish();
        }
        if (!active.empty()) curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
    }
    return out;
}

}  // namespace brief
