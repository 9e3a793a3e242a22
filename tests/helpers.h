#pragma once
// Test helpers: temporary folders, writing small sites inline, running the real binary.

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>

#include "pipeline/build.h"
#include "util/dates.h"
#include "util/diagnostic.h"

namespace brief::test {

/// A folder under /tmp, removed with everything in it when the object goes away.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("brief-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

  private:
    std::filesystem::path path_;
};

/// The fixture sites (tests/sites/).
inline const std::filesystem::path kSites = BRIEF_TEST_SITES;

/// The instant of an RFC 3339 time ("2026-11-25T12:00:00+08:00") in seconds.
inline std::int64_t at(const char* rfc3339) {
    return parse_rfc3339(rfc3339)->utc_seconds;
}

/// Sets an environment variable for one scope (TZDIR, say), putting it back however it ends.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* v = std::getenv(name)) saved_ = v;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() { saved_ ? ::setenv(name_, saved_->c_str(), 1) : ::unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const char* name_;
    std::optional<std::string> saved_;
};

/// Writes `text` to `path`, creating folders.
inline void write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

/// The whole file, or "" when missing.
inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Every regular file under `dir` with its bytes, by relative path.
inline std::map<std::string, std::string> tree(const std::filesystem::path& dir) {
    std::map<std::string, std::string> out;
    if (!std::filesystem::exists(dir)) return out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            out[std::filesystem::relative(e.path(), dir).generic_string()] = slurp(e.path());
    return out;
}

/// The published files of a built site: tree() without Brief's marker (.brief-site.json).
inline std::map<std::string, std::string> site_files(const std::filesystem::path& dir) {
    auto files = tree(dir);
    files.erase(".brief-site.json");
    return files;
}

/// Copies a fixture site into a temporary folder so a test may change it.
inline void copy_site(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

/// What a command printed and returned.
struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs the real brief binary with `args` (shell-quoted by the caller), capturing output; in
/// the folder `cwd` when given.
inline RunResult run_brief(const std::string& args, const std::string& env = "NO_COLOR=1",
                           const std::filesystem::path& cwd = {}) {
    TempDir tmp;
    std::string cd = cwd.empty() ? "" : "cd '" + cwd.string() + "' && ";
    std::string cmd = cd + "env " + env + " " + std::string(BRIEF_BINARY) + " " + args + " >" +
                      (tmp / "out").string() + " 2>" + (tmp / "err").string() + " </dev/null";
    int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(tmp / "out");
    r.err = slurp(tmp / "err");
    return r;
}

/// Every diagnostic, formatted as the CLI prints them (for INFO()).
inline std::string messages(const Diagnostics& diags) {
    std::string s;
    for (const auto& d : diags.items()) s += format_diagnostic(d);
    return s;
}
/// Every diagnostic of a build.
inline std::string messages(const BuildResult& r) {
    return messages(r.diagnostics);
}

inline bool contains(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

/// A sources.yaml as an editor writes one: comments, blank lines between entries, a
/// comment at the end of a line and inside an entry (for tests that append to it).
inline const char* kSourcesYaml =
    "# The feeds this desk watches.\n"
    "sources:\n"
    "  # Official channels.\n"
    "  - id: ministry-notices\n"
    "    name: Ministry notices\n"
    "    url: https://ministry.example.org/notices.rss\n"
    "    kind: official\n"
    "    topics: [policy]   # what they file it under\n"
    "\n"
    "  # Company channels.\n"
    "  - id: fab-news\n"
    "    name: Fab news\n"
    "    url: https://fab.example.com/feed\n"
    "    kind: company\n"
    "    # Off until the feed comes back.\n"
    "    enabled: false\n";

inline const char* kSiteYaml =
    "title: Test Brief\n"
    "base_url: https://test.example/\n"
    "language: en\n"
    "languages: [en, de, zh]\n"
    "timezone: Asia/Shanghai\n"
    "author: Test desk\n"
    "limits:\n  items_per_feed: 10\n  related: 2\n";

}  // namespace brief::test
