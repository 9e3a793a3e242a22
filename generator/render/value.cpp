#include "render/value.h"

#include <algorithm>

namespace brief {

namespace {

const std::string kEmptyString;
const ValueList kEmptyList;
const ValueObject kEmptyObject;
const std::shared_ptr<const ValueList> kNoList;
const std::shared_ptr<const ValueObject> kNoObject;

// Hash tags: a type's tag starts its hash, so "" and [] and {} and null all differ.
constexpr std::uint64_t kTagNull = 0x6e756c6c;
constexpr std::uint64_t kTagFalse = 0x66616c73;
constexpr std::uint64_t kTagTrue = 0x74727565;
constexpr std::uint64_t kTagString = 0x73747269;
constexpr std::uint64_t kTagList = 0x6c697374;
constexpr std::uint64_t kTagObject = 0x6f626a65;

struct KeyLess {
    bool operator()(const ValueObject::Entry& e, std::string_view k) const { return e.first < k; }
};

}  // namespace

Value::Value(std::shared_ptr<const ValueList> list) {
    if (list) v_ = std::move(list);
}

Value::Value(std::shared_ptr<const ValueObject> object) {
    if (object) v_ = std::move(object);
}

const std::string& Value::as_string() const {
    const auto* s = std::get_if<std::string>(&v_);
    return s ? *s : kEmptyString;
}

const ValueList& Value::as_list() const {
    const auto* l = std::get_if<std::shared_ptr<const ValueList>>(&v_);
    return l ? **l : kEmptyList;
}

const ValueObject& Value::as_object() const {
    const auto* o = std::get_if<std::shared_ptr<const ValueObject>>(&v_);
    return o ? **o : kEmptyObject;
}

const std::shared_ptr<const ValueList>& Value::list_ptr() const {
    const auto* l = std::get_if<std::shared_ptr<const ValueList>>(&v_);
    return l ? *l : kNoList;
}

const std::shared_ptr<const ValueObject>& Value::object_ptr() const {
    const auto* o = std::get_if<std::shared_ptr<const ValueObject>>(&v_);
    return o ? *o : kNoObject;
}

const Value* Value::find(std::string_view key) const {
    const auto* o = std::get_if<std::shared_ptr<const ValueObject>>(&v_);
    return o ? (*o)->find(key) : nullptr;
}

bool Value::falsy() const {
    switch (type()) {
        case Type::null:
            return true;
        case Type::boolean:
            return !std::get<bool>(v_);
        case Type::list:
            return std::get<std::shared_ptr<const ValueList>>(v_)->empty();
        case Type::string:
        case Type::object:
            return false;
    }
    return false;
}

Hash128 Value::hash() const {
    switch (type()) {
        case Type::null:
            return Hasher().add_u64(kTagNull).finish();
        case Type::boolean:
            return Hasher().add_u64(std::get<bool>(v_) ? kTagTrue : kTagFalse).finish();
        case Type::string:
            return Hasher().add_u64(kTagString).add(std::get<std::string>(v_)).finish();
        case Type::list:
            return std::get<std::shared_ptr<const ValueList>>(v_)->hash();
        case Type::object:
            return std::get<std::shared_ptr<const ValueObject>>(v_)->hash();
    }
    return {};
}

void Value::hash_into(Hasher& h) const {
    h.add(hash());
}

bool operator==(const Value& a, const Value& b) {
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case Value::Type::null:
            return true;
        case Value::Type::boolean:
            return a.as_bool() == b.as_bool();
        case Value::Type::string:
            return a.as_string() == b.as_string();
        case Value::Type::list: {
            const ValueList& x = a.as_list();
            const ValueList& y = b.as_list();
            if (&x == &y) return true;
            return std::equal(x.begin(), x.end(), y.begin(), y.end());
        }
        case Value::Type::object: {
            const ValueObject& x = a.as_object();
            const ValueObject& y = b.as_object();
            if (&x == &y) return true;
            return std::equal(x.begin(), x.end(), y.begin(), y.end());
        }
    }
    return false;
}

Hash128 ValueList::hash() const {
    return memo_.get([this] {
        Hasher h;
        h.add_u64(kTagList).add_u64(items_.size());
        for (const Value& v : items_) v.hash_into(h);
        return h.finish();
    });
}

ValueObject::ValueObject(std::initializer_list<Entry> entries) {
    for (const Entry& e : entries) set(e.first, e.second);
}

void ValueObject::set(std::string key, Value v) {
    memo_.reset();
    if (entries_.empty() || entries_.back().first < key) {
        entries_.emplace_back(std::move(key), std::move(v));
        return;
    }
    auto it = std::lower_bound(entries_.begin(), entries_.end(), std::string_view(key), KeyLess{});
    if (it != entries_.end() && it->first == key) {
        it->second = std::move(v);
        return;
    }
    entries_.emplace(it, std::move(key), std::move(v));
}

const Value* ValueObject::find(std::string_view key) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key, KeyLess{});
    if (it == entries_.end() || it->first != key) return nullptr;
    return &it->second;
}

Hash128 ValueObject::hash() const {
    return memo_.get([this] {
        Hasher h;
        h.add_u64(kTagObject).add_u64(entries_.size());
        for (const auto& [k, v] : entries_) {
            h.add(k);
            v.hash_into(h);
        }
        return h.finish();
    });
}

}  // namespace brief
