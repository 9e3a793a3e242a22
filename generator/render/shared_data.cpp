#include "render/shared_data.h"

#include <cstring>
#include <unordered_map>

namespace brief {
namespace {

using Data = kainjow::mustache::data;
using Object = kainjow::mustache::object;

// kainjow's data offers no way to walk an object's entries, which hashing needs. An explicit
// template instantiation may name a private member (C++20 [temp.spec.general]/6); this one
// hands out a pointer to basic_data::obj_.
using ObjectMember = std::unique_ptr<Object> Data::*;
ObjectMember object_member();
template <ObjectMember M>
struct ObjectAccess {
    friend ObjectMember object_member() { return M; }
};
template struct ObjectAccess<&Data::obj_>;

// The same for basic_data::list_, so a list can be moved in rather than copied.
using List = kainjow::mustache::list;
using ListMember = std::unique_ptr<List> Data::*;
ListMember list_member();
template <ListMember M>
struct ListAccess {
    friend ListMember list_member() { return M; }
};
template struct ListAccess<&Data::list_>;

const Object* object_of(const Data& d) {
    return d.is_object() ? (d.*object_member()).get() : nullptr;
}

// Scratch values live in the thread that renders a job; ids with this bit set name them.
constexpr std::size_t kScratchBit = std::size_t(1) << (sizeof(std::size_t) * 8 - 1);

struct Scratch {
    const void* owner = nullptr;
    std::deque<Data> values;
    std::deque<Hash128> hashes;
    std::unordered_map<std::size_t, std::size_t> memo;  // memo key -> scratch index
};
thread_local Scratch t_scratch;

const std::string& ref_key() {
    static const std::string key = "\x1f@ref";
    return key;
}

}  // namespace

Data make_data(kainjow::mustache::object&& o) {
    Data d;
    d.*object_member() = std::make_unique<Object>(std::move(o));
    return d;
}

Data make_data(kainjow::mustache::list&& l) {
    Data d(Data::type::list);
    d.*list_member() = std::make_unique<List>(std::move(l));
    return d;
}

SharedData::Data SharedData::scratch(Data value, std::size_t memo) const {
    Scratch& s = t_scratch;
    if (s.owner != this) {
        end_job();
        s.owner = this;
    }
    if (memo != SIZE_MAX)
        if (auto it = s.memo.find(memo); it != s.memo.end()) return ref(kScratchBit | it->second);
    s.hashes.push_back(hashing_ ? hash(value) : Hash128{});
    s.values.push_back(std::move(value));
    std::size_t index = s.values.size() - 1;
    if (memo != SIZE_MAX) s.memo[memo] = index;
    return ref(kScratchBit | index);
}

std::optional<SharedData::Data> SharedData::scratch_memo(std::size_t memo) const {
    Scratch& s = t_scratch;
    if (s.owner != this) return std::nullopt;
    auto it = s.memo.find(memo);
    if (it == s.memo.end()) return std::nullopt;
    return ref(kScratchBit | it->second);
}

void SharedData::end_job() const {
    Scratch& s = t_scratch;
    s.values.clear();
    s.hashes.clear();
    s.memo.clear();
    s.owner = nullptr;
}

const SharedData::Data* SharedData::value(std::size_t id) const {
    if (id & kScratchBit) {
        const Scratch& s = t_scratch;
        std::size_t i = id & ~kScratchBit;
        return s.owner == this && i < s.values.size() ? &s.values[i] : nullptr;
    }
    return id < values_.size() ? &values_[id] : nullptr;
}

Hash128 SharedData::value_hash(std::size_t id) const {
    if (id & kScratchBit) {
        const Scratch& s = t_scratch;
        std::size_t i = id & ~kScratchBit;
        return s.owner == this && i < s.hashes.size() ? s.hashes[i] : Hash128{};
    }
    return id < hashes_.size() ? hashes_[id] : Hash128{};
}

void SharedData::resize(std::size_t n) {
    values_.resize(n);
    hashes_.resize(n);
}

void SharedData::set(std::size_t id, Data value) {
    hashes_[id] = hashing_ ? hash(value) : Hash128{};
    values_[id] = std::move(value);
}

std::size_t SharedData::add(Data value) {
    values_.push_back(Data{});
    hashes_.push_back({});
    set(values_.size() - 1, std::move(value));
    return values_.size() - 1;
}

SharedData::Data SharedData::ref(std::size_t id) {
    std::string bytes(sizeof id, '\0');
    std::memcpy(bytes.data(), &id, sizeof id);
    Data d;
    d[ref_key()] = Data(bytes);
    return d;
}

std::optional<std::size_t> SharedData::ref_id(const Data& d) {
    if (!d.is_object()) return std::nullopt;
    const Data* r = d.get(ref_key());
    if (!r || !r->is_string() || r->string_value().size() != sizeof(std::size_t))
        return std::nullopt;
    std::size_t id;
    std::memcpy(&id, r->string_value().data(), sizeof id);
    return id;
}

const SharedData::Data* SharedData::resolve(const Data* d) const {
    if (!d) return d;
    auto id = ref_id(*d);
    if (!id) return d;
    const Data* v = value(*id);
    return v ? v : d;
}

Hash128 SharedData::hash(const Data& d) const {
    Hasher h;
    if (d.is_string()) return h.add_u64(1).add(d.string_value()).finish();
    if (d.is_true()) return h.add_u64(2).finish();
    if (d.is_false()) return h.add_u64(3).finish();
    if (d.is_list()) {
        h.add_u64(4).add_u64(d.list_value().size());
        for (const auto& item : d.list_value()) {
            Hash128 e = hash(item);
            if (e.empty()) return {};
            h.add(e);
        }
        return h.finish();
    }
    if (const Object* obj = object_of(d)) {
        if (auto id = ref_id(d)) return value_hash(*id);
        // Entries in any order: their hashes are summed, so the map's layout does not matter.
        Hash128 sum;
        for (const auto& [key, value] : *obj) {
            Hash128 v = hash(value);
            if (v.empty()) return {};
            Hash128 e = Hasher().add(key).add(v).finish();
            sum.lo += e.lo;
            sum.hi += e.hi;
        }
        return h.add_u64(5).add_u64(obj->size()).add(sum).finish();
    }
    return {};  // a lambda or a partial
}

SharedData::Data SharedData::expand(const Data& d) const {
    const Data* target = resolve(&d);
    if (target->is_list()) {
        kainjow::mustache::list out;
        for (const auto& item : target->list_value()) out.push_back(expand(item));
        return Data(out);
    }
    if (const Object* obj = object_of(*target)) {
        Data out;
        for (const auto& [key, value] : *obj) out[key] = expand(value);
        return out;
    }
    return *target;
}

PageDataContext::PageDataContext(const SharedData& shared, const Data* root) : shared_(shared) {
    stack_.reserve(16);
    push(root);
}

void PageDataContext::push(const Data* data) {
    stack_.push_back(shared_.resolve(data));
}

void PageDataContext::pop() {
    stack_.pop_back();
}

// The same lookup as kainjow's own context (a dotted name must resolve fully within one stack
// entry, from the innermost out), following references at every step.
const PageDataContext::Data* PageDataContext::get(const std::string& name) const {
    if (name.size() == 1 && name[0] == '.') return stack_.back();
    thread_local std::string segment;
    const std::size_t first_dot = name.find('.');
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
        if (first_dot == std::string::npos) {
            if (const Data* v = (*it)->get(name)) return shared_.resolve(v);
            continue;
        }
        const Data* var = *it;
        std::size_t start = 0;
        while (var) {
            std::size_t end = name.find('.', start);
            segment.assign(name, start, end == std::string::npos ? std::string::npos : end - start);
            var = shared_.resolve(var->get(segment));
            if (end == std::string::npos) break;
            start = end + 1;
        }
        if (var) return var;
    }
    return nullptr;
}

const PageDataContext::Data* PageDataContext::get_partial(const std::string& name) const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
        if (const Data* v = (*it)->get(name)) return v;
    return nullptr;
}

}  // namespace brief
