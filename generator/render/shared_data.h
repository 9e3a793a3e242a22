#pragma once
// Template data shared by many pages (a briefing as a list item, a briefing in full, the labels
// of a language), built once per render and referenced from each page's data instead of being
// deep-copied into it: kainjow's data owns its children, so a plain copy of a 10,000-item list
// copies every string. A reference is a tiny object that PageDataContext follows when a
// template looks a name up, so the rendered bytes are exactly those of a deep copy.
//
// Page data can also be hashed (references by the hash of what they point to), which is what
// the build cache keys a page by: the same layout and the same data give the same bytes.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "util/hash.h"

namespace brief {

/// Moves `value` into `object` under `key` (kainjow's set() copies it).
inline void put(kainjow::mustache::data& object, const std::string& key,
                kainjow::mustache::data&& value) {
    object[key] = std::move(value);
}
/// Object data made by moving `o` in (kainjow's constructor copies every entry).
kainjow::mustache::data make_data(kainjow::mustache::object&& o);
/// List data made by moving `l` in.
kainjow::mustache::data make_data(kainjow::mustache::list&& l);

/// A table of shared template data, filled before pages render, then read-only; plus, per
/// thread, values that live only until the current render job ends (see scratch()).
class SharedData {
  public:
    using Data = kainjow::mustache::data;

    /// Makes room for `n` values, filled with set(); references are 0 … n-1.
    void resize(std::size_t n);
    /// Stores value `id` and its hash; safe from several threads for distinct ids.
    void set(std::size_t id, Data value);
    /// Stores one more value (not thread-safe); returns its id.
    std::size_t add(Data value);
    /// A reference to value `id`, to put into page data wherever the value belongs.
    static Data ref(std::size_t id);
    /// Stores a value for the calling thread's current job and returns a reference to it,
    /// valid on this thread until end_job(); with `memo`, a second call with the same memo
    /// in the same job returns the same reference without storing again.
    Data scratch(Data value, std::size_t memo = SIZE_MAX) const;
    /// The reference scratch() returned for `memo` in this job, if any.
    std::optional<Data> scratch_memo(std::size_t memo) const;
    /// Drops the calling thread's scratch values (call when a render job is done).
    void end_job() const;
    /// The value `d` stands for: itself, or what it refers to.
    const Data* resolve(const Data* d) const;
    /// The hash of a data tree; a reference hashes as the value it refers to. Lambdas and
    /// partials cannot be hashed: the result is then empty.
    Hash128 hash(const Data& d) const;
    /// The hash of value `id` (as hash() of a reference to it).
    Hash128 hash_of(std::size_t id) const { return value_hash(id); }
    /// A deep copy of `d` with every reference replaced by a copy of what it refers to: what a
    /// page's data would be without sharing (for tests).
    Data expand(const Data& d) const;
    /// Number of values.
    std::size_t size() const { return values_.size(); }
    /// Whether set() and scratch() hash what they store (only page keys need the hashes;
    /// a build without a cache has none). On by default.
    void set_hashing(bool on) { hashing_ = on; }

  private:
    static std::optional<std::size_t> ref_id(const Data& d);
    const Data* value(std::size_t id) const;
    Hash128 value_hash(std::size_t id) const;
    std::deque<Data> values_;  // a deque: kainjow's data moves are not noexcept, so a vector
                               // would deep-copy every value when it grows
    std::deque<Hash128> hashes_;
    bool hashing_ = true;
};

/// The kainjow context pages render in: a stack of data, with references resolved.
class PageDataContext : public kainjow::mustache::basic_context<std::string> {
  public:
    using Data = kainjow::mustache::data;
    PageDataContext(const SharedData& shared, const Data* root);
    void push(const Data* data) override;
    void pop() override;
    const Data* get(const std::string& name) const override;
    const Data* get_partial(const std::string& name) const override;

  private:
    const SharedData& shared_;
    std::vector<const Data*> stack_;
};

}  // namespace brief
