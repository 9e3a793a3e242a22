#include "output/writer.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "util/fs.h"
#include "util/parallel.h"

namespace brief {
namespace {

std::string errno_text() {
    return std::strerror(errno);
}

std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Calls f(name, is_folder, inode) for every entry of the open folder `fd` but "." and "..",
// then closes it. The type and inode come from readdir; a stat only where the file system
// does not say the type. The one folder loop of the writer.
template <typename F>
void each_entry(int fd, F&& f) {
    DIR* d = ::fdopendir(fd);
    if (!d) {
        ::close(fd);
        return;
    }
    while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        bool folder = e->d_type == DT_DIR;
        std::uint64_t inode = e->d_ino;
        if (e->d_type == DT_UNKNOWN) {
            struct stat st;
            if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
            folder = S_ISDIR(st.st_mode);
            inode = st.st_ino;
        }
        f(::dirfd(d), e->d_name, folder, inode);
    }
    ::closedir(d);
}

int open_folder(int at, const char* name) {
    return ::openat(at, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
}

std::string joined(const std::string& prefix, const char* name) {
    return prefix.empty() ? std::string(name) : prefix + "/" + name;
}

// Every non-directory under `fd`, by path relative to the output folder, with its stat.
template <typename F>
void walk(int fd, const std::string& prefix, F&& on_file) {
    each_entry(fd, [&](int at, const char* name, bool folder, std::uint64_t) {
        const std::string rel = joined(prefix, name);
        if (folder) {
            if (int sub = open_folder(at, name); sub >= 0) walk(sub, rel, on_file);
            return;
        }
        struct stat st;
        if (::fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0) on_file(rel, st);
    });
}

// Every non-directory under `fd` with its inode number, and every folder, from readdir alone.
template <typename F, typename G>
void walk_names(int fd, const std::string& prefix, F&& on_file, G&& on_dir) {
    each_entry(fd, [&](int at, const char* name, bool folder, std::uint64_t inode) {
        const std::string rel = joined(prefix, name);
        if (!folder) return on_file(rel, inode);
        on_dir(rel);
        if (int sub = open_folder(at, name); sub >= 0) walk_names(sub, rel, on_file, on_dir);
    });
}

// Writes `bytes` to a new file; fills size, mtime and inode from the written file. No fsync:
// a crash before the build finishes leaves the old site in place, and the page cache is
// the operating system's business after that.
std::string write_new(const std::filesystem::path& path, std::string_view bytes,
                      OutputRecord& rec) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return "cannot create " + path.string() + ": " + errno_text();
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::string err = "cannot write " + path.string() + ": " + errno_text();
            ::close(fd);
            return err;
        }
        done += static_cast<std::size_t>(n);
    }
    struct stat st;
    if (::fstat(fd, &st) == 0) {
        rec.mtime_ns = mtime_ns(st);
        rec.inode = st.st_ino;
    }
    if (::close(fd) != 0) return "cannot write " + path.string() + ": " + errno_text();
    return {};
}

// True when the file at `path` holds exactly `bytes`.
bool same_bytes(const std::filesystem::path& path, std::string_view bytes) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    std::string buf(64 * 1024, '\0');
    std::size_t at = 0;
    bool same = true;
    for (;;) {
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            same = n == 0 && at == bytes.size();
            break;
        }
        auto got = static_cast<std::size_t>(n);
        if (at + got > bytes.size() || std::memcmp(buf.data(), bytes.data() + at, got) != 0) {
            same = false;
            break;
        }
        at += got;
    }
    ::close(fd);
    return same;
}

std::atomic<unsigned> g_writer_counter{0};

// Written first into every staging folder, removed just before it is swapped in: a folder
// with the staging name and this file is a killed build's, never someone's own.
constexpr const char* kStagingMarker = ".brief-staging";

bool holds(const std::filesystem::path& dir, std::string_view name) {
    struct stat st;
    return ::lstat((dir / name).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool fs_empty(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::is_empty(dir, ec) && !ec;
}

// Everything inside the folder open as `fd` (closed here), by file descriptor: no path is
// looked up twice and no entry is stat'ed when readdir already says what it is, a third of the
// system calls of std::filesystem::remove_all. Links are removed, never followed.
void remove_inside(int fd) {
    each_entry(fd, [](int at, const char* name, bool folder, std::uint64_t) {
        if (folder) {
            if (int sub = open_folder(at, name); sub >= 0) remove_inside(sub);
            ::unlinkat(at, name, AT_REMOVEDIR);
        } else {
            ::unlinkat(at, name, 0);
        }
    });
}

void remove_one_tree(const std::filesystem::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) remove_inside(fd);
    ::rmdir(dir.c_str());
}

// The folders two levels down (briefings/<slug>, topics/<t>): a site's bulk, deleted on every
// core, then what is left above them.
void remove_tree(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> inner;
    auto folders = [](const std::filesystem::path& d, auto&& each) {
        int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) return;
        each_entry(fd, [&](int, const char* name, bool folder, std::uint64_t) {
            if (folder) each(d / name);
        });
    };
    folders(dir, [&](const std::filesystem::path& top) {
        folders(top, [&](const std::filesystem::path& p) { inner.push_back(p); });
    });
    parallel_for(inner.size(), 0, [&](std::size_t i) { remove_one_tree(inner[i]); });
    remove_one_tree(dir);
}

// Deletes a tree Brief made: first renamed to a trash name (atomic), so that a kill in the
// middle of the deletion leaves a folder whose name alone says it is Brief's to finish.
void discard(const std::filesystem::path& dir, const std::filesystem::path& out) {
    std::filesystem::path trash = dir.parent_path() / (trash_prefix(out) + dir.filename().string());
    if (::rename(dir.c_str(), trash.c_str()) != 0) trash = dir;
    remove_tree(trash);
}

// A folder (not a link) that carries one of Brief's markers.
bool is_brief_tree(const std::filesystem::path& dir) {
    struct stat st;
    return ::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) &&
           (holds(dir, kStagingMarker) || holds(dir, kOutputMarker));
}

// Removes what killed builds of `out` left beside it: folders with its trash prefix (being
// deleted), and folders with its staging prefix that are empty or carry a marker of Brief's (a
// half-built tree, or an old site swapped out and not yet deleted). The caller holds the
// lock, so none of them belongs to a running build.
void remove_leftovers(const std::filesystem::path& out) {
    const std::string stage = staging_prefix(out), trash = trash_prefix(out);
    std::error_code ec;
    std::vector<std::filesystem::path> found;
    for (auto it = std::filesystem::directory_iterator(out.parent_path(), ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::filesystem::path& p = it->path();
        const std::string name = p.filename().string();
        if (!name.starts_with(stage) && !name.starts_with(trash)) continue;
        if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
        // An empty one is a build killed between making the folder and marking it.
        if (name.starts_with(stage) && !holds(p, kStagingMarker) && !holds(p, kOutputMarker) &&
            !fs_empty(p))
            continue;
        found.push_back(p);
    }
    for (const auto& p : found) {
        if (p.filename().string().starts_with(trash)) {
            remove_tree(p);
        } else {
            discard(p, out);
        }
    }
}

}  // namespace

std::string previous_name(const std::filesystem::path& out) {
    return "." + out.filename().string() + ".brief-prev";
}

std::string staging_prefix(const std::filesystem::path& out) {
    return "." + out.filename().string() + ".brief-stage-";
}

std::string trash_prefix(const std::filesystem::path& out) {
    return "." + out.filename().string() + ".brief-trash-";
}

SiteWriter::SiteWriter(OutputDecision where, OutputManifest previous)
    : where_(std::move(where)), out_(where_.folder), previous_(std::move(previous)) {}

SiteWriter::~SiteWriter() {
    if (opened_ && !done_) abort();
    release();
}

std::string SiteWriter::open() {
    opened_ = true;
    if (!where_.refusal.empty()) {
        done_ = true;
        return where_.refusal;
    }
    const std::filesystem::path parent = out_.parent_path();
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    // One build at a time per parent folder: flock on the folder itself, released when the
    // process ends however it ends.
    lock_ = FileLock(parent, "another build is writing into " + parent.string());
    if (!lock_.ok()) {
        done_ = true;
        return lock_.error();
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
            return "cannot create " + staging_.string() + ": " + ec.message();
        }
    }
    made_dirs_.insert(staging_);
    OutputRecord ignored;
    if (auto err = write_new(staging_ / kStagingMarker, "", ignored); !err.empty()) {
        abort();
        return err;
    }
    if (fresh_) return {};
    // The new folder keeps the old one's permissions (a web server's group, say).
    struct stat root;
    if (::stat(out_.c_str(), &root) == 0) ::chmod(staging_.c_str(), root.st_mode & 07777);
    if (reuse_) {
        int pfd = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (pfd < 0) {
            abort();
            return "cannot read " + staging_.string() + ": " + errno_text();
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
        return "cannot read " + out_.string() + ": " + errno_text();
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
    if (auto err = stage_link(path); !err.empty()) return fail(std::move(err));
    std::lock_guard<std::mutex> lock(mu_);
    next_[path] = previous_.at(path);
    ++kept_;
}

void SiteWriter::fail(std::string message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.empty()) error_ = std::move(message);
}

std::string SiteWriter::make_parent(const std::string& path) {
    std::filesystem::path dir = (staging_ / path).parent_path();
    std::lock_guard<std::mutex> lock(mu_);
    if (made_dirs_.count(dir)) return {};
    const std::string rel_dir = std::filesystem::path(path).parent_path().string();
    if (!reuse_ || !prev_dirs_.count(rel_dir))
        if (auto err = make_dir(dir); !err.empty()) return err;
    for (auto d = dir; d != staging_ && made_dirs_.insert(d).second; d = d.parent_path()) {
    }
    return {};
}

// Makes `dir` inside the staged tree, and the folders above it; a file in the way (a page
// that became a folder since the tree's generation) is removed first. Under mu_.
std::string SiteWriter::make_dir(const std::filesystem::path& dir) {
    if (dir == staging_ || ::mkdir(dir.c_str(), 0777) == 0) return {};
    if (errno == ENOENT) {
        if (auto err = make_dir(dir.parent_path()); !err.empty()) return err;
        if (::mkdir(dir.c_str(), 0777) == 0) return {};
    }
    struct stat st;
    if (errno == EEXIST && ::lstat(dir.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return {};
        if (::unlink(dir.c_str()) == 0 && ::mkdir(dir.c_str(), 0777) == 0) return {};
    }
    return "cannot create " + dir.string() + ": " + errno_text();
}

// In a reused tree the place of `path` may hold a folder (a folder that became a page).
void SiteWriter::clear_slot(const std::string& path) {
    if (reuse_ && prev_dirs_.count(path)) remove_one_tree(staging_ / path);
}

std::string SiteWriter::stage_new(const std::string& path, std::string_view bytes,
                                  OutputRecord& rec) {
    if (auto err = make_parent(path); !err.empty()) return err;
    const std::filesystem::path to = staging_ / path;
    if (!reuse_) {
        if (auto err = write_new(to, bytes, rec); !err.empty()) return err;
    } else {
        // Written beside its place and renamed over the older generation's file.
        clear_slot(path);
        std::filesystem::path tmp = to;
        tmp += ".brief-tmp";
        if (auto err = write_new(tmp, bytes, rec); !err.empty()) return err;
        if (::rename(tmp.c_str(), to.c_str()) != 0)
            return "cannot write " + to.string() + ": " + errno_text();
    }
    std::lock_guard<std::mutex> lock(mu_);
    written_.insert(path);
    return {};
}

// The live file, linked into the new tree: same inode, same bytes, nothing copied.
std::string SiteWriter::stage_link(const std::string& path) {
    if (reuse_) {
        // Already there: the older generation holds the very same file.
        auto p = prev_files_.find(path);
        auto e = existing_.find(path);
        if (p != prev_files_.end() && e != existing_.end() && p->second == e->second.inode)
            return {};
    }
    if (auto err = make_parent(path); !err.empty()) return err;
    const std::filesystem::path from = out_ / path;
    std::filesystem::path to = staging_ / path;
    if (reuse_) {
        clear_slot(path);
        to += ".brief-tmp";
    }
    std::string err = link_or_copy(from, to);
    if (err.empty() && reuse_ && ::rename(to.c_str(), (staging_ / path).c_str()) != 0)
        err = "cannot link " + from.string() + " into the new site: " + errno_text();
    return err;
}

std::string SiteWriter::link_or_copy(const std::filesystem::path& from,
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
    return "cannot link " + from.string() + " into the new site: " + errno_text();
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
            if (auto err = stage_link(path); !err.empty()) return fail(std::move(err));
            rec.mtime_ns = now.mtime_ns;
            rec.inode = now.inode;
            std::lock_guard<std::mutex> lock(mu_);
            next_[path] = rec;
            return;
        }
    }
    if (auto err = stage_new(path, bytes, rec); !err.empty()) return fail(std::move(err));
    std::lock_guard<std::mutex> lock(mu_);
    next_[path] = rec;
}

// Puts the staged tree where the output folder is, in one step where the folder exists.
std::string SiteWriter::swap_in() {
    if (where_.state == OutputState::foreign) {
        // --force: the folder's own files are moved aside whole, never deleted.
        if (::rename(out_.c_str(), where_.move_aside_to.c_str()) != 0)
            return "cannot move " + out_.string() + " aside to " + where_.move_aside_to.string() +
                   ": " + errno_text();
    }
    if (fresh_) {
        if (::rename(staging_.c_str(), out_.c_str()) != 0)
            return "cannot move the new site into " + out_.string() + ": " + errno_text();
        // A generation kept beside a folder that is gone (or was moved aside) is of no use.
        if (is_brief_tree(prev_)) discard(prev_, out_);
        return {};
    }
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS)
            return "cannot swap the new site into " + out_.string() + ": " + errno_text();
        // A file system without RENAME_EXCHANGE: two renames, with a moment of no site
        // between them (still never a mix of two).
        const std::filesystem::path old =
            staging_.parent_path() / (staging_.filename().string() + "-old");
        if (::rename(out_.c_str(), old.c_str()) != 0)
            return "cannot move the old site out of " + out_.string() + ": " + errno_text();
        if (::rename(staging_.c_str(), out_.c_str()) != 0) {
            std::string err =
                "cannot move the new site into " + out_.string() + ": " + errno_text();
            ::rename(old.c_str(), out_.c_str());
            return err;
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

WriteResult SiteWriter::commit() {
    WriteResult result;
    if (!opened_ || done_) {
        result.error = error_.empty() ? "the site writer was not opened" : error_;
        return result;
    }
    // Files Brief did not write are carried over into the new tree untouched.
    for (const auto& rel : foreign_)
        if (auto err = stage_link(rel); !err.empty()) fail(std::move(err));
    if (reuse_ && error_.empty()) remove_unwanted();
    std::vector<std::string> files;
    files.reserve(next_.size());
    for (const auto& [path, rec] : next_) files.push_back(path);
    OutputRecord ignored;
    const std::filesystem::path marker = staging_ / kOutputMarker;
    std::filesystem::path marker_tmp = marker;
    marker_tmp += ".brief-tmp";
    if (error_.empty())
        if (auto err = write_new(marker_tmp, output_marker(files), ignored); !err.empty())
            fail(std::move(err));
    if (error_.empty() && ::rename(marker_tmp.c_str(), marker.c_str()) != 0)
        fail("cannot write " + marker.string() + ": " + errno_text());
    if (error_.empty() && ::unlink((staging_ / kStagingMarker).c_str()) != 0)
        fail("cannot finish " + staging_.string() + ": " + errno_text());
    if (error_.empty())
        if (auto err = swap_in(); !err.empty()) fail(std::move(err));
    if (!error_.empty()) {
        result.error = error_;
        abort();
        return result;
    }
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

WriteResult write_site(const std::filesystem::path& output_dir,
                       const std::vector<Output>& outputs) {
    SiteWriter writer(decide_output({}, output_dir, false));
    WriteResult result;
    if (auto err = writer.open(); !err.empty()) {
        result.error = std::move(err);
        return result;
    }
    for (const auto& o : outputs) writer.put(o.path, o.bytes);
    return writer.commit();
}

}  // namespace brief
