#pragma once
// The write stage: Outputs -> the output folder. Only files whose bytes changed are written.
// A new output folder is written beside its final place and renamed into it; an existing one
// is updated file by file: changed files are staged beside it while the build runs and moved
// in only when the whole build succeeded, so a failed build leaves the old site untouched.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cache/hash.h"
#include "render/render.h"

namespace brief {

/// What one build left in one file of the output folder.
struct OutputRecord {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t inode = 0;
    Hash128 hash;      ///< of the file's bytes
    Hash128 page_key;  ///< what the page was rendered from (empty: not known)
};

/// What the last build wrote, by site-relative path; lets the next build trust a file it finds
/// untouched (same size, modification time and inode) without reading it.
using OutputManifest = std::map<std::string, OutputRecord>;

/// What writing did.
struct WriteResult {
    std::size_t files = 0;    ///< files in the site after writing
    std::size_t bytes = 0;    ///< their total size
    std::size_t written = 0;  ///< files whose bytes were (re)written
    std::size_t kept = 0;     ///< files kept without even being rendered (see unchanged())
    /// Site-relative paths ("briefings/x/index.html") added, changed or removed compared with
    /// what the output folder held before, each sorted.
    std::vector<std::string> added, changed, removed;
    std::string error;  ///< empty on success
};

/// Writes one site into one output folder. put() may be called from several threads.
class SiteWriter : public OutputSink {
  public:
    /// `previous`: what the last build recorded for this folder (may be empty).
    SiteWriter(std::filesystem::path output_dir, OutputManifest previous = {});
    ~SiteWriter() override;
    SiteWriter(const SiteWriter&) = delete;
    SiteWriter& operator=(const SiteWriter&) = delete;

    /// Looks at what the output folder holds now; call before anything else. Returns an error
    /// message, empty on success.
    std::string open();
    /// True when the folder holds `path` untouched since a build recorded it under `page_key`,
    /// so the page need not be rendered again.
    bool unchanged(const std::string& path, const Hash128& page_key) override;
    /// Keeps `path` as it is (after unchanged() said so).
    void keep(const std::string& path) override;
    /// Adds one file. Bytes equal to the file already there are not written again.
    void put(const std::string& path, std::string_view bytes,
             const Hash128& page_key = {}) override;
    /// Moves the staged files into place and removes every file no output claimed.
    WriteResult commit();
    /// Drops everything staged; the output folder stays as it was.
    void abort();
    /// What to remember for the next build (after commit()).
    const OutputManifest& manifest() const { return next_; }

  private:
    struct Existing {
        std::uint64_t size = 0;
        std::int64_t mtime_ns = 0;
        std::uint64_t inode = 0;
    };
    struct Staged {
        std::filesystem::path from;
        std::string to;
        bool added = false;
    };
    std::string stage_file(const std::string& path, std::string_view bytes, OutputRecord& rec);
    void fail(std::string message);

    std::filesystem::path out_;      // absolute, normalised
    std::filesystem::path staging_;  // beside out_: a new tree (fresh) or loose changed files
    bool fresh_ = false;             // out_ did not exist: staging_ becomes it
    bool opened_ = false;
    bool done_ = false;
    OutputManifest previous_;
    std::map<std::string, Existing> existing_;  // what out_ holds, by relative path

    std::mutex mu_;
    OutputManifest next_;
    std::vector<Staged> staged_;
    std::set<std::filesystem::path> made_dirs_;
    std::size_t counter_ = 0;
    std::size_t kept_ = 0;
    std::string error_;
};

/// Writes every output into `output_dir` (see SiteWriter), comparing with what is there.
WriteResult write_site(const std::filesystem::path& output_dir, const std::vector<Output>& outputs);

}  // namespace brief
