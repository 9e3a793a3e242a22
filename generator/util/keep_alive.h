#pragma once
// A heap value that is freed at the end of its scope, unless the process is about to end
// anyway: then it is left to the operating system, which takes it back at once instead of
// block by block (the same trick as clang's -disable-free).

#include <utility>

namespace brief {

template <typename T>
class FreeUnlessExiting {
  public:
    template <typename... Args>
    explicit FreeUnlessExiting(bool exiting, Args&&... args)
        : value_(new T(std::forward<Args>(args)...)), exiting_(exiting) {}
    ~FreeUnlessExiting() {
        if (!exiting_) delete value_;
    }
    FreeUnlessExiting(const FreeUnlessExiting&) = delete;
    FreeUnlessExiting& operator=(const FreeUnlessExiting&) = delete;
    T& operator*() const { return *value_; }
    T* operator->() const { return value_; }

  private:
    T* value_;
    bool exiting_;
};

}  // namespace brief
