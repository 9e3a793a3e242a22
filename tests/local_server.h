#pragma once
// A cpp-httplib server on 127.0.0.1 for the tests that need a real one. In: GET routes (a
// pattern and a handler that also gets the hit number of its path, 1, 2, …). Out: a free
// port, its URLs, and what the server saw (hits per path, the last request's headers).
// Stopped and joined when destroyed.

#include <httplib.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace brief::test {

/// An HTTP server on 127.0.0.1 and a free port, listening on its own thread.
class LocalServer {
  public:
    /// Answers one request; `hit` counts the requests to its path, from 1.
    using Handler = std::function<void(const httplib::Request&, httplib::Response&, int hit)>;

    /// Registers `routes` (path patterns, as httplib::Server::Get takes them), lets `configure`
    /// set the server's options, and listens.
    explicit LocalServer(const std::map<std::string, Handler>& routes,
                         const std::function<void(httplib::Server&)>& configure = {}) {
        if (configure) configure(http_);
        for (const auto& route : routes) {
            Handler handler = route.second;
            http_.Get(route.first,
                      [this, handler](const httplib::Request& req, httplib::Response& res) {
                          handler(req, res, record(req));
                      });
        }
        port_ = http_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { http_.listen_after_bind(); });
        for (int i = 0; i < 200 && !http_.is_running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        REQUIRE(http_.is_running());
    }
    LocalServer(const LocalServer&) = delete;
    LocalServer& operator=(const LocalServer&) = delete;
    ~LocalServer() {
        http_.stop();
        thread_.join();
    }
    /// "http://127.0.0.1:<port><path>".
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    /// Requests to `path` so far.
    int hits(const std::string& path) {
        std::lock_guard<std::mutex> lock(mutex_);
        return hits_[path];
    }
    /// A header of the last request to `path`, or "(none)".
    std::string last_header(const std::string& path, const std::string& name) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& h = headers_[path];
        auto it = h.find(name);
        return it == h.end() ? "(none)" : it->second;
    }

  private:
    int record(const httplib::Request& req) {
        std::lock_guard<std::mutex> lock(mutex_);
        headers_[req.path] = {req.headers.begin(), req.headers.end()};
        return ++hits_[req.path];
    }

    std::mutex mutex_;
    std::map<std::string, int> hits_;
    std::map<std::string, std::map<std::string, std::string>> headers_;
    httplib::Server http_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace brief::test
