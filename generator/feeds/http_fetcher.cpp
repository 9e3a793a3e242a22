#include "feeds/http_fetcher.h"

#include <curl/curl.h>

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

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

// One transfer in flight: its handle, its header list, and what has arrived so far.
struct Transfer {
    std::size_t index = 0;
    const FetchRequest* request = nullptr;
    EasyPtr easy;
    SlistPtr headers;
    std::map<std::string, std::string> response_headers;
    std::string body;
    bool too_large = false;
    char error_buffer[CURL_ERROR_SIZE] = {};
    std::chrono::steady_clock::time_point start;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    // The cap applies to the decoded bytes, so a small gzip bomb fails here too.
    if (t->body.size() + n > t->request->max_bytes) {
        t->too_large = true;
        return 0;
    }
    t->body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    std::string_view line(data, n);
    if (line.starts_with("HTTP/")) {
        t->response_headers.clear();  // a new response in a redirect chain
        return n;
    }
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name = to_lower_ascii(trim(line.substr(0, colon)));
        t->response_headers[name] = std::string(trim(line.substr(colon + 1)));
    }
    return n;
}

std::string header(const Transfer& t, const std::string& name) {
    auto it = t.response_headers.find(name);
    return it == t.response_headers.end() ? std::string{} : it->second;
}

std::string size_text(std::size_t bytes) {
    if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::unique_ptr<Transfer> start_transfer(const FetchRequest& req, std::size_t index,
                                         const std::string& user_agent) {
    auto t = std::make_unique<Transfer>();
    t->index = index;
    t->request = &req;
    t->easy.reset(curl_easy_init());
    if (!t->easy) return t;
    CURL* h = t->easy.get();
    curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
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
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, t.get());
    curl_slist* list = curl_slist_append(
        nullptr,
        "Accept: application/rss+xml, application/atom+xml, application/feed+json, "
        "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8");
    if (!req.etag.empty()) list = curl_slist_append(list, ("If-None-Match: " + req.etag).c_str());
    if (!req.last_modified.empty())
        list = curl_slist_append(list, ("If-Modified-Since: " + req.last_modified).c_str());
    t->headers.reset(list);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers.get());
    t->start = std::chrono::steady_clock::now();
    return t;
}

FetchResponse finish_transfer(Transfer& t, CURLcode code) {
    const FetchRequest& req = *t.request;
    FetchResponse r;
    r.key = req.key;
    r.url = req.url;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t.start).count();
    CURL* h = t.easy.get();
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    char* effective = nullptr;
    curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
    r.effective_url = effective ? effective : req.url;
    r.status = static_cast<int>(status);
    r.content_type = header(t, "content-type");
    r.etag = header(t, "etag");
    r.last_modified = header(t, "last-modified");
    r.retry_after = header(t, "retry-after");
    switch (code) {
        case CURLE_OK:
            r.body = std::move(t.body);
            break;
        case CURLE_OPERATION_TIMEDOUT:
            r.error = "timed out after " + std::to_string(req.timeout_seconds) + " s";
            break;
        case CURLE_TOO_MANY_REDIRECTS:
            r.error = "more than " + std::to_string(req.max_redirects) + " redirects";
            break;
        case CURLE_FILESIZE_EXCEEDED:
            r.error = "larger than the " + size_text(req.max_bytes) + " cap";
            break;
        case CURLE_WRITE_ERROR:
            r.error = t.too_large ? "larger than the " + size_text(req.max_bytes) + " cap"
                                  : "could not store the response";
            break;
        case CURLE_UNSUPPORTED_PROTOCOL:
            r.error = "not an http or https URL (Brief fetches and follows only http and https)";
            break;
        default:
            r.error = t.error_buffer[0] ? std::string(t.error_buffer) : curl_easy_strerror(code);
    }
    if (!r.error.empty()) r.status = code == CURLE_OK ? r.status : 0;
    return r;
}

}  // namespace

std::string default_user_agent() {
    return std::string("Brief/") + BRIEF_VERSION + " (static site generator; feed fetcher)";
}

CurlFetcher::CurlFetcher(FetcherOptions options) : options_(std::move(options)) {
    global_init();
    if (options_.parallel < 1) options_.parallel = 1;
    if (options_.user_agent.empty()) options_.user_agent = default_user_agent();
}

std::vector<FetchResponse> CurlFetcher::fetch_all(const std::vector<FetchRequest>& requests,
                                                  const FetchDoneCallback& on_done) {
    std::vector<FetchResponse> out(requests.size());
    MultiPtr multi(curl_multi_init());
    std::size_t done = 0;
    auto complete = [&](FetchResponse r, std::size_t index) {
        out[index] = std::move(r);
        ++done;
        if (on_done) on_done(out[index], done, requests.size());
    };
    if (!multi) {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            FetchResponse r;
            r.key = requests[i].key;
            r.url = requests[i].url;
            r.error = "cannot start libcurl";
            complete(std::move(r), i);
        }
        return out;
    }
    std::deque<std::size_t> pending;
    for (std::size_t i = 0; i < requests.size(); ++i) pending.push_back(i);
    std::map<CURL*, std::unique_ptr<Transfer>> active;

    while (!pending.empty() || !active.empty()) {
        while (!pending.empty() && active.size() < static_cast<std::size_t>(options_.parallel)) {
            std::size_t i = pending.front();
            pending.pop_front();
            auto t = start_transfer(requests[i], i, options_.user_agent);
            if (!t->easy || curl_multi_add_handle(multi.get(), t->easy.get()) != CURLM_OK) {
                FetchResponse r;
                r.key = requests[i].key;
                r.url = requests[i].url;
                r.error = "cannot start the transfer";
                complete(std::move(r), i);
                continue;
            }
            CURL* h = t->easy.get();
            active.emplace(h, std::move(t));
        }
        int running = 0;
        curl_multi_perform(multi.get(), &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL* h = msg->easy_handle;
            CURLcode code = msg->data.result;
            auto it = active.find(h);
            if (it == active.end()) continue;
            std::unique_ptr<Transfer> t = std::move(it->second);
            active.erase(it);
            curl_multi_remove_handle(multi.get(), h);
            complete(finish_transfer(*t, code), t->index);
        }
        if (!active.empty()) curl_multi_poll(multi.get(), nullptr, 0, 200, nullptr);
    }
    return out;
}

}  // namespace brief
