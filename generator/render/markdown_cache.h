#pragma once
// Rendered Markdown by content hash: each body and each inline line (key point, table cell) is
// rendered once per build and, when the cache is opened on a folder, once across builds.
// In: a key and, on a miss, the HTML rendered for it; out: the HTML. Thread-safe for find(),
// touch() and store().
//
// On disk, bodies ("blocks") and lines are two HashStore files (util/hash_store.h): mapped,
// appended to, and rewritten without their unused entries when those outweigh the used ones.

#include <filesystem>
#include <optional>
#include <string>

#include "util/hash.h"
#include "util/hash_store.h"
#include "util/result.h"

namespace brief {

/// HTML by the hash of (what kind of rendering, its options, the Markdown).
class MarkdownCache {
  public:
    /// What was rendered: a whole document, or one line.
    enum class Kind { block, line };

    /// The HTML stored under `key`, if any.
    std::optional<std::string> find(const Hash128& key, Kind kind) const;
    /// Marks the entry under `key`, if any, as used by this build without reading it, so that
    /// compaction keeps it.
    void touch(const Hash128& key, Kind kind) const;
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
    const HashStore& of(Kind kind) const { return kind == Kind::block ? blocks_ : lines_; }

    HashStore blocks_{"brief-markdown-cache 3 blocks\n"};
    HashStore lines_{"brief-markdown-cache 3 lines\n"};
    Status settle_status_;  // what settle_blocks() could not write
};

}  // namespace brief
