#pragma once
// A persistent map from Hash128 to bytes, for the build caches. In: the file of an earlier run
// and what this run stores; out: what it finds, and the file brought up to date.
//
// On disk it is one append-only file (a magic line, then key, length and bytes per entry),
// mapped into memory rather than read, so an entry costs memory only while it is copied out.
// save() appends what this run stored, or rewrites the file with only the entries this run
// used when the unused ones outweigh them. A missing, foreign or torn file is an empty store.
// Thread-safe for find(), touch() and store().

#include <array>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/hash.h"
#include "util/result.h"

namespace brief {

class HashStore {
  public:
    /// `magic` is the file's first line (with its '\n'): a file with another one is ignored, so
    /// changing it changes the format.
    explicit HashStore(std::string magic);
    ~HashStore();
    HashStore(const HashStore&) = delete;
    HashStore& operator=(const HashStore&) = delete;

    /// Uses the store in `file`. Without open() the store lives in memory for one run.
    void open(const std::filesystem::path& file);
    /// True once open() was called.
    bool is_open() const { return !file_.empty(); }

    /// The bytes stored under `key`, if any; marks the entry as used by this run.
    std::optional<std::string> find(const Hash128& key) const;
    /// Marks the entry under `key`, if any, as used by this run without reading it.
    void touch(const Hash128& key) const;
    /// Stores `bytes` under `key` (nothing changes when the file has the key already).
    void store(const Hash128& key, std::string bytes);
    /// Number of entries.
    std::size_t size() const;

    /// Appends the entries stored since the last save() to the file, or rewrites it with only
    /// the used entries when the unused ones outweigh them (never after release()). The
    /// entries written stay findable; a failure only leaves them out of the file. Without
    /// open(), does nothing.
    Status save();
    /// Lets go of the entries save() wrote and of the memory the file's pages take: those
    /// entries stop being findable until the next run (call when no more are needed).
    void release();

  private:
    struct Entry {
        std::string_view mapped;  // into the mapped file
        std::string owned;        // stored in this run, not yet written
        bool on_disk = false;     // found in the file when opened
        bool written = false;     // stored in this run and since written by save()
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
    void load();
    Status write(bool new_only);

    std::string magic_;
    std::filesystem::path file_;
    const char* map_ = nullptr;
    std::size_t map_size_ = 0;
    bool appendable_ = false;  // the file holds whole entries of this format, so far
    bool released_ = false;
    mutable std::array<Shard, kShards> shards_;
};

}  // namespace brief
