#pragma once
// Template data: a Value is null, a bool, a string, a list or an object. Lists and objects are
// immutable once made and held by shared_ptr<const …>, so copying a Value that holds one copies a
// pointer: a 10,000-item list built once is shared by every page that shows it. Objects keep
// their entries sorted by key (binary search; the order is the content, not the insertion).
// In: values built by the render stage. Out: what the Mustache engine reads, and a content hash
// for the build cache (the same data gives the same hash however it was built or shared).

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "util/hash.h"

namespace brief {

class ValueList;
class ValueObject;

/// One piece of template data; cheap to move, and cheap to copy unless it is a long string.
class Value {
  public:
    /// What a Value holds.
    enum class Type : std::uint8_t { null, boolean, string, list, object };

    /// Null.
    Value() = default;
    /// A bool.
    Value(bool b) : v_(b) {}
    /// A string.
    Value(std::string s) : v_(std::move(s)) {}
    /// A string.
    Value(std::string_view s) : v_(std::string(s)) {}
    /// A string.
    Value(const char* s) : v_(std::string(s)) {}
    /// A list, moved into a new shared node.
    Value(ValueList list);
    /// An object, moved into a new shared node.
    Value(ValueObject object);
    /// A shared list (null pointer: null).
    Value(std::shared_ptr<const ValueList> list);
    /// A shared object (null pointer: null).
    Value(std::shared_ptr<const ValueObject> object);

    /// What this holds.
    Type type() const { return static_cast<Type>(v_.index()); }
    /// True for null.
    bool is_null() const { return type() == Type::null; }
    /// True for a bool.
    bool is_bool() const { return type() == Type::boolean; }
    /// True for a string.
    bool is_string() const { return type() == Type::string; }
    /// True for a list.
    bool is_list() const { return type() == Type::list; }
    /// True for an object.
    bool is_object() const { return type() == Type::object; }

    /// The bool (false unless is_bool()).
    bool as_bool() const { return is_bool() && std::get<bool>(v_); }
    /// The string (empty unless is_string()).
    const std::string& as_string() const;
    /// The list (empty unless is_list()).
    const ValueList& as_list() const;
    /// The object (empty unless is_object()).
    const ValueObject& as_object() const;
    /// The shared list node, or null.
    const std::shared_ptr<const ValueList>& list_ptr() const;
    /// The shared object node, or null.
    const std::shared_ptr<const ValueObject>& object_ptr() const;

    /// The value under `key` if this is an object that has it, else nullptr.
    const Value* find(std::string_view key) const;

    /// Mustache's falsiness, as Brief's templates have always had it: null, false and the
    /// empty list are false; everything else (the empty string too) is true.
    bool falsy() const;

    /// The content hash: equal for equal content, whatever was shared. Shared nodes remember
    /// theirs, so hashing a page that holds a 10,000-item list hashes the list once per build.
    Hash128 hash() const;
    /// Adds hash() to `h`.
    void hash_into(Hasher& h) const;

    /// Deep equality of content.
    friend bool operator==(const Value& a, const Value& b);

  private:
    std::variant<std::monostate, bool, std::string, std::shared_ptr<const ValueList>,
                 std::shared_ptr<const ValueObject>>
        v_;
};

namespace value_detail {
// A hash computed at most a few times (racing threads compute the same value) and then read.
class HashMemo {
  public:
    HashMemo() = default;
    HashMemo(const HashMemo&) {}
    HashMemo& operator=(const HashMemo&) {
        ready_.store(false, std::memory_order_relaxed);
        return *this;
    }
    /// Forgets the hash (the content changed).
    void reset() { ready_.store(false, std::memory_order_relaxed); }
    template <typename F>
    Hash128 get(F compute) const {
        if (ready_.load(std::memory_order_acquire))
            return {lo_.load(std::memory_order_relaxed), hi_.load(std::memory_order_relaxed)};
        Hash128 h = compute();
        lo_.store(h.lo, std::memory_order_relaxed);
        hi_.store(h.hi, std::memory_order_relaxed);
        ready_.store(true, std::memory_order_release);
        return h;
    }

  private:
    mutable std::atomic<std::uint64_t> lo_{0}, hi_{0};
    mutable std::atomic<bool> ready_{false};
};
}  // namespace value_detail

/// A list of values; built, then frozen into a Value.
class ValueList {
  public:
    ValueList() = default;
    /// The listed values.
    ValueList(std::initializer_list<Value> items) : items_(items) {}
    /// The values of `items`.
    explicit ValueList(std::vector<Value> items) : items_(std::move(items)) {}

    /// Appends a value.
    void push_back(Value v) {
        items_.push_back(std::move(v));
        memo_.reset();
    }
    /// Reserves room for `n` values.
    void reserve(std::size_t n) { items_.reserve(n); }
    /// The number of values.
    std::size_t size() const { return items_.size(); }
    /// True when there are none.
    bool empty() const { return items_.empty(); }
    /// The value at `i`.
    const Value& operator[](std::size_t i) const { return items_[i]; }
    /// Iteration.
    auto begin() const { return items_.begin(); }
    /// Iteration.
    auto end() const { return items_.end(); }
    /// The content hash (remembered).
    Hash128 hash() const;

  private:
    std::vector<Value> items_;
    value_detail::HashMemo memo_;
};

/// An object: entries sorted by key, one per key; built, then frozen into a Value.
class ValueObject {
  public:
    /// One entry.
    using Entry = std::pair<std::string, Value>;

    ValueObject() = default;
    /// The listed entries (a repeated key: the last one wins).
    ValueObject(std::initializer_list<Entry> entries);

    /// Sets `key` to `v`, replacing what it held. Appending keys in sorted order is O(1).
    void set(std::string key, Value v);
    /// The value under `key`, or nullptr.
    const Value* find(std::string_view key) const;
    /// The number of entries.
    std::size_t size() const { return entries_.size(); }
    /// True when there are none.
    bool empty() const { return entries_.empty(); }
    /// Iteration, in key order.
    auto begin() const { return entries_.begin(); }
    /// Iteration, in key order.
    auto end() const { return entries_.end(); }
    /// The content hash (remembered).
    Hash128 hash() const;

  private:
    std::vector<Entry> entries_;
    value_detail::HashMemo memo_;
};

inline Value::Value(ValueList list) : v_(std::make_shared<const ValueList>(std::move(list))) {}
inline Value::Value(ValueObject object)
    : v_(std::make_shared<const ValueObject>(std::move(object))) {}

}  // namespace brief
