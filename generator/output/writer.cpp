#include "output/writer.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

namespace brief {
namespace {

std::string errno_text() {
    return std::strerror(errno);
}

std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Every non-directory under `dir`, by path relative to the output folder.
template <typename F>
void walk(int dirfd, const std::string& prefix, F&& on_file) {
    DIR* d = ::fdopendir(dirfd);
    if (!d) {
        ::close(dirfd);
        return;
    }
    while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        struct stat st;
        if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        std::string rel = prefix.empty() ? std::string(name) : prefix + "/" + std::string(name);
        if (S_ISDIR(st.st_mode)) {
            int sub =
                ::openat(::dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
            if (sub >= 0) walk(sub, rel, on_file);
        } else {
            on_file(rel, st);
        }
    }
    ::closedir(d);
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

}  // namespace

SiteWriter::SiteWriter(std::filesystem::path output_dir, OutputManifest previous)
    : out_(std::move(output_dir)), previous_(std::move(previous)) {}

SiteWriter::~SiteWriter() {
    if (opened_ && !done_) abort();
}

std::string SiteWriter::open() {
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(out_, ec).lexically_normal();
    if (!abs.has_filename()) abs = abs.parent_path();
    out_ = abs;
    std::filesystem::path parent = out_.parent_path();
    std::filesystem::create_directories(parent, ec);
    const std::string stamp = std::to_string(getpid()) + "-" + std::to_string(g_writer_counter++);
    const std::string name = out_.filename().string();
    opened_ = true;
    struct stat st;
    if (::lstat(out_.c_str(), &st) != 0) {
        // A new site: write a whole tree beside it and rename it into place at the end.
        fresh_ = true;
        staging_ = parent / ("." + name + ".tmp-" + stamp);
        std::filesystem::remove_all(staging_, ec);
        if (!std::filesystem::create_directory(staging_, ec)) {
            done_ = true;
            return "cannot create " + staging_.string() + ": " + ec.message();
        }
        return {};
    }
    if (!S_ISDIR(st.st_mode)) {
        done_ = true;
        return "cannot write the site into " + out_.string() + ": it exists and is not a folder";
    }
    staging_ = parent / ("." + name + ".stage-" + stamp);
    int fd = ::open(out_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        done_ = true;
        return "cannot read " + out_.string() + ": " + errno_text();
    }
    walk(fd, "", [&](const std::string& rel, const struct stat& s) {
        existing_[rel] = {static_cast<std::uint64_t>(s.st_size), mtime_ns(s), s.st_ino};
    });
    return {};
}

bool SiteWriter::unchanged(const std::string& path, const Hash128& page_key) {
    if (fresh_ || page_key.empty()) return false;
    auto e = existing_.find(path);
    auto p = previous_.find(path);
    if (e == existing_.end() || p == previous_.end()) return false;
    const OutputRecord& r = p->second;
    return r.page_key == page_key && r.size == e->second.size && r.mtime_ns == e->second.mtime_ns &&
           r.inode == e->second.inode;
}

void SiteWriter::keep(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    next_[path] = previous_.at(path);
    ++kept_;
}

void SiteWriter::fail(std::string message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.empty()) error_ = std::move(message);
}

std::string SiteWriter::stage_file(const std::string& path, std::string_view bytes,
                                   OutputRecord& rec) {
    std::filesystem::path target;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (fresh_) {
            target = staging_ / path;
            std::filesystem::path dir = target.parent_path();
            if (!made_dirs_.count(dir)) {
                std::error_code ec;
                std::filesystem::create_directories(dir, ec);
                if (ec) return "cannot create " + dir.string() + ": " + ec.message();
                made_dirs_.insert(dir);
            }
        } else {
            if (made_dirs_.empty()) {
                std::error_code ec;
                std::filesystem::remove_all(staging_, ec);
                if (!std::filesystem::create_directory(staging_, ec))
                    return "cannot create " + staging_.string() + ": " + ec.message();
                made_dirs_.insert(staging_);
            }
            target = staging_ / std::to_string(counter_++);
        }
    }
    if (auto err = write_new(target, bytes, rec); !err.empty()) return err;
    if (!fresh_) {
        std::lock_guard<std::mutex> lock(mu_);
        staged_.push_back({target, path, !existing_.count(path)});
    }
    return {};
}

void SiteWriter::put(const std::string& path, std::string_view bytes, const Hash128& page_key) {
    if (path.empty() || path.front() == '/' || path.find("..") != std::string::npos) {
        fail("refusing to write outside the site: " + path);
        return;
    }
    OutputRecord rec;
    rec.size = bytes.size();
    rec.hash = hash_bytes(bytes);
    rec.page_key = page_key;
    if (!fresh_) {
        if (auto e = existing_.find(path); e != existing_.end()) {
            const Existing& now = e->second;
            auto p = previous_.find(path);
            bool trusted = p != previous_.end() && p->second.size == now.size &&
                           p->second.mtime_ns == now.mtime_ns && p->second.inode == now.inode;
            bool same = trusted ? p->second.hash == rec.hash
                                : now.size == bytes.size() && same_bytes(out_ / path, bytes);
            if (same) {
                rec.mtime_ns = now.mtime_ns;
                rec.inode = now.inode;
                std::lock_guard<std::mutex> lock(mu_);
                next_[path] = rec;
                return;
            }
        }
    }
    if (auto err = stage_file(path, bytes, rec); !err.empty()) {
        fail(std::move(err));
        return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    next_[path] = rec;
}

WriteResult SiteWriter::commit() {
    WriteResult result;
    if (!opened_ || done_) {
        result.error = error_.empty() ? "the site writer was not opened" : error_;
        return result;
    }
    if (!error_.empty()) {
        result.error = error_;
        abort();
        return result;
    }
    std::error_code ec;
    if (fresh_) {
        if (::rename(staging_.c_str(), out_.c_str()) != 0) {
            // Something created the folder meanwhile: swap the trees, then drop the old one.
            if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) !=
                0) {
                result.error =
                    "cannot move the new site into " + out_.string() + ": " + errno_text();
                abort();
                return result;
            }
            std::filesystem::remove_all(staging_, ec);
        }
        for (const auto& [path, rec] : next_) result.added.push_back(path);
        result.written = next_.size();
    } else {
        std::sort(staged_.begin(), staged_.end(),
                  [](const Staged& a, const Staged& b) { return a.to < b.to; });
        std::set<std::filesystem::path> dirs_ok;
        // Files that no output claims go first, so a file may become a folder and back.
        for (const auto& [path, st] : existing_) {
            if (next_.count(path)) continue;
            if (::unlink((out_ / path).c_str()) == 0 || errno == ENOENT)
                result.removed.push_back(path);
        }
        for (const auto& s : staged_) {
            std::filesystem::path target = out_ / s.to;
            std::filesystem::path dir = target.parent_path();
            if (!dirs_ok.count(dir)) {
                std::filesystem::create_directories(dir, ec);
                if (ec) {
                    result.error = "cannot create " + dir.string() + ": " + ec.message();
                    break;
                }
                dirs_ok.insert(dir);
            }
            struct stat st;
            if (::lstat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
                std::filesystem::remove_all(target, ec);
            if (::rename(s.from.c_str(), target.c_str()) != 0) {
                result.error =
                    "cannot move " + s.to + " into " + out_.string() + ": " + errno_text();
                break;
            }
            (s.added ? result.added : result.changed).push_back(s.to);
        }
        // Folders emptied by removals go too, deepest first.
        std::set<std::filesystem::path, std::greater<>> emptied;
        for (const auto& path : result.removed)
            for (auto d = std::filesystem::path(path).parent_path(); !d.empty();
                 d = d.parent_path())
                emptied.insert(d);
        for (const auto& d : emptied) ::rmdir((out_ / d).c_str());
        std::filesystem::remove_all(staging_, ec);
        result.written = staged_.size();
    }
    done_ = true;
    std::sort(result.added.begin(), result.added.end());
    std::sort(result.changed.begin(), result.changed.end());
    std::sort(result.removed.begin(), result.removed.end());
    result.files = next_.size();
    result.kept = kept_;
    for (const auto& [path, rec] : next_) result.bytes += rec.size;
    return result;
}

void SiteWriter::abort() {
    std::error_code ec;
    if (!staging_.empty()) std::filesystem::remove_all(staging_, ec);
    done_ = true;
}

WriteResult write_site(const std::filesystem::path& output_dir,
                       const std::vector<Output>& outputs) {
    SiteWriter writer(output_dir);
    WriteResult result;
    if (auto err = writer.open(); !err.empty()) {
        result.error = std::move(err);
        return result;
    }
    for (const auto& o : outputs) writer.put(o.path, o.bytes);
    return writer.commit();
}

}  // namespace brief
