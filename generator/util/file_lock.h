#pragma once
// File descriptors that close themselves, and the one exclusive lock Brief takes on a file or
// folder (flock: released when the holder ends, however it ends, so a killed command never
// leaves a stale lock).

#include <filesystem>
#include <string>
#include <utility>

namespace brief {

/// Owns one file descriptor and closes it when destroyed.
class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&& o) noexcept {
        if (this != &o) {
            reset();
            fd_ = std::exchange(o.fd_, -1);
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    /// The descriptor, or -1.
    int get() const { return fd_; }
    /// True when it holds a descriptor.
    explicit operator bool() const { return fd_ >= 0; }
    /// Closes the descriptor it holds, if any.
    void reset();

  private:
    int fd_ = -1;
};

/// An exclusive lock, taken without waiting: on a file (made when missing) or an existing
/// folder. Check ok(); error() says why not, naming the path; `busy` is the sentence used when
/// another process holds it.
class FileLock {
  public:
    FileLock() = default;
    FileLock(const std::filesystem::path& path, const std::string& busy);
    /// True when this process holds the lock.
    bool ok() const { return static_cast<bool>(fd_); }
    /// Why the lock could not be taken.
    const std::string& error() const { return error_; }
    /// Gives the lock up now instead of when destroyed.
    void release() { fd_.reset(); }

  private:
    UniqueFd fd_;
    std::string error_;
};

}  // namespace brief
