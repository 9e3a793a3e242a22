#pragma once
// Rendered Markdown by content hash: each body and each inline line (key point, table cell) is
// rendered once per build and, when the cache is opened on a folder, once across builds.
// Thread-safe for find() and store().
//
// On disk, bodies ("blocks") and lines live in two append-only files, mapped into memory
// rather than read, so a body costs memory only while it is being copied out; a file is
// rewritten without its unused entries when they outweigh the used ones.

#include <array>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/hash.h"
#include "util/result.h"

namespace brief {

/// HTML by the hash of (what kind of rendering, its options, the Markdown).
class MarkdownCache {
  public:
    /// What was rendered: a whole document, or one line.
    enum class Kind { block, line };

    MarkdownCache() = default;
    ~MarkdownCache();
    MarkdownCache(const MarkdownCache&) = delete;
    MarkdownCache& operator=(const MarkdownCache&) = delete;

    /// The HTML stored under `key`, if any.
    std::optional<std::string> find(const Hash128& key) const;
    /// Marks the entry under `key`, if any, as used by this build without reading it, so that
    /// compaction keeps it.
    void touch(const Hash128& key) const;
    /// Stores HTML under `key`. Without open(), blocks are not kept: within one build each
    /// document is rendered once anyway.
    void store(const Hash128& key, std::string html, Kind kind);

    /// Uses the cache files in `dir` (a missing or damaged file is an empty cache).
    void open(const std::filesystem::path& dir);
    /// Appends the blocks stored so far to their file and lets go of the memory blocks take
    /// (call once every document is rendered).
    void settle_blocks();
    /// Appends new lines to their file, or rewrites a file whose unused entries outweigh the
    /// used ones. A failure (of this or of settle_blocks()) leaves those entries uncached.
    Status save();
    /// Number of entries.
    std::size_t size() const;

  private:
    struct Entry {
        std::string_view mapped;  // into a mapped file
        std::string owned;        // stored by this build, not yet on disk
        Kind kind = Kind::line;
        bool on_disk = false;
        mutable bool used = false;
    };
    struct KeyHash {
        std::size_t operator()(const Hash128& h) const { return static_cast<std::size_t>(h.lo); }
    };
    struct Shard {
        mutable std::mutex mu;
        std::unordered_map<Hash128, Entry, KeyHash> entries;
    };
    struct Mapping {
        const char* data = nullptr;
        std::size_t size = 0;
    };
    static constexpr std::size_t kShards = 32;
    Shard& shard(const Hash128& key) const { return shards_[key.hi % kShards]; }
    std::filesystem::path file(Kind kind) const;
    void load(Kind kind);
    Status write(Kind kind, bool new_only);
    Status flush(Kind kind, bool may_compact);

    std::filesystem::path dir_;
    std::array<Mapping, 2> maps_{};
    mutable std::array<Shard, kShards> shards_;
    std::atomic<bool> stored_{false};
    bool settled_ = false;
    Status settle_status_;  // what settle_blocks() could not write
};

}  // namespace brief
