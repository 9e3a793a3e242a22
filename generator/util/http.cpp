#include "util/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "util/text.h"
#include "util/url.h"

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

// One transfer in flight: its handle, its header list, and what has arrived so far.
struct Transfer {
    std::size_t index = 0;
    const HttpRequest* request = nullptr;
    std::string host;
    std::string url;  // as sent (non-ASCII bytes and spaces percent-encoded)
    EasyPtr easy;
    SlistPtr headers;
    HttpResponse response;
    bool too_large = false;
    bool body_started = false;
    std::vector<std::pair<int, std::string>> hops;  // each response's status and Location
    char error_buffer[CURL_ERROR_SIZE] = {};
    std::chrono::steady_clock::time_point start;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    // The status line and headers are all a link check needs: stop at the first body byte
    // rather than download a PDF.
    if (t->request->headers_only) {
        t->body_started = true;
        return 0;
    }
    // The cap applies to the decoded bytes, so a small gzip bomb fails here too.
    if (t->response.body.size() + n > t->request->max_bytes) {
        t->too_large = true;
        return 0;
    }
    t->response.body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    std::string_view line(data, n);
    if (line.starts_with("HTTP/")) {
        t->response.headers.clear();  // a new response in a redirect chain
        auto space = line.find(' ');
        int code = 0;
        for (std::size_t i = space + 1;
             space != std::string_view::npos && i < line.size() && line[i] >= '0' && line[i] <= '9';
             ++i)
            code = code * 10 + (line[i] - '0');
        if (t->response.first_status == 0) t->response.first_status = code;
        t->hops.emplace_back(code, std::string{});
        return n;
    }
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name = to_lower_ascii(trim(line.substr(0, colon)));
        std::string value(trim(line.substr(colon + 1)));
        if (name == "location" && !t->hops.empty()) t->hops.back().second = value;
        t->response.headers[name] = std::move(value);
    }
    return n;
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

std::unique_ptr<Transfer> start_transfer(const HttpRequest& req, std::size_t index,
                                         const std::string& user_agent) {
    auto t = std::make_unique<Transfer>();
    t->index = index;
    t->request = &req;
    t->host = http_host_key(req.url);
    t->url = encode_for_request(req.url);
    t->easy.reset(curl_easy_init());
    if (!t->easy) return t;
    CURL* h = t->easy.get();
    curl_easy_setopt(h, CURLOPT_URL, t->url.c_str());
    curl_easy_setopt(h, CURLOPT_PRIVATE, t.get());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->error_buffer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(req.max_redirects));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(req.timeout_seconds));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(std::min(req.connect_timeout_seconds, req.timeout_seconds)));
    if (!req.headers_only)
        curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_NOBODY, req.head ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, t.get());
    curl_slist* list = nullptr;
    for (const auto& line : req.headers) list = curl_slist_append(list, line.c_str());
    t->headers.reset(list);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers.get());
    t->start = std::chrono::steady_clock::now();
    return t;
}

// Follows the permanent redirects (301, 308) that open the chain, resolving each Location
// against the address before it; "" when the first answer was not one.
std::string permanent_target(const Transfer& t) {
    std::string url = t.request->url;
    bool moved = false;
    for (const auto& [status, location] : t.hops) {
        if ((status != 301 && status != 308) || location.empty()) break;
        url = resolve_url(url, location);
        moved = true;
    }
    return moved ? url : std::string{};
}

HttpFailure failure_of(CURLcode code, const Transfer& t) {
    switch (code) {
        case CURLE_OK:
            return HttpFailure::none;
        case CURLE_OPERATION_TIMEDOUT:
            return HttpFailure::timed_out;
        case CURLE_TOO_MANY_REDIRECTS:
            return HttpFailure::too_many_redirects;
        case CURLE_FILESIZE_EXCEEDED:
            return HttpFailure::too_large;
        case CURLE_WRITE_ERROR:
            // Our own callback stopped it: at a link check's first body byte (an answer), or
            // at the size cap.
            if (t.body_started) return HttpFailure::none;
            return t.too_large ? HttpFailure::too_large : HttpFailure::other;
        case CURLE_UNSUPPORTED_PROTOCOL:
            return HttpFailure::not_http;
        case CURLE_URL_MALFORMAT:
            return HttpFailure::malformed_url;
        case CURLE_COULDNT_RESOLVE_HOST:
            return HttpFailure::unresolved_host;
        case CURLE_GOT_NOTHING:
        case CURLE_RECV_ERROR:
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return HttpFailure::no_reply;
        default:
            return HttpFailure::other;
    }
}

HttpResponse finish_transfer(Transfer& t, CURLcode code) {
    HttpResponse r = std::move(t.response);
    r.url = t.request->url;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t.start).count();
    CURL* h = t.easy.get();
    long status = 0, redirects = 0;
    char* effective = nullptr;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects);
    curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
    r.effective_url = effective ? effective : r.url;
    r.status = static_cast<int>(status);
    r.redirects = static_cast<int>(redirects);
    r.permanent_url = permanent_target(t);
    r.failure = failure_of(code, t);
    if (r.failure != HttpFailure::none)
        r.detail = t.error_buffer[0] ? std::string(t.error_buffer) : curl_easy_strerror(code);
    if (r.failure != HttpFailure::none) {
        r.body.clear();
        if (code != CURLE_OK && code != CURLE_WRITE_ERROR) r.status = 0;
    }
    return r;
}

}  // namespace

const std::string& HttpResponse::header(const std::string& lower_name) const {
    static const std::string none;
    auto it = headers.find(lower_name);
    return it == headers.end() ? none : it->second;
}

std::string http_host_key(std::string_view url) {
    UrlParts u = split_url(url);
    std::string host = u.authority.value_or("");
    if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
    return u.scheme.value_or("") + "://" + to_lower_ascii(host);
}

std::vector<HttpResponse> http_all(const std::vector<HttpRequest>& requests,
                                   const HttpOptions& options_in, const HttpDone& on_done) {
    global_init();
    HttpOptions options = options_in;
    options.parallel = std::max(1, options.parallel);
    const std::size_t per_host =
        options.per_host > 0 ? static_cast<std::size_t>(options.per_host) : SIZE_MAX;
    std::vector<HttpResponse> out(requests.size());
    auto complete = [&](HttpResponse r, std::size_t index) {
        out[index] = std::move(r);
        if (on_done) on_done(out[index], index);
    };
    auto cannot = [&](std::size_t i, const char* why) {
        HttpResponse r;
        r.url = requests[i].url;
        r.failure = HttpFailure::other;
        r.detail = why;
        complete(std::move(r), i);
    };
    MultiPtr multi(curl_multi_init());
    if (!multi) {
        for (std::size_t i = 0; i < requests.size(); ++i) cannot(i, "cannot start libcurl");
        return out;
    }
    // Requests wait per host here (one queued inside libcurl would spend its timeout
    // waiting); libcurl's limits stay as a backstop.
    if (options.per_host > 0)
        curl_multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                          static_cast<long>(options.per_host));
    curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(options.parallel));
    std::map<std::string, std::deque<std::size_t>> waiting;  // by host, so hosts take turns
    for (std::size_t i = 0; i < requests.size(); ++i)
        waiting[http_host_key(requests[i].url)].push_back(i);
    std::map<std::string, std::size_t> busy;
    std::map<CURL*, std::unique_ptr<Transfer>> active;
    const auto room = [&] { return active.size() < static_cast<std::size_t>(options.parallel); };

    while (!waiting.empty() || !active.empty()) {
        for (auto it = waiting.begin(); it != waiting.end() && room();) {
            std::size_t& in_flight = busy[it->first];
            while (!it->second.empty() && in_flight < per_host && room()) {
                std::size_t i = it->second.front();
                it->second.pop_front();
                auto t = start_transfer(requests[i], i, options.user_agent);
                if (!t->easy || curl_multi_add_handle(multi.get(), t->easy.get()) != CURLM_OK) {
                    cannot(i, "cannot start the transfer");
                    continue;
                }
                ++in_flight;
                active.emplace(t->easy.get(), std::move(t));
            }
            it = it->second.empty() ? waiting.erase(it) : std::next(it);
        }
        int running = 0;
        curl_multi_perform(multi.get(), &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL* h = msg->easy_handle;
            CURLcode code = msg->data.result;
            auto node = active.extract(h);
            if (node.empty()) continue;
            curl_multi_remove_handle(multi.get(), h);
            Transfer& t = *node.mapped();
            --busy[t.host];
            complete(finish_transfer(t, code), t.index);
        }
        if (!active.empty()) curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
    }
    return out;
}

}  // namespace brief
