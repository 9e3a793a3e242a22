#include "serve/dev_server.h"

#include <httplib.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "pipeline/build.h"
#include "render/theme_files.h"
#include "util/text.h"

namespace brief {
namespace {

constexpr const char* kEventsPath = "/__brief/events";

std::string lower(std::string s) {
    return to_lower_ascii(s);
}

bool ignored_name(const std::string& name) {
    // Editor droppings: swap files, backups, vim's 4913 probe.
    return name.empty() || name.front() == '.' || name.back() == '~' || name.ends_with(".swp") ||
           name.ends_with(".swx") || name == "4913";
}

// Collects a build's files in memory. A page whose key matches the one the previous snapshot
// rendered it from is taken over from that snapshot without being rendered.
class MemorySink : public OutputSink {
  public:
    MemorySink(std::shared_ptr<const SiteSnapshot> previous, SiteSnapshot& next)
        : previous_(std::move(previous)), next_(next) {}

    bool unchanged(const std::string& path, const Hash128& key) override {
        if (!previous_ || key.empty()) return false;
        auto k = previous_->page_keys.find(path);
        return k != previous_->page_keys.end() && k->second == key && previous_->files.count(path);
    }
    void keep(const std::string& path) override {
        std::lock_guard lock(mu_);
        next_.files[path] = previous_->files.at(path);
        next_.page_keys[path] = previous_->page_keys.at(path);
        ++next_.reused;
    }
    void put(const std::string& path, std::string_view bytes, const Hash128& key) override {
        auto file = std::make_shared<const std::string>(bytes);
        std::lock_guard lock(mu_);
        next_.files[path] = std::move(file);
        if (!key.empty()) next_.page_keys[path] = key;
        ++next_.rendered;
    }

  private:
    std::shared_ptr<const SiteSnapshot> previous_;
    SiteSnapshot& next_;
    std::mutex mu_;
};

}  // namespace

DevServer::DevServer(ServeOptions options) : options_(std::move(options)) {}

DevServer::~DevServer() {
    stop();
}

std::shared_ptr<const SiteSnapshot> DevServer::snapshot() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

std::string DevServer::content_type(const std::string& path) {
    std::string ext = lower(std::filesystem::path(path).extension().string());
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".json")
        return path.ends_with("feed.json") ? "application/feed+json; charset=utf-8"
                                           : "application/json; charset=utf-8";
    if (ext == ".xml") {
        if (path.ends_with("rss.xml")) return "application/rss+xml; charset=utf-8";
        if (path.ends_with("feed.xml")) return "application/atom+xml; charset=utf-8";
        return "application/xml; charset=utf-8";
    }
    if (ext == ".opml") return "text/x-opml; charset=utf-8";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".webp") return "image/webp";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    return "application/octet-stream";
}

std::string DevServer::resolve_path(const std::string& raw_target,
                                    const std::string& decoded_path) {
    // Refuse any attempt to climb out of the site, encoded or not, before and after decoding.
    std::string raw = lower(raw_target.substr(0, raw_target.find('?')));
    for (const char* bad : {"..", "%2e%2e", "%2e.", ".%2e", "%5c", "\\", "%00"})
        if (raw.find(bad) != std::string::npos) return {};
    if (decoded_path.empty() || decoded_path.front() != '/') return {};
    for (auto seg : split(decoded_path, '/'))
        if (seg == ".." || seg == "." || seg.find('\0') != std::string_view::npos ||
            seg.find('\\') != std::string_view::npos)
            return {};
    std::string p = decoded_path.substr(1);
    if (p.empty() || p.back() == '/') p += "index.html";
    return p;
}

std::string DevServer::inject(const std::string& html, const SiteSnapshot& snap) {
    std::string add =
        "<script>(function(){var s=new EventSource(\"" + std::string(kEventsPath) +
        "\");s.onmessage=function(e){if(e.data===\"reload\")location.reload();};})();</script>\n";
    if (!snap.ok) {
        std::string text;
        for (const auto& d : snap.diagnostics.items())
            if (d.severity == Severity::error) text += format_diagnostic(d);
        add =
            "<div id=\"brief-error-overlay\" role=\"alert\" "
            "style=\"position:fixed;inset:0;z-index:2147483647;"
            "overflow:auto;background:rgba(20,20,24,.96);color:#ffd7d7;padding:2rem;font:14px/1.5 "
            "ui-monospace,monospace\"><p style=\"font-weight:bold;color:#fff\">brief: the last "
            "build failed; "
            "this page is the last good build. Fix the file and save: the page reloads.</p><pre "
            "style=\"white-space:pre-wrap\">" +
            html_escape(text) + "</pre></div>\n" + add;
    }
    std::size_t pos = html.rfind("</body>");
    if (pos == std::string::npos) return html + add;
    std::string out = html;
    out.insert(pos, add);
    return out;
}

namespace {

// A build that threw: reported like a diagnostic, so the overlay shows it over the last good
// site and the server goes on watching.
BuildResult internal_error_result(const std::string& what) {
    BuildResult result;
    Diagnostic d;
    d.file = "brief serve";
    d.message = "internal error: " + what + " (please report it)";
    d.hint = "the last good build is still served; save a file to try again";
    result.diagnostics.add(std::move(d));
    return result;
}

}  // namespace

void DevServer::rebuild() {
    BuildRequest req;
    req.source = options_.source;
    req.drafts = options_.drafts;
    req.future = options_.future;
    req.jobs = options_.jobs;
    req.now = build_time_now();
    req.write = false;
    if (options_.cache) req.cache_dir = options_.source / ".brief-cache";
    auto start = std::chrono::steady_clock::now();
    // Only the watch thread rebuilds, so the snapshot read here is the one this build follows.
    std::shared_ptr<const SiteSnapshot> previous = snapshot();
    auto snap = std::make_shared<SiteSnapshot>();
    MemorySink sink(previous && previous->ok ? previous : nullptr, *snap);
    req.sink = &sink;
    BuildResult result;
    try {
        result = options_.build ? options_.build(req) : run_build(req);
    } catch (const std::exception& e) {
        result = internal_error_result(e.what());
    } catch (...) {
        result = internal_error_result("an unknown exception");
    }
    snap->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    snap->ok = result.ok();
    snap->diagnostics = result.diagnostics;
    if (!snap->ok) {
        // Keep serving the last good site under the overlay.
        snap->files.clear();
        snap->page_keys.clear();
        snap->rendered = snap->reused = 0;
        if (previous) {
            snap->files = previous->files;
            snap->page_keys = previous->page_keys;
        }
    }
    {
        std::lock_guard lock(mutex_);
        snap->generation = snapshot_ ? snapshot_->generation + 1 : 1;
        snapshot_ = snap;
    }
    changed_.notify_all();
    if (!options_.quiet) {
        for (const auto& d : snap->diagnostics.items())
            std::fputs(format_diagnostic(d).c_str(), stderr);
        if (snap->ok)
            std::fprintf(stderr, "rebuilt in %.0f ms (%zu pages rendered, %zu unchanged)\n",
                         snap->seconds * 1000, snap->rendered, snap->reused);
        else
            std::fprintf(stderr, "build failed in %.0f ms; serving the last good build\n",
                         snap->seconds * 1000);
    }
}

void DevServer::add_watches(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    const uint32_t mask =
        IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF;
    int wd = inotify_add_watch(inotify_fd_, dir.c_str(), mask);
    if (wd >= 0) watches_[wd] = dir;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec)) {
            int w = inotify_add_watch(inotify_fd_, it->path().c_str(), mask);
            if (w >= 0) watches_[w] = it->path();
        }
    }
}

void DevServer::watch_loop() {
    alignas(inotify_event) char buf[64 * 1024];
    while (running_) {
        pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
        if (poll(fds, 2, -1) <= 0) continue;
        if (fds[1].revents) break;
        bool relevant = false;
        // Drain events until the tree has been quiet for the debounce time.
        int timeout = 0;
        while (true) {
            pollfd f[2] = {{inotify_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
            int n = poll(f, 2, timeout);
            if (n <= 0 || f[1].revents) break;
            ssize_t len = read(inotify_fd_, buf, sizeof buf);
            for (ssize_t off = 0; len > 0 && off < len;) {
                auto* ev = reinterpret_cast<inotify_event*>(buf + off);
                std::string name = ev->len ? ev->name : "";
                auto dir = watches_.count(ev->wd) ? watches_[ev->wd] : std::filesystem::path();
                bool is_root = dir == options_.source;
                if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && !is_root)
                    add_watches(dir / name);
                if (is_root) {
                    if (name == "sources.yaml") relevant = true;
                    if (name == kSiteThemeDir) {
                        relevant = true;
                        if (ev->mask & (IN_CREATE | IN_MOVED_TO)) add_watches(dir / name);
                    }
                } else if (!ignored_name(name) || name == kThemeBaseFile) {
                    relevant = true;
                }
                off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
            }
            timeout = options_.debounce_ms;
        }
        if (relevant && running_) rebuild();
    }
}

int DevServer::start(std::string& error) {
    rebuild();
    server_ = std::make_unique<httplib::Server>();
    add_routes();
    int port = bind(error);
    if (port == 0 || !watch_sources(error)) return 0;
    running_ = true;
    http_thread_ = std::thread([this] { server_->listen_after_bind(); });
    watch_thread_ = std::thread([this] { watch_loop(); });
    // httplib's stop() is a no-op until the accept loop runs; wait for it so that a stop right
    // after start cannot leave the listener running.
    for (int i = 0; i < 500 && !server_->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return port;
}

void DevServer::add_routes() {
    server_->Get(kEventsPath,
                 [this](const httplib::Request&, httplib::Response& res) { serve_events(res); });
    server_->Get("/__brief/status", [this](const httplib::Request&, httplib::Response& res) {
        auto snap = snapshot();
        std::string body = "{\"generation\":" + std::to_string(snap->generation) +
                           ",\"ok\":" + (snap->ok ? "true" : "false") +
                           ",\"errors\":" + std::to_string(snap->diagnostics.error_count()) +
                           ",\"rendered\":" + std::to_string(snap->rendered) +
                           ",\"reused\":" + std::to_string(snap->reused) +
                           ",\"ms\":" + std::to_string(static_cast<long>(snap->seconds * 1000)) +
                           "}\n";
        res.set_header("Cache-Control", "no-store");
        res.set_content(body, "application/json");
    });
    server_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
        serve_file(req, res);
    });
}

// A stream that says "reload" whenever the generation moves, and keeps the line alive.
void DevServer::serve_events(httplib::Response& res) {
    std::uint64_t seen = snapshot()->generation;
    res.set_header("Cache-Control", "no-store");
    res.set_chunked_content_provider(
        "text/event-stream",
        [this, seen, greeted = false](std::size_t, httplib::DataSink& sink) mutable {
            if (!greeted) {
                greeted = true;
                const std::string first = "retry: 500\n: connected\n\n";
                if (!sink.write(first.data(), first.size())) return false;
            }
            while (running_) {
                std::unique_lock lock(mutex_);
                changed_.wait_for(lock, std::chrono::seconds(15),
                                  [&] { return !running_ || snapshot_->generation != seen; });
                if (!running_) return false;
                std::string msg =
                    snapshot_->generation != seen ? "data: reload\n\n" : ": keep-alive\n\n";
                seen = snapshot_->generation;
                lock.unlock();
                if (!sink.write(msg.data(), msg.size())) return false;
            }
            return false;
        });
}

// A file of the latest good build; HTML gets the reload script and the error overlay.
void DevServer::serve_file(const httplib::Request& req, httplib::Response& res) {
    auto snap = snapshot();
    res.set_header("Cache-Control", "no-store");
    std::string path = resolve_path(req.target, req.path);
    if (path.empty()) {
        res.status = 403;
        res.set_content("403: that path is outside the site\n", "text/plain; charset=utf-8");
        return;
    }
    auto it = snap->files.find(path);
    if (it == snap->files.end() && snap->files.count(path + "/index.html")) {
        res.status = 301;
        res.set_header("Location", req.path + "/");
        return;
    }
    if (it == snap->files.end()) {
        res.status = 404;
        auto nf = snap->files.find("404.html");
        std::string body = nf != snap->files.end()
                               ? *nf->second
                               : "<!DOCTYPE html><html><body><p>404</p></body></html>";
        res.set_content(inject(body, *snap), "text/html; charset=utf-8");
        return;
    }
    std::string type = content_type(path);
    if (type.starts_with("text/html"))
        res.set_content(inject(*it->second, *snap), type);
    else
        res.set_content(*it->second, type);
}

int DevServer::bind(std::string& error) {
    int port = options_.port;
    if (port == 0) {
        port = server_->bind_to_any_port(options_.bind);
        if (port <= 0) {
            error = "cannot listen on " + options_.bind;
            return 0;
        }
    } else if (!server_->bind_to_port(options_.bind, port)) {
        error = "cannot listen on " + options_.bind + ":" + std::to_string(port) +
                " (is another server using it? try --port)";
        return 0;
    }
    return port;
}

bool DevServer::watch_sources(std::string& error) {
    inotify_fd_ = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (inotify_fd_ < 0 || pipe(wake_pipe_) != 0) {
        error = "cannot watch the site folder (inotify)";
        return false;
    }
    add_watches(options_.source / "content");
    // The site's templates/ overlays the embedded theme; the site folder's own watch notices
    // when templates/ is created, moved in or removed.
    add_watches(options_.source / kSiteThemeDir);
    int wd =
        inotify_add_watch(inotify_fd_, options_.source.c_str(),
                          IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE);
    if (wd >= 0) watches_[wd] = options_.source;
    return true;
}

void DevServer::stop() {
    if (!running_.exchange(false)) return;
    changed_.notify_all();
    if (wake_pipe_[1] >= 0) {
        char c = 'x';
        (void)!write(wake_pipe_[1], &c, 1);
    }
    if (server_) server_->stop();
    if (http_thread_.joinable()) http_thread_.join();
    if (watch_thread_.joinable()) watch_thread_.join();
    for (int fd : {inotify_fd_, wake_pipe_[0], wake_pipe_[1]})
        if (fd >= 0) close(fd);
    inotify_fd_ = wake_pipe_[0] = wake_pipe_[1] = -1;
}

}  // namespace brief
