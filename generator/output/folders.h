#pragma once
// The folder operations of the write stage: in go folders of the output's parent, out come
// their walks (by file descriptor, types and inodes from readdir), new files, and deletions
// that a kill cannot leave unrecognisable (a tree is renamed to a trash name first). Only
// output/writer.cpp uses them; they touch only what the writer names.

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "output/writer.h"

namespace brief::output_folders {

/// Written first into every staging folder, removed just before it is swapped in: a folder
/// with the staging name and this file is a killed build's, never someone's own.
inline constexpr const char* kStagingMarker = ".brief-staging";

/// strerror(errno).
std::string errno_text();
/// A stat's modification time in nanoseconds.
std::int64_t mtime_ns(const struct stat& st);

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

inline int open_folder(int at, const char* name) {
    return ::openat(at, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
}

inline std::string joined(const std::string& prefix, const char* name) {
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

/// Writes `bytes` to a new file; fills size, mtime and inode of `rec` from the written file.
Status write_new(const std::filesystem::path& path, std::string_view bytes, OutputRecord& rec);
/// True when the file at `path` holds exactly `bytes`.
bool same_bytes(const std::filesystem::path& path, std::string_view bytes);
/// True when `dir` holds a regular file named `name`.
bool holds(const std::filesystem::path& dir, std::string_view name);
/// Removes `dir` and everything in it, links never followed.
void remove_one_tree(const std::filesystem::path& dir);
/// Deletes a tree Brief made beside `out`, renamed to a trash name first.
void discard(const std::filesystem::path& dir, const std::filesystem::path& out);
/// A folder (not a link) that carries one of Brief's markers.
bool is_brief_tree(const std::filesystem::path& dir);
/// Removes what killed builds of `out` left beside it (call it under the lock).
void remove_leftovers(const std::filesystem::path& out);

}  // namespace brief::output_folders
