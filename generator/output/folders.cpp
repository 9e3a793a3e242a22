#include "output/folders.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include "util/fs.h"
#include "util/parallel.h"

namespace brief {

namespace output_folders {

std::string errno_text() {
    return std::strerror(errno);
}

std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Writes `bytes` to a new file; fills size, mtime and inode from the written file. No fsync:
// a crash before the build finishes leaves the old site in place, and the page cache is
// the operating system's business after that.
Status write_new(const std::filesystem::path& path, std::string_view bytes, OutputRecord& rec) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return fail("cannot create " + path.string() + ": " + errno_text());
    if (Status written = write_all(fd, bytes, path); !written) {
        ::close(fd);
        return written;
    }
    struct stat st;
    if (::fstat(fd, &st) == 0) {
        rec.mtime_ns = mtime_ns(st);
        rec.inode = st.st_ino;
    }
    if (::close(fd) != 0) return fail("cannot write " + path.string() + ": " + errno_text());
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

}  // namespace output_folders

std::string previous_name(const std::filesystem::path& out) {
    return "." + out.filename().string() + ".brief-prev";
}

std::string staging_prefix(const std::filesystem::path& out) {
    return "." + out.filename().string() + ".brief-stage-";
}

std::string trash_prefix(const std::filesystem::path& out) {
    return "." + out.filename().string() + ".brief-trash-";
}

}  // namespace brief
