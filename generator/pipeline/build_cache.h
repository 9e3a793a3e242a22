#pragma once
// The persistent build cache, <source>/.brief-cache/: documents and rendered Markdown by
// content hash, and for each output folder the manifest of what the last build wrote there and
// from which page keys. Everything in it is keyed by content hashes (of the inputs, the theme's
// files, site.yaml, the site time zone's rules and the binary), so a stale entry is never used,
// only left unused; a cache written by another binary is emptied on open. Losing the folder
// only costs time.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "content/document_cache.h"
#include "output/writer.h"
#include "render/markdown_cache.h"
#include "util/file_lock.h"
#include "util/hash.h"

namespace brief {

/// What the running binary is: BRIEF_VERSION and the build id of the executable (or, without
/// one, the hash of its bytes), so a rebuilt brief never trusts an older brief's cache.
const std::string& binary_fingerprint();

/// True when `dir` holds exactly the files of `manifest`, each with the size, modification time
/// and inode recorded there: nobody has touched the output since.
bool output_untouched(const std::filesystem::path& dir, const OutputManifest& manifest);

/// What the last complete build of an output folder was made from, for the no-change fast path:
/// the same inputs, a build time in [now, stable_until) and an untouched output folder give the
/// same site.
struct BuildStamp {
    Hash128 inputs;  ///< stat_tree of every input, the binary, the options and the output path
    std::int64_t now = 0;
    std::int64_t stable_until = 0;
    std::uint64_t documents = 0;
};

/// One build's use of the cache folder. Holds a lock on it while alive: a second build of the
/// same site at the same time runs without a cache instead of waiting.
class BuildCache {
  public:
    /// Opens (or creates) the cache in `dir`; nullptr when it cannot be used (`why` says why).
    static std::unique_ptr<BuildCache> open(const std::filesystem::path& dir, std::string& why);
    ~BuildCache();
    BuildCache(const BuildCache&) = delete;
    BuildCache& operator=(const BuildCache&) = delete;

    /// Rendered Markdown, loaded lazily on first use.
    MarkdownCache& markdown();
    /// Documents read in earlier builds, loaded lazily on first use.
    DocumentCache& documents();
    /// What the last build recorded for `output_dir` (empty when nothing).
    OutputManifest manifest(const std::filesystem::path& output_dir) const;
    /// Records a finished build's manifest for `output_dir` and saves the Markdown cache;
    /// a failure is a warning (the build still succeeded: a cache is optional).
    Status save(const std::filesystem::path& output_dir, const OutputManifest& manifest);
    /// The stamp of the last clean build into `output_dir`, if any.
    std::optional<BuildStamp> stamp(const std::filesystem::path& output_dir) const;
    /// Records (or, with nullopt, forgets) that stamp.
    Status save_stamp(const std::filesystem::path& output_dir,
                      const std::optional<BuildStamp>& stamp);
    /// Saves the Markdown cache only (a build that wrote no output folder).
    Status save_markdown();

  private:
    BuildCache(std::filesystem::path dir, FileLock lock);
    std::filesystem::path manifest_path(const std::filesystem::path& output_dir) const;
    std::filesystem::path stamp_path(const std::filesystem::path& output_dir) const;

    std::filesystem::path dir_;
    FileLock lock_;
    bool markdown_loaded_ = false;
    MarkdownCache markdown_;
    bool documents_loaded_ = false;
    DocumentCache documents_;
};

}  // namespace brief
