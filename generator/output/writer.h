#pragma once
// The write stage: Outputs -> the output folder, published all at once. Only files whose bytes
// changed are written; the rest are hard links to the live site. Brief replaces or deletes only
// the files its marker (.brief-site.json) lists; others are kept. A failed or killed build
// leaves the old site untouched.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "render/render.h"
#include "util/file_lock.h"
#include "util/hash.h"
#include "util/result.h"
#include "util/safe_paths.h"

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
};

/// Writes one site into one output folder, all or nothing. Every build makes a complete new
/// tree beside the output folder and swaps it in with one renameat2(RENAME_EXCHANGE): a
/// reader, or a build killed at any moment, sees the old site or the new one, never a mix.
/// The tree is the generation before the live one, kept beside it by the last build
/// (previous_name()) and updated where it differs: changed files written, unchanged ones
/// hard-linked from the live site, files Brief did not write linked across too; without one,
/// a new staging folder gets every file. The next build removes what a killed one left
/// beside the folder (only folders with Brief's names and markers). put() may be called from
/// several threads.
class SiteWriter : public OutputSink {
  public:
    /// `where`: the folder as decide_output() accepted it; `previous`: what the last build
    /// recorded for it in the build cache (may be empty).
    SiteWriter(OutputDecision where, OutputManifest previous = {});
    ~SiteWriter() override;
    SiteWriter(const SiteWriter&) = delete;
    SiteWriter& operator=(const SiteWriter&) = delete;

    /// Takes the folder (a lock, so two builds never write one folder), removes what a killed
    /// build left, looks at what the folder holds and starts the staging tree; call before
    /// anything else.
    Status open();
    /// Files in the output folder that Brief did not write (no marker lists them): they are
    /// kept in every build. Known after open().
    const std::vector<std::string>& foreign() const { return foreign_; }
    /// True when the folder holds `path` untouched since a build recorded it under `page_key`,
    /// so the page need not be rendered again.
    bool unchanged(const std::string& path, const Hash128& page_key) override;
    /// Keeps `path` as it is (after unchanged() said so).
    void keep(const std::string& path) override;
    /// Adds one file. Bytes equal to the file already there are linked, not written again.
    void put(const std::string& path, std::string_view bytes,
             const Hash128& page_key = {}) override;
    /// Completes the staged tree (the marker, the kept files) and swaps it in.
    Result<WriteResult> commit();
    /// Drops everything staged; the output folder stays as it was.
    void abort();
    /// What to remember for the next build (after commit()).
    const OutputManifest& manifest() const { return next_; }

  private:
    struct Existing {
        std::uint64_t size = 0;
        std::int64_t mtime_ns = 0;
        std::uint64_t inode = 0;
        bool ours = false;  // a marker lists it
    };
    Status make_parent(const std::string& path);
    Status make_dir(const std::filesystem::path& dir);
    void clear_slot(const std::string& path);
    Status link_or_copy(const std::filesystem::path& from, const std::filesystem::path& to);
    void remove_unwanted();
    Status stage_new(const std::string& path, std::string_view bytes, OutputRecord& rec);
    Status stage_link(const std::string& path);
    void fail(std::string message);
    Status swap_in();
    void release();  // drops the lock

    OutputDecision where_;
    std::filesystem::path out_;      // absolute, symbolic links resolved
    std::filesystem::path staging_;  // beside out_: the complete new tree
    std::filesystem::path prev_;     // beside out_: the generation before the live one
    bool fresh_ = false;             // nothing to carry over from out_
    bool reuse_ = false;             // staging_ is prev_, updated where it differs
    std::map<std::string, std::uint64_t> prev_files_;  // what prev_ holds: path -> inode
    std::set<std::string> prev_dirs_;                  // and its folders
    bool opened_ = false;
    bool done_ = false;
    FileLock lock_;
    OutputManifest previous_;
    std::map<std::string, Existing> existing_;  // what out_ holds, by relative path
    std::vector<std::string> foreign_;

    std::mutex mu_;
    OutputManifest next_;
    std::set<std::string> written_;  // paths whose bytes were written (not linked)
    std::set<std::filesystem::path> made_dirs_;
    std::size_t kept_ = 0;
    std::string error_;
};

/// Writes every output into `output_dir` (see SiteWriter), comparing with what is there; the
/// folder must be one decide_output() accepts without a site folder or --force.
Result<WriteResult> write_site(const std::filesystem::path& output_dir,
                               const std::vector<Output>& outputs);

/// The name of the previous generation kept beside the output folder `out`: the next build
/// updates it where it differs from the live site and swaps it in, so a rebuild writes in
/// proportion to what changed.
std::string previous_name(const std::filesystem::path& out);

/// The prefix of the staging folders of the output folder `out` (beside it, in its parent).
std::string staging_prefix(const std::filesystem::path& out);

/// The prefix of the folders being deleted beside `out`: a staged or swapped-out tree is
/// renamed to it before it is deleted, so a kill mid-deletion leaves it recognisably Brief's.
std::string trash_prefix(const std::filesystem::path& out);

}  // namespace brief
