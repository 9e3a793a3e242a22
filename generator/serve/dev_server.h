#pragma once
// brief serve: builds the site in memory, serves it on loopback, watches the sources with
// inotify, rebuilds on change and tells open pages to reload (server-sent events). The reload
// script and the error overlay are added to served pages only, never to site/.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "pipeline/build.h"
#include "util/diagnostic.h"
#include "util/hash.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace brief {

/// How to serve.
struct ServeOptions {
    std::filesystem::path source = ".";
    std::string bind = "127.0.0.1";
    int port = 1313;  ///< 0: any free port
    bool drafts = false;
    bool future = false;
    unsigned jobs = 0;
    int debounce_ms = 80;  ///< quiet time after the last change before rebuilding
    /// Reuse rendered Markdown and unchanged pages between rebuilds (<source>/.brief-cache);
    /// false: every rebuild starts from scratch.
    bool cache = true;
    bool verbose = false;
    bool quiet = false;
    /// What builds the site; run_build when empty. A test puts a build that throws here to see
    /// the server survive it (no input makes run_build throw on purpose).
    std::function<BuildResult(const BuildRequest&)> build;
};

/// One build's result, shared read-only by the request threads.
struct SiteSnapshot {
    /// Output path -> bytes, of the last good build; a page that did not change is shared with
    /// the snapshot before.
    std::unordered_map<std::string, std::shared_ptr<const std::string>> files;
    /// Output path -> what the page was rendered from (see OutputSink), for the next build.
    std::unordered_map<std::string, Hash128> page_keys;
    Diagnostics diagnostics;       ///< of the latest build
    bool ok = true;                ///< the latest build had no errors
    std::uint64_t generation = 0;  ///< increases with every build
    double seconds = 0;            ///< time the latest build took
    std::size_t rendered = 0;      ///< pages the latest build rendered
    std::size_t reused = 0;        ///< pages it kept from the one before
};

/// The development server.
class DevServer {
  public:
    explicit DevServer(ServeOptions options);
    ~DevServer();
    DevServer(const DevServer&) = delete;
    DevServer& operator=(const DevServer&) = delete;

    /// Builds once, binds, and starts serving and watching on background threads. Returns the
    /// bound port, or 0 with `error` set.
    int start(std::string& error);
    /// Stops serving and watching; returns once every thread has ended.
    void stop();
    /// The latest snapshot.
    std::shared_ptr<const SiteSnapshot> snapshot() const;

    /// Content type for a file name, by extension.
    static std::string content_type(const std::string& path);
    /// Maps a request path to an output path; empty when it tries to leave the site.
    static std::string resolve_path(const std::string& raw_target, const std::string& decoded_path);
    /// Adds the reload script (and the error overlay, if any) before </body>.
    static std::string inject(const std::string& html, const SiteSnapshot& snap);

  private:
    void rebuild();
    void watch_loop();
    void add_watches(const std::filesystem::path& dir);
    // The three routes: reload events, the build's status, and the site's files.
    void add_routes();
    void serve_events(httplib::Response& res);
    void serve_file(const httplib::Request& req, httplib::Response& res);
    // Binds the listener (the port it got, 0 with `error` set).
    int bind(std::string& error);
    // Watches content/, templates/ and the site folder (false with `error` set).
    bool watch_sources(std::string& error);

    ServeOptions options_;
    std::unique_ptr<httplib::Server> server_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::shared_ptr<const SiteSnapshot> snapshot_;
    std::atomic<bool> running_{false};
    std::thread http_thread_;
    std::thread watch_thread_;
    int inotify_fd_ = -1;
    int wake_pipe_[2] = {-1, -1};
    std::unordered_map<int, std::filesystem::path> watches_;
};

}  // namespace brief
