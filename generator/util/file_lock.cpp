#include "util/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace brief {

void UniqueFd::reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

FileLock::FileLock(const std::filesystem::path& path, const std::string& busy) {
    std::error_code ec;
    const bool folder = std::filesystem::is_directory(path, ec);
    UniqueFd fd(folder ? ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                       : ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!fd) {
        error_ = "cannot open " + path.string() + ": " + std::strerror(errno);
        return;
    }
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        error_ = errno == EWOULDBLOCK
                     ? busy
                     : "cannot lock " + path.string() + ": " + std::strerror(errno);
        return;
    }
    fd_ = std::move(fd);
}

}  // namespace brief
