#pragma once
// Documents by the bytes they were read from, so that a rebuild reads the front matter of only
// the files that changed. In: a file's path, section and bytes (and, in the key, the site.yaml
// and time zone rules they were read with); out: the Document an earlier build read from the
// same bytes.
//
// Only documents read without a single diagnostic are kept, so every warning is said again.
// The entries live in <dir>/documents.bin, a HashStore; the folder must be one that is emptied
// when the binary changes (pipeline/build_cache.h), since the encoding follows the field table.

#include <filesystem>
#include <optional>
#include <string>

#include "content/document.h"
#include "content/site_config.h"
#include "util/hash.h"
#include "util/hash_store.h"
#include "util/result.h"

namespace brief {

class DocumentCache {
  public:
    /// Uses <dir>/documents.bin (a missing or damaged file is an empty cache).
    void open(const std::filesystem::path& dir);

    /// The key of a document: the hash of its path and bytes, site.yaml's, and the site time
    /// zone's rules (dates are read in them).
    static Hash128 key(const Hash128& source_hash, const SiteConfig& site);

    /// The Document stored under `key`, given the `text` it was read from; its path, section
    /// and body come from the arguments, every field from the cache. Nullopt on a miss.
    std::optional<Document> find(const Hash128& key, const std::string& path, Section section,
                                 const std::string& text) const;
    /// Keeps `doc`, read from `text` without a diagnostic, under `key`.
    void store(const Hash128& key, const Document& doc, const std::string& text);

    /// Writes the documents stored since open() (see HashStore::save()).
    Status save() { return store_.save(); }
    /// Lets go of the memory the cache takes (call when every document is loaded).
    void release() { store_.release(); }

  private:
    HashStore store_{"brief-document-cache 1\n"};
};

}  // namespace brief
