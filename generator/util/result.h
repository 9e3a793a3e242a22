#pragma once
// The one result type of a fallible operation. In: the operation's value, or the sentence that
// says why it failed (fail("cannot write x: disk full")); out: ok(), then the value or the
// error. Result<void> (Status) is an operation that gives nothing back but may fail. Both are
// [[nodiscard]], so a caller cannot drop an error without saying so in the code.

#include <string>
#include <utility>
#include <variant>

namespace brief {

/// Why an operation failed: one sentence for the user, without a trailing period.
struct Failure {
    std::string message;
};

/// The failure that `message` describes.
inline Failure fail(std::string message) {
    return Failure{std::move(message)};
}

/// A value of T, or the reason there is none.
template <typename T = void>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(Failure f) : v_(std::in_place_index<1>, std::move(f.message)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    /// The value; only when ok().
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    /// The reason; only when !ok().
    const std::string& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, std::string> v_;
};

/// Success, or the reason of a failure.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Failure f) : error_(std::move(f.message)) {
        if (error_.empty()) error_ = "failed";  // a failure always says something
    }

    bool ok() const { return error_.empty(); }
    explicit operator bool() const { return ok(); }
    /// The reason ("" when ok()).
    const std::string& error() const { return error_; }

  private:
    std::string error_;
};

/// An operation that gives nothing back but may fail.
using Status = Result<void>;

}  // namespace brief
