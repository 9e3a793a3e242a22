#include "util/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <set>

#include "util/safe_paths.h"

namespace brief {

// Plain POSIX calls: one fstat, one allocation, one read. Loading ten thousand documents
// through an ifstream and a stringstream cost more than parsing them.
std::optional<std::string> read_file(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    std::string out;
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    char extra[4096];
    for (;;) {
        // Read into the string while it has room, then check for more (a growing file).
        bool into_out = done < out.size();
        char* at = into_out ? out.data() + done : extra;
        std::size_t room = into_out ? out.size() - done : sizeof extra;
        ssize_t n = ::read(fd, at, room);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break;
        if (into_out) {
            done += static_cast<std::size_t>(n);
        } else {
            out.append(extra, static_cast<std::size_t>(n));
            done = out.size();
        }
    }
    ::close(fd);
    out.resize(done);
    return out;
}

Status write_all(int fd, std::string_view bytes, const std::filesystem::path& shown) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail("cannot write " + shown.string() + ": " + std::strerror(errno));
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

Status create_file(const std::filesystem::path& path, std::string_view bytes) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return fail("cannot create " + path.parent_path().string() + ": " + ec.message());
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return fail("cannot create " + path.string() + ": " + std::strerror(errno));
    if (Status written = write_all(fd, bytes, path); !written) {
        ::close(fd);
        return written;
    }
    if (::close(fd) != 0)
        return fail("cannot write " + path.string() + ": " + std::strerror(errno));
    return {};
}

Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes, bool sync) {
    static std::atomic<unsigned> counter{0};
    std::filesystem::path tmp = path;
    tmp += ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail("cannot create " + tmp.string() + ": " + std::strerror(errno));
    if (Status written = write_all(fd, bytes, tmp); !written) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return written;
    }
    if (sync && ::fsync(fd) != 0) {
        std::string err = "cannot flush " + tmp.string() + ": " + std::strerror(errno);
        ::close(fd);
        ::unlink(tmp.c_str());
        return fail(err);
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string err = "cannot rename " + tmp.string() + ": " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return fail(err);
    }
    if (sync) {
        // Make the rename itself durable.
        int dfd = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(),
                         O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            ::fsync(dfd);
            ::close(dfd);
        }
    }
    return {};
}

std::vector<std::filesystem::path> list_files(const std::filesystem::path& dir,
                                              std::string_view suffix) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return out;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const std::string name = it->path().filename().string();
        if (name.size() >= suffix.size() && name.ends_with(suffix) && name.front() != '.')
            out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

Hash128 hash_tree(const std::filesystem::path& dir) {
    Hasher h;
    for (const auto& p : list_files(dir, "")) {
        h.add(std::filesystem::relative(p, dir).generic_string());
        h.add(read_file(p).value_or(std::string("\0unreadable", 11)));
    }
    return h.finish();
}

Hash128 stat_tree(const std::filesystem::path& dir, std::int64_t& newest_mtime_ns) {
    Hasher h;
    for (const auto& p : list_files(dir, ""))
        add_file_stat(h.add(p.lexically_relative(dir).generic_string()), p, newest_mtime_ns);
    return h.finish();
}

void add_file_stat(Hasher& h, const std::filesystem::path& path, std::int64_t& newest_mtime_ns) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        h.add_u64(~0ull);
        return;
    }
    const std::int64_t mtime =
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    newest_mtime_ns = std::max(newest_mtime_ns, mtime);
    h.add_u64(static_cast<std::uint64_t>(st.st_size))
        .add_u64(static_cast<std::uint64_t>(mtime))
        .add_u64(static_cast<std::uint64_t>(st.st_ino));
}

namespace {

void refuse_read(const std::filesystem::path& root, const std::filesystem::path& path,
                 std::string why, Diagnostics& diags) {
    Diagnostic d;
    d.file = path.lexically_relative(root).generic_string();
    // "content/x.md is a symbolic link to …" reads "content/x.md: error: a symbolic link to …".
    if (why.starts_with(d.file + " is ")) why.erase(0, d.file.size() + 4);
    d.message = std::move(why);
    d.hint = "copy the file into the site instead of linking to it";
    diags.add(std::move(d));
}

}  // namespace

namespace {

// One folder of list_site_files(): entries in name order, hidden ones skipped, links checked.
void walk_site(const std::filesystem::path& root, const std::filesystem::path& dir,
               std::string_view suffix, Diagnostics& diags, std::set<std::string>& seen,
               std::vector<std::filesystem::path>& out) {
    std::error_code ec;
    // A folder reached twice (a link to a folder above it) is walked once.
    if (!seen.insert(resolved(dir).string()).second) return;
    // Entries keep the type readdir gave: a stat only for links.
    std::vector<std::filesystem::directory_entry> entries;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        if (it->path().filename().string().front() != '.') entries.push_back(*it);
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
        const std::filesystem::path& path = entry.path();
        bool is_dir = false, is_file = false;
        if (entry.is_symlink(ec)) {
            if (std::string why = read_refusal(root, path); !why.empty()) {
                refuse_read(root, path, std::move(why), diags);
                continue;
            }
            const auto st = std::filesystem::status(path, ec);
            is_dir = std::filesystem::is_directory(st);
            is_file = std::filesystem::is_regular_file(st);
        } else {
            is_dir = entry.is_directory(ec);
            is_file = entry.is_regular_file(ec);
        }
        if (is_dir)
            walk_site(root, path, suffix, diags, seen, out);
        else if (is_file && path.filename().string().ends_with(suffix))
            out.push_back(path);
    }
}

}  // namespace

std::vector<std::filesystem::path> list_site_files(const std::filesystem::path& root,
                                                   const std::filesystem::path& dir,
                                                   std::string_view suffix, Diagnostics& diags) {
    std::vector<std::filesystem::path> out;
    if (std::string why = read_refusal(root, dir); !why.empty()) {
        refuse_read(root, dir, std::move(why), diags);
        return out;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return out;
    std::set<std::string> seen;
    walk_site(root, dir, suffix, diags, seen, out);
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::string> read_site_file(const std::filesystem::path& root, const std::string& rel,
                                          Diagnostics& diags) {
    if (std::string why = read_refusal(root, rel); !why.empty()) {
        refuse_read(root, root / rel, std::move(why), diags);
        return std::nullopt;
    }
    return read_file(root / rel);
}

}  // namespace brief
