#include "output/writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "output/folders.h"
#include "util/fs.h"

namespace brief {
namespace {

using namespace output_folders;

std::atomic<unsigned> g_writer_counter{0};

}  // namespace

SiteWriter::SiteWriter(OutputDecision where, OutputManifest previous)
    : where_(std::move(where)), out_(where_.folder), previous_(std::move(previous)) {}

SiteWriter::~SiteWriter() {
    if (opened_ && !done_) abort();
    release();
}

Status SiteWriter::open() {
    opened_ = true;
    if (!where_.refusal.empty()) {
        done_ = true;
        return brief::fail(where_.refusal);
    }
    const std::filesystem::path parent = out_.parent_path();
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    // One build at a time per parent folder: flock on the folder itself, released when the
    // process ends however it ends.
    lock_ = FileLock(parent, "another build is writing into " + parent.string());
    if (!lock_.ok()) {
        done_ = true;
        return brief::fail(lock_.error());
    }
    remove_leftovers(out_);
    prev_ = parent / previous_name(out_);
    // A folder moved aside (--force) or absent brings nothing over.
    fresh_ = where_.state == OutputState::absent || where_.state == OutputState::foreign;
    // The generation before the live one, kept beside it by the last build, becomes the new
    // tree: only what differs from the live site is written or linked in it.
    reuse_ = !fresh_ && is_brief_tree(prev_);
    if (reuse_) {
        staging_ = prev_;
    } else {
        staging_ = parent / (staging_prefix(out_) + std::to_string(getpid()) + "-" +
                             std::to_string(g_writer_counter++));
        if (!std::filesystem::create_directory(staging_, ec)) {
            done_ = true;
            return brief::fail("cannot create " + staging_.string() + ": " + ec.message());
        }
    }
    made_dirs_.insert(staging_);
    OutputRecord ignored;
    if (Status st = write_new(staging_ / kStagingMarker, "", ignored); !st) {
        abort();
        return st;
    }
    if (fresh_) return {};
    // The new folder keeps the old one's permissions (a web server's group, say).
    struct stat root;
    if (::stat(out_.c_str(), &root) == 0) ::chmod(staging_.c_str(), root.st_mode & 07777);
    if (reuse_) {
        int pfd = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (pfd < 0) {
            abort();
            return brief::fail("cannot read " + staging_.string() + ": " + errno_text());
        }
        walk_names(
            pfd, "",
            [&](const std::string& rel, std::uint64_t inode) {
                if (rel != kOutputMarker && rel != kStagingMarker) prev_files_[rel] = inode;
            },
            [&](const std::string& rel) { prev_dirs_.insert(rel); });
    }
    int fd = ::open(out_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        abort();
        return brief::fail("cannot read " + out_.string() + ": " + errno_text());
    }
    const std::set<std::string> ours(where_.written.begin(), where_.written.end());
    walk(fd, "", [&](const std::string& rel, const struct stat& s) {
        if (rel == kOutputMarker) return;
        bool mine = ours.count(rel) > 0;
        existing_[rel] = {static_cast<std::uint64_t>(s.st_size), mtime_ns(s), s.st_ino, mine};
        if (!mine) foreign_.push_back(rel);
    });
    return {};
}

bool SiteWriter::unchanged(const std::string& path, const Hash128& page_key) {
    if (fresh_ || page_key.empty()) return false;
    auto e = existing_.find(path);
    auto p = previous_.find(path);
    if (e == existing_.end() || !e->second.ours || p == previous_.end()) return false;
    const OutputRecord& r = p->second;
    return r.page_key == page_key && r.size == e->second.size && r.mtime_ns == e->second.mtime_ns &&
           r.inode == e->second.inode;
}

void SiteWriter::keep(const std::string& path) {
    if (Status st = stage_link(path); !st) return fail(st.error());
    std::lock_guard<std::mutex> lock(mu_);
    next_[path] = previous_.at(path);
    ++kept_;
}

void SiteWriter::fail(std::string message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.empty()) error_ = std::move(message);
}

Status SiteWriter::make_parent(const std::string& path) {
    std::filesystem::path dir = (staging_ / path).parent_path();
    std::lock_guard<std::mutex> lock(mu_);
    if (made_dirs_.count(dir)) return {};
    const std::string rel_dir = std::filesystem::path(path).parent_path().string();
    if (!reuse_ || !prev_dirs_.count(rel_dir))
        if (Status st = make_dir(dir); !st) return st;
    for (auto d = dir; d != staging_ && made_dirs_.insert(d).second; d = d.parent_path()) {
    }
    return {};
}

// Makes `dir` inside the staged tree, and the folders above it; a file in the way (a page
// that became a folder since the tree's generation) is removed first. Under mu_.
Status SiteWriter::make_dir(const std::filesystem::path& dir) {
    if (dir == staging_ || ::mkdir(dir.c_str(), 0777) == 0) return {};
    if (errno == ENOENT) {
        if (Status st = make_dir(dir.parent_path()); !st) return st;
        if (::mkdir(dir.c_str(), 0777) == 0) return {};
    }
    struct stat st;
    if (errno == EEXIST && ::lstat(dir.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return {};
        if (::unlink(dir.c_str()) == 0 && ::mkdir(dir.c_str(), 0777) == 0) return {};
    }
    return brief::fail("cannot create " + dir.string() + ": " + errno_text());
}

// In a reused tree the place of `path` may hold a folder (a folder that became a page).
void SiteWriter::clear_slot(const std::string& path) {
    if (reuse_ && prev_dirs_.count(path)) remove_one_tree(staging_ / path);
}

Status SiteWriter::stage_new(const std::string& path, std::string_view bytes, OutputRecord& rec) {
    if (Status st = make_parent(path); !st) return st;
    const std::filesystem::path to = staging_ / path;
    if (!reuse_) {
        if (Status st = write_new(to, bytes, rec); !st) return st;
    } else {
        // Written beside its place and renamed over the older generation's file.
        clear_slot(path);
        std::filesystem::path tmp = to;
        tmp += ".brief-tmp";
        if (Status st = write_new(tmp, bytes, rec); !st) return st;
        if (::rename(tmp.c_str(), to.c_str()) != 0)
            return brief::fail("cannot write " + to.string() + ": " + errno_text());
    }
    std::lock_guard<std::mutex> lock(mu_);
    written_.insert(path);
    return {};
}

// The live file, linked into the new tree: same inode, same bytes, nothing copied.
Status SiteWriter::stage_link(const std::string& path) {
    if (reuse_) {
        // Already there: the older generation holds the very same file.
        auto p = prev_files_.find(path);
        auto e = existing_.find(path);
        if (p != prev_files_.end() && e != existing_.end() && p->second == e->second.inode)
            return {};
    }
    if (Status st = make_parent(path); !st) return st;
    const std::filesystem::path from = out_ / path;
    std::filesystem::path to = staging_ / path;
    if (reuse_) {
        clear_slot(path);
        to += ".brief-tmp";
    }
    Status linked = link_or_copy(from, to);
    if (linked && reuse_ && ::rename(to.c_str(), (staging_ / path).c_str()) != 0)
        return brief::fail("cannot link " + from.string() + " into the new site: " + errno_text());
    return linked;
}

Status SiteWriter::link_or_copy(const std::filesystem::path& from,
                                const std::filesystem::path& to) {
    if (::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), 0) == 0) return {};
    // A file system without hard links (vfat, some network mounts): copy the bytes instead.
    if (errno == EPERM || errno == EOPNOTSUPP || errno == EMLINK) {
        struct stat st;
        if (::lstat(from.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
            if (auto bytes = read_file(from)) {
                OutputRecord ignored;
                return write_new(to, *bytes, ignored);
            }
        }
    }
    return brief::fail("cannot link " + from.string() + " into the new site: " + errno_text());
}

void SiteWriter::put(const std::string& path, std::string_view bytes, const Hash128& page_key) {
    if (path.empty() || path.front() == '/' || path.find("..") != std::string::npos ||
        path == kOutputMarker || path == kStagingMarker) {
        fail("refusing to write outside the site: " + path);
        return;
    }
    OutputRecord rec;
    rec.size = bytes.size();
    rec.hash = hash_bytes(bytes);
    rec.page_key = page_key;
    if (auto e = existing_.find(path); e != existing_.end()) {
        const Existing& now = e->second;
        if (!now.ours) {
            fail("the site now has a file " + path + ", but " + (out_ / path).string() +
                 " is one Brief did not write and will not replace; move it out of the output "
                 "folder and build again");
            return;
        }
        auto p = previous_.find(path);
        bool trusted = p != previous_.end() && p->second.size == now.size &&
                       p->second.mtime_ns == now.mtime_ns && p->second.inode == now.inode;
        bool same = trusted ? p->second.hash == rec.hash
                            : now.size == bytes.size() && same_bytes(out_ / path, bytes);
        if (same) {
            if (Status st = stage_link(path); !st) return fail(st.error());
            rec.mtime_ns = now.mtime_ns;
            rec.inode = now.inode;
            std::lock_guard<std::mutex> lock(mu_);
            next_[path] = rec;
            return;
        }
    }
    if (Status st = stage_new(path, bytes, rec); !st) return fail(st.error());
    std::lock_guard<std::mutex> lock(mu_);
    next_[path] = rec;
}

// Puts the staged tree where the output folder is, in one step where the folder exists.
Status SiteWriter::swap_in() {
    if (where_.state == OutputState::foreign) {
        // --force: the folder's own files are moved aside whole, never deleted.
        if (::rename(out_.c_str(), where_.move_aside_to.c_str()) != 0)
            return brief::fail("cannot move " + out_.string() + " aside to " +
                               where_.move_aside_to.string() + ": " + errno_text());
    }
    if (fresh_) {
        if (::rename(staging_.c_str(), out_.c_str()) != 0)
            return brief::fail("cannot move the new site into " + out_.string() + ": " +
                               errno_text());
        // A generation kept beside a folder that is gone (or was moved aside) is of no use.
        if (is_brief_tree(prev_)) discard(prev_, out_);
        return {};
    }
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS)
            return brief::fail("cannot swap the new site into " + out_.string() + ": " +
                               errno_text());
        // A file system without RENAME_EXCHANGE: two renames, with a moment of no site
        // between them (still never a mix of two).
        const std::filesystem::path old =
            staging_.parent_path() / (staging_.filename().string() + "-old");
        if (::rename(out_.c_str(), old.c_str()) != 0)
            return brief::fail("cannot move the old site out of " + out_.string() + ": " +
                               errno_text());
        if (::rename(staging_.c_str(), out_.c_str()) != 0) {
            Status moved =
                brief::fail("cannot move the new site into " + out_.string() + ": " + errno_text());
            ::rename(old.c_str(), out_.c_str());
            return moved;
        }
        discard(old, out_);
        return {};
    }
    // staging_ now holds the previous site (marked as Brief's): it is kept as the next
    // build's tree, unless it already was (then it is there) or something else has the name.
    if (!reuse_) {
        struct stat st;
        if (::lstat(prev_.c_str(), &st) == 0 || ::rename(staging_.c_str(), prev_.c_str()) != 0)
            discard(staging_, out_);
    }
    return {};
}

Result<WriteResult> SiteWriter::commit() {
    if (!opened_ || done_)
        return brief::fail(error_.empty() ? "the site writer was not opened" : error_);
    // Files Brief did not write are carried over into the new tree untouched.
    for (const auto& rel : foreign_)
        if (Status st = stage_link(rel); !st) fail(st.error());
    if (reuse_ && error_.empty()) remove_unwanted();
    std::vector<std::string> files;
    files.reserve(next_.size());
    for (const auto& [path, rec] : next_) files.push_back(path);
    OutputRecord ignored;
    const std::filesystem::path marker = staging_ / kOutputMarker;
    std::filesystem::path marker_tmp = marker;
    marker_tmp += ".brief-tmp";
    if (error_.empty())
        if (Status st = write_new(marker_tmp, output_marker(files), ignored); !st) fail(st.error());
    if (error_.empty() && ::rename(marker_tmp.c_str(), marker.c_str()) != 0)
        fail("cannot write " + marker.string() + ": " + errno_text());
    if (error_.empty() && ::unlink((staging_ / kStagingMarker).c_str()) != 0)
        fail("cannot finish " + staging_.string() + ": " + errno_text());
    if (error_.empty())
        if (Status st = swap_in(); !st) fail(st.error());
    if (!error_.empty()) {
        abort();
        return brief::fail(error_);
    }
    WriteResult result;
    for (const auto& path : written_)
        (existing_.count(path) ? result.changed : result.added).push_back(path);
    for (const auto& [path, e] : existing_)
        if (e.ours && !next_.count(path)) result.removed.push_back(path);
    done_ = true;
    release();
    result.written = written_.size();
    result.files = next_.size();
    result.kept = kept_;
    for (const auto& [path, rec] : next_) result.bytes += rec.size;
    return result;
}

// In a reused tree: every file of the older generation that the new site does not have goes,
// and the folders that leaves empty.
void SiteWriter::remove_unwanted() {
    const std::set<std::string> kept(foreign_.begin(), foreign_.end());
    std::set<std::filesystem::path, std::greater<>> emptied;
    for (const auto& [rel, inode] : prev_files_) {
        if (next_.count(rel) || kept.count(rel)) continue;
        ::unlink((staging_ / rel).c_str());
        for (auto d = std::filesystem::path(rel).parent_path(); !d.empty(); d = d.parent_path())
            emptied.insert(d);
    }
    for (const auto& d : emptied) ::rmdir((staging_ / d).c_str());
}

void SiteWriter::abort() {
    // Only ever the staging folder this writer made (and never after it became the site). A
    // reused generation stays, marked as being updated: the next build finishes it.
    if (!staging_.empty() && !done_ && !reuse_) discard(staging_, out_);
    done_ = true;
    release();
}

void SiteWriter::release() {
    lock_.release();
}

Result<WriteResult> write_site(const std::filesystem::path& output_dir,
                               const std::vector<Output>& outputs) {
    SiteWriter writer(decide_output({}, output_dir, false));
    if (Status opened = writer.open(); !opened) return brief::fail(opened.error());
    for (const auto& o : outputs) writer.put(o.path, o.bytes);
    return writer.commit();
}

}  // namespace brief
