#pragma once
// The archive of discovered items: content/feeds/YYYY-Www.jsonl, one JSON object a line, one
// file per ISO week (in the site's time zone), lines sorted by time then id. In: the files
// (or new items to merge); out: the items, or the files rewritten atomically.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/dates.h"
#include "util/diagnostic.h"
#include "util/file_lock.h"

namespace brief {

/// One discovered item, as the archive stores it.
struct ArchiveItem {
    std::string id;  ///< stable hash of source id + guid-or-canonical-url
    std::string source_id;
    std::string guid;
    std::string url;  ///< absolute link to the original
    std::string canonical_url;
    std::string title;                               ///< plain text
    std::optional<std::int64_t> published, updated;  ///< UTC seconds; null when unreadable
    std::int64_t fetched = 0;
    std::string author;
    std::string
        summary_text;  ///< plain, whitespace collapsed, cut near 300 chars at a word boundary
    std::string summary_html;  ///< sanitised HTML
    std::vector<std::string> categories;
    std::vector<std::string> matched;  ///< include keywords that matched
    /// The time that files and sorts the item: published, else fetched.
    std::int64_t sort_time() const { return published ? *published : fetched; }
};

/// Orders items by published (or fetched) time, then id.
bool archive_order(const ArchiveItem& a, const ArchiveItem& b);

/// The archive id of an item: hash of source id and guid (or, without one, canonical URL).
std::string archive_item_id(std::string_view source_id, std::string_view guid,
                            std::string_view canonical_url);

/// One archive line (no newline), keys in a fixed order.
std::string serialize_item(const ArchiveItem& item);

/// Parses one archive line; nullopt with `error` set when it is not a valid item.
std::optional<ArchiveItem> parse_item(std::string_view line, std::string& error);

/// Parses a whole .jsonl text; bad lines become warnings naming `file`:line.
std::vector<ArchiveItem> parse_archive_file(const std::string& file, std::string_view text,
                                            Diagnostics& diags);

/// Every item of content/feeds/*.jsonl, sorted by published (or fetched) time then id; a bad line
/// is a warning naming file:line, and the rest load.
std::vector<ArchiveItem> load_archive(const std::filesystem::path& root, Diagnostics& diags);

/// The archive file name of an item's week in `zone`: "2026-W47.jsonl".
std::string archive_file_name(const ArchiveItem& item, const TimeZone& zone);

/// What merging fetched items into the archive changed.
struct MergeResult {
    int added = 0;
    int updated = 0;
};

/// The archive loaded for updating: knows which week file holds each item, merges fetched
/// items, and rewrites only the files that changed.
class ArchiveStore {
  public:
    /// Reads every content/feeds/*.jsonl under `root`; week files are named in `zone`.
    ArchiveStore(std::filesystem::path root, TimeZone zone, Diagnostics& diags);

    /// Adds items with new ids (to the week file of their time); updates in place a known
    /// item whose title or summary changed (keeping its file and first `fetched`).
    MergeResult merge(const std::vector<ArchiveItem>& incoming);

    /// Writes each changed week file atomically; returns error messages (empty on success).
    [[nodiscard]] std::vector<std::string> save();

    /// Number of archived items of one source.
    std::size_t count_for_source(std::string_view source_id) const;

    /// Every item, keyed by id.
    const std::map<std::string, ArchiveItem>& items() const { return items_; }

  private:
    std::filesystem::path dir_;
    TimeZone zone_;
    std::map<std::string, ArchiveItem> items_;
    std::map<std::string, std::string> file_of_;  // item id -> file name
    std::map<std::string, bool> dirty_;           // file name -> needs writing
    std::map<std::string, int> unreadable_;       // file name -> lines that did not parse
};

/// Why Brief may not write the file `name` of content/feeds/ in the site at `root` (the folder
/// or the file leads out of the site through a link); empty when it may (util/safe_paths.h).
[[nodiscard]] std::string archive_write_refusal(const std::filesystem::path& root,
                                                const std::string& name);

/// Removes temporary files a killed fetch left in content/feeds/ (call it under the lock).
void remove_stale_temp_files(const std::filesystem::path& root);

/// An exclusive lock on content/feeds/.brief.lock, released when destroyed (flock: a killed
/// process releases it too).
class ArchiveLock {
  public:
    /// Tries to take the lock; check ok().
    explicit ArchiveLock(const std::filesystem::path& root);
    /// True when this process holds the lock.
    bool ok() const { return lock_.ok(); }
    /// Why the lock could not be taken.
    const std::string& error() const { return lock_.error(); }

  private:
    FileLock lock_;
};

}  // namespace brief
