#include "cache/read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace brief {

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
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

}  // namespace brief
