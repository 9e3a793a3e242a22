#pragma once
// Content hashes for the build cache and the writer: 128 bits, stable across runs and machines,
// fast enough to hash every input and every output of a build (several GB/s).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace brief {

/// A 128-bit content hash; all zero means "none".
struct Hash128 {
    std::uint64_t lo = 0;
    std::uint64_t hi = 0;
    bool operator==(const Hash128&) const = default;
    auto operator<=>(const Hash128&) const = default;
    /// True for the all-zero value.
    bool empty() const { return lo == 0 && hi == 0; }
    /// 32 hex digits.
    std::string hex() const;
};

namespace hash_detail {

inline std::uint64_t mum(std::uint64_t a, std::uint64_t b) {
    __uint128_t r = static_cast<__uint128_t>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
inline std::uint64_t r8(const unsigned char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
inline std::uint64_t r4(const unsigned char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

constexpr std::uint64_t kS0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t kS1 = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t kS2 = 0x8ebc6af09c88c6e3ULL;
constexpr std::uint64_t kS3 = 0x589965cc75374cc3ULL;

// One 64-bit lane, after wyhash (public domain): 16-byte blocks through a 64x64->128 multiply.
inline std::uint64_t lane(const unsigned char* p, std::size_t len, std::uint64_t seed) {
    seed ^= mum(seed ^ kS0, kS1);
    std::uint64_t a, b;
    if (len <= 16) {
        if (len >= 4) {
            a = (r4(p) << 32) | r4(p + ((len >> 3) << 2));
            b = (r4(p + len - 4) << 32) | r4(p + len - 4 - ((len >> 3) << 2));
        } else if (len > 0) {
            a = (static_cast<std::uint64_t>(p[0]) << 16) |
                (static_cast<std::uint64_t>(p[len >> 1]) << 8) | p[len - 1];
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        std::size_t i = len;
        if (i > 48) {
            std::uint64_t s1 = seed, s2 = seed;
            do {
                seed = mum(r8(p) ^ kS1, r8(p + 8) ^ seed);
                s1 = mum(r8(p + 16) ^ kS2, r8(p + 24) ^ s1);
                s2 = mum(r8(p + 32) ^ kS3, r8(p + 40) ^ s2);
                p += 48;
                i -= 48;
            } while (i > 48);
            seed ^= s1 ^ s2;
        }
        while (i > 16) {
            seed = mum(r8(p) ^ kS1, r8(p + 8) ^ seed);
            i -= 16;
            p += 16;
        }
        a = r8(p + i - 16);
        b = r8(p + i - 8);
    }
    a ^= kS1;
    b ^= seed;
    __uint128_t r = static_cast<__uint128_t>(a) * b;
    a = static_cast<std::uint64_t>(r);
    b = static_cast<std::uint64_t>(r >> 64);
    return mum(a ^ kS0 ^ len, b ^ kS1);
}

}  // namespace hash_detail

/// The hash of a byte string.
inline Hash128 hash_bytes(std::string_view data) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    return {hash_detail::lane(p, data.size(), 0x243f6a8885a308d3ULL),
            hash_detail::lane(p, data.size(), 0x13198a2e03707344ULL)};
}

/// Combines values into one hash; the order of add() calls matters.
class Hasher {
  public:
    /// Adds a byte string (its length too, so "ab"+"c" differs from "a"+"bc").
    Hasher& add(std::string_view s) {
        mix(hash_bytes(s));
        return add_u64(s.size());
    }
    /// Adds a hash.
    Hasher& add(const Hash128& h) {
        mix(h);
        return *this;
    }
    /// Adds a number.
    Hasher& add_u64(std::uint64_t v) {
        mix({v, ~v});
        return *this;
    }
    /// The combined hash.
    Hash128 finish() const { return state_; }

  private:
    void mix(const Hash128& h) {
        using hash_detail::mum;
        state_.lo = mum(state_.lo ^ h.lo ^ hash_detail::kS0, h.hi ^ hash_detail::kS1) + state_.hi;
        state_.hi = mum(state_.hi ^ h.hi ^ hash_detail::kS2, h.lo ^ hash_detail::kS3) ^ state_.lo;
    }
    Hash128 state_{0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL};
};

inline std::string Hash128::hex() const {
    static const char* digits = "0123456789abcdef";
    std::string s(32, '0');
    for (int i = 0; i < 16; ++i) {
        s[15 - i] = digits[(hi >> (4 * i)) & 15];
        s[31 - i] = digits[(lo >> (4 * i)) & 15];
    }
    return s;
}

}  // namespace brief
