#pragma once
// Rendered Markdown by content hash: each body and each inline line (key point, table cell) is
// rendered once per build, and, when the cache is saved, once across builds. Thread-safe.

#include <array>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "cache/hash.h"

namespace brief {

/// HTML by the hash of (what kind of rendering, its options, the Markdown).
class MarkdownCache {
  public:
    /// The HTML stored under `key`, if any.
    std::optional<std::string> find(const Hash128& key) const;
    /// Stores HTML under `key`.
    void store(const Hash128& key, std::string html);

    /// Reads a cache file written by save(); a missing or damaged file is an empty cache.
    void load(const std::filesystem::path& file);
    /// Writes the entries this build used, when anything changed; returns an error message.
    std::string save(const std::filesystem::path& file) const;
    /// Number of entries.
    std::size_t size() const;

  private:
    struct Entry {
        std::string_view loaded;  // into blob_, for entries read from the file
        std::string owned;        // for entries stored by this build
        mutable bool used = false;
    };
    struct KeyHash {
        std::size_t operator()(const Hash128& h) const { return static_cast<std::size_t>(h.lo); }
    };
    struct Shard {
        mutable std::mutex mu;
        std::unordered_map<Hash128, Entry, KeyHash> entries;
    };
    static constexpr std::size_t kShards = 32;
    Shard& shard(const Hash128& key) const { return shards_[key.hi % kShards]; }

    std::string blob_;
    mutable std::array<Shard, kShards> shards_;
    std::atomic<bool> stored_{false};
};

}  // namespace brief
