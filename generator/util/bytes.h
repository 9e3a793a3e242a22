#pragma once
// Binary records for Brief's own cache files: numbers in native byte order and strings with
// their length. In: values; out: bytes appended to a string, or read back from the front of a
// view (false when the view is too short, so a torn or foreign file reads as nothing).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace brief {

/// Appends the bytes of `v`.
template <typename T>
void put(std::string& out, const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

/// Appends `s` with its length.
inline void put_string(std::string& out, std::string_view s) {
    put(out, static_cast<std::uint32_t>(s.size()));
    out.append(s);
}

/// Reads a `T` from the front of `in`.
template <typename T>
[[nodiscard]] bool get(std::string_view& in, T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (in.size() < sizeof v) return false;
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
    return true;
}

/// Reads a string written by put_string() from the front of `in`.
[[nodiscard]] inline bool get_string(std::string_view& in, std::string& s) {
    std::uint32_t len;
    if (!get(in, len) || in.size() < len) return false;
    s.assign(in.data(), len);
    in.remove_prefix(len);
    return true;
}

}  // namespace brief
