#include "feeds/archive.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <tuple>

#include "util/fs.h"
#include "util/safe_paths.h"
#include "util/text.h"
#include "util/utf8.h"

namespace brief {

namespace {

using ojson = nlohmann::ordered_json;

ojson time_value(const std::optional<std::int64_t>& t) {
    return t ? ojson(format_rfc3339_utc(*t)) : ojson();
}

// A time field: null, an RFC 3339 string, or (leniently) integer seconds.
bool read_time(const nlohmann::json& j, const char* key, std::optional<std::int64_t>& out,
               std::string& error) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if (it->is_number_integer()) {
        out = it->get<std::int64_t>();
        return true;
    }
    if (it->is_string()) {
        if (auto t = parse_rfc3339(it->get<std::string>())) {
            out = t->utc_seconds;
            return true;
        }
    }
    error = std::string("\"") + key + "\" is not an RFC 3339 time or null";
    return false;
}

bool read_text(const nlohmann::json& j, const char* key, std::string& out, std::string& error,
               bool required = false) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) error = std::string("missing \"") + key + "\"";
        return !required;
    }
    if (!it->is_string()) {
        error = std::string("\"") + key + "\" is not a string";
        return false;
    }
    out = it->get<std::string>();
    if (required && out.empty()) {
        error = std::string("\"") + key + "\" is empty";
        return false;
    }
    return true;
}

bool read_list(const nlohmann::json& j, const char* key, std::vector<std::string>& out,
               std::string& error) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_array()) {
        error = std::string("\"") + key + "\" is not a list";
        return false;
    }
    for (const auto& v : *it) {
        if (!v.is_string()) {
            error = std::string("\"") + key + "\" holds something other than strings";
            return false;
        }
        out.push_back(v.get<std::string>());
    }
    return true;
}

std::vector<ArchiveItem> sorted(std::vector<ArchiveItem> items) {
    std::sort(items.begin(), items.end(), archive_order);
    return items;
}

bool content_changed(const ArchiveItem& a, const ArchiveItem& b) {
    return a.title != b.title || a.summary_text != b.summary_text ||
           a.summary_html != b.summary_html;
}

}  // namespace

bool archive_order(const ArchiveItem& a, const ArchiveItem& b) {
    return std::make_tuple(a.sort_time(), std::string_view(a.id)) <
           std::make_tuple(b.sort_time(), std::string_view(b.id));
}

std::string archive_item_id(std::string_view source_id, std::string_view guid,
                            std::string_view canonical) {
    std::string key(source_id);
    key += '\n';
    key += guid.empty() ? canonical : guid;
    return hash_hex(key);
}

std::string serialize_item(const ArchiveItem& item) {
    ojson j;
    j["id"] = item.id;
    j["source"] = item.source_id;
    j["guid"] = item.guid;
    j["url"] = item.url;
    j["canonical_url"] = item.canonical_url;
    j["title"] = item.title;
    j["published"] = time_value(item.published);
    j["updated"] = time_value(item.updated);
    j["fetched"] = format_rfc3339_utc(item.fetched);
    j["author"] = item.author;
    j["summary_text"] = item.summary_text;
    j["summary_html"] = item.summary_html;
    j["categories"] = item.categories;
    j["matched"] = item.matched;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<ArchiveItem> parse_item(std::string_view line, std::string& error) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
        error = "not valid JSON";
        return std::nullopt;
    }
    if (!j.is_object()) {
        error = "not a JSON object";
        return std::nullopt;
    }
    ArchiveItem item;
    std::optional<std::int64_t> fetched;
    bool ok = read_text(j, "id", item.id, error, true) &&
              read_text(j, "source", item.source_id, error, true) &&
              read_text(j, "guid", item.guid, error) && read_text(j, "url", item.url, error) &&
              read_text(j, "canonical_url", item.canonical_url, error) &&
              read_text(j, "title", item.title, error) &&
              read_time(j, "published", item.published, error) &&
              read_time(j, "updated", item.updated, error) &&
              read_time(j, "fetched", fetched, error) &&
              read_text(j, "author", item.author, error) &&
              read_text(j, "summary_text", item.summary_text, error) &&
              read_text(j, "summary_html", item.summary_html, error) &&
              read_list(j, "categories", item.categories, error) &&
              read_list(j, "matched", item.matched, error);
    if (!ok) return std::nullopt;
    if (!fetched) {
        error = "missing \"fetched\"";
        return std::nullopt;
    }
    item.fetched = *fetched;
    return item;
}

std::vector<ArchiveItem> parse_archive_file(const std::string& file, std::string_view text,
                                            Diagnostics& diags) {
    std::vector<ArchiveItem> out;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty()) continue;
        std::string error;
        if (auto item = parse_item(line, error)) {
            out.push_back(std::move(*item));
        } else {
            Diagnostic d;
            d.file = file;
            d.line = line_no;
            d.severity = Severity::warning;
            d.message = "archive line skipped: " + error;
            d.hint = "each line must be one JSON object as 'brief fetch' writes it";
            diags.add(std::move(d));
        }
    }
    return out;
}

std::vector<ArchiveItem> load_archive(const std::filesystem::path& root, Diagnostics& diags) {
    std::vector<ArchiveItem> all;
    std::set<std::string> seen;
    for (const auto& path : list_site_files(root, root / "content" / "feeds", ".jsonl", diags)) {
        std::string rel = "content/feeds/" + path.filename().string();
        auto text = read_file(path);
        if (!text) {
            diags.add({rel, 0, 0, Severity::warning, "cannot read the file", {}, {}});
            continue;
        }
        if (!check_utf8_file(rel, *text, diags)) continue;
        for (auto& item : parse_archive_file(rel, *text, diags)) {
            if (!seen.insert(item.id).second) continue;  // the same item in two week files
            all.push_back(std::move(item));
        }
    }
    std::sort(all.begin(), all.end(), archive_order);
    return all;
}

std::string archive_file_name(const ArchiveItem& item, const TimeZone& zone) {
    CivilDate day = zone.localize(item.sort_time()).local().date;
    return iso_week(day).str() + ".jsonl";
}

ArchiveStore::ArchiveStore(std::filesystem::path root, TimeZone zone, Diagnostics& diags)
    : dir_(std::move(root) / "content" / "feeds"), zone_(std::move(zone)) {
    for (const auto& path :
         list_site_files(dir_.parent_path().parent_path(), dir_, ".jsonl", diags)) {
        if (path.parent_path() != dir_) continue;
        std::string name = path.filename().string();
        std::string rel = "content/feeds/" + name;
        auto text = read_file(path);
        if (!text) {
            diags.add({rel, 0, 0, Severity::warning, "cannot read the file", {}, {}});
            unreadable_[name] = 1;
            continue;
        }
        if (!check_utf8_file(rel, *text, diags)) {
            unreadable_[name] = 1;
            continue;
        }
        Diagnostics file_diags;
        auto items = parse_archive_file(rel, *text, file_diags);
        if (file_diags.warning_count() + file_diags.error_count() > 0)
            unreadable_[name] = static_cast<int>(file_diags.items().size());
        diags.append(file_diags);
        for (auto& item : items) {
            if (items_.count(item.id)) continue;
            file_of_[item.id] = name;
            items_.emplace(item.id, std::move(item));
        }
    }
}

MergeResult ArchiveStore::merge(const std::vector<ArchiveItem>& incoming) {
    MergeResult r;
    std::set<std::string> this_batch;
    for (const auto& item : incoming) {
        if (!this_batch.insert(item.id).second) continue;  // a feed that repeats a guid
        auto it = items_.find(item.id);
        if (it == items_.end()) {
            std::string file = archive_file_name(item, zone_);
            file_of_[item.id] = file;
            items_.emplace(item.id, item);
            dirty_[file] = true;
            ++r.added;
            continue;
        }
        ArchiveItem& old = it->second;
        if (!content_changed(old, item)) continue;
        // Updated in place: the item keeps its id, its week file and when it was first seen.
        std::optional<std::int64_t> published = old.published;
        std::int64_t fetched = old.fetched;
        old = item;
        old.published = published;
        old.fetched = fetched;
        dirty_[file_of_[item.id]] = true;
        ++r.updated;
    }
    return r;
}

std::vector<std::string> ArchiveStore::save() {
    std::vector<std::string> errors;
    std::error_code ec;
    if (!dirty_.empty()) {
        std::filesystem::create_directories(dir_, ec);
        if (ec) return {"cannot create " + dir_.string() + ": " + ec.message()};
    }
    for (const auto& [file, dirty] : dirty_) {
        if (!dirty) continue;
        if (auto bad = unreadable_.find(file); bad != unreadable_.end()) {
            errors.push_back("content/feeds/" + file + " has " + std::to_string(bad->second) +
                             " unreadable line(s); it was not rewritten, so its new items "
                             "were not saved (fix or remove those lines)");
            continue;
        }
        std::vector<ArchiveItem> items;
        for (const auto& [id, f] : file_of_)
            if (f == file) items.push_back(items_.at(id));
        std::string bytes;
        for (const auto& item : sorted(std::move(items))) bytes += serialize_item(item) + "\n";
        if (std::string why = archive_write_refusal(dir_.parent_path().parent_path(), file);
            !why.empty()) {
            errors.push_back(why);
            continue;
        }
        auto old = read_file(dir_ / file);
        if (old && *old == bytes) continue;
        if (Status written = write_file_atomic(dir_ / file, bytes); !written)
            errors.push_back(written.error());
    }
    dirty_.clear();
    return errors;
}

std::size_t ArchiveStore::count_for_source(std::string_view source_id) const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(),
                      [&](const auto& kv) { return kv.second.source_id == source_id; }));
}

std::string archive_write_refusal(const std::filesystem::path& root, const std::string& name) {
    const std::filesystem::path dir = root / "content" / "feeds";
    if (std::string why = read_refusal(root, "content/feeds"); !why.empty()) return why;
    return write_refusal(dir, dir / name, /*replace=*/true);
}

void remove_stale_temp_files(const std::filesystem::path& root) {
    std::error_code ec;
    std::filesystem::path dir = root / "content" / "feeds";
    if (!std::filesystem::is_directory(dir, ec)) return;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        // Only write_file_atomic's own names: <week>.jsonl.tmp-<pid>-<n>, state.json.tmp-….
        static const std::regex ours(R"((\d{4}-W\d{2}\.jsonl|state\.json)\.tmp-\d+-\d+)");
        std::string name = it->path().filename().string();
        if (std::regex_match(name, ours) && it->is_regular_file(ec) && !it->is_symlink(ec))
            std::filesystem::remove(it->path(), ec);
    }
}

ArchiveLock::ArchiveLock(const std::filesystem::path& root) {
    std::filesystem::path dir = root / "content" / "feeds";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::filesystem::path path = dir / ".brief.lock";
    lock_ = FileLock(
        path, "another 'brief fetch' is writing the archive (it holds " + path.string() + ")");
}

}  // namespace brief
