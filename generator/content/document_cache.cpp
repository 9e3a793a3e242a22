#include "content/document_cache.h"

#include <concepts>
#include <type_traits>
#include <variant>

#include "content/fields.h"
#include "util/bytes.h"

namespace brief {
namespace {

// The members of each record a Document holds, in the order they are encoded; `f` is called
// with each (const for writing, not for reading).
template <typename T, typename R>
concept Record = std::same_as<std::remove_const_t<T>, R>;

template <typename T, typename F>
requires Record<T, Timestamp>
void members(T& t, F& f) {
    f(t.utc_seconds);
    f(t.offset_minutes);
}
template <typename T, typename F>
requires Record<T, OutlookItem>
void members(T& o, F& f) {
    f(o.claim);
    f(o.likelihood);
    f(o.horizon);
}
template <typename T, typename F>
requires Record<T, SourceLink>
void members(T& s, F& f) {
    f(s.title);
    f(s.publisher);
    f(s.url);
    f(s.primary);
}
template <typename T, typename F>
requires Record<T, Signal>
void members(T& s, F& f) {
    f(s.signal);
    f(s.why);
    f(s.where);
    f(s.layer);
}
template <typename T, typename F>
requires Record<T, Tool>
void members(T& t, F& f) {
    f(t.purpose);
    f(t.name);
    f(t.url);
    f(t.note);
}
template <typename T, typename F>
requires Record<T, FaqEntry>
void members(T& e, F& f) {
    f(e.q);
    f(e.a);
}
// A document: every field of the table, in the table's order, and where its body starts.
template <typename T, typename F>
requires Record<T, Document>
void members(T& doc, F& f) {
    for (const FrontMatterField& field : front_matter_fields())
        std::visit([&](auto member) { f(doc.*member); }, field.target);
    f(doc.body_line);
}

template <typename T, typename F>
concept HasMembers = requires(T& t, F& f) {
    members(t, f);
};

// The largest value of each enum, so a damaged entry cannot make one up.
constexpr Kind last(Kind) {
    return Kind::explainer;
}
constexpr Layer last(Layer) {
    return Layer::policy_export;
}
constexpr Likelihood last(Likelihood) {
    return Likelihood::unlikely;
}
constexpr Horizon last(Horizon) {
    return Horizon::years;
}

struct Writer {
    std::string out;
    void operator()(const std::string& s) { put_string(out, s); }
    void operator()(bool b) { put(out, static_cast<std::uint8_t>(b)); }
    template <typename T>
    requires std::is_arithmetic_v<T>
    void operator()(T v) { put(out, v); }
    template <typename E>
    requires std::is_enum_v<E>
    void operator()(E e) { put(out, static_cast<std::uint8_t>(e)); }
    template <typename T>
    void operator()(const std::optional<T>& o) {
        (*this)(o.has_value());
        if (o) (*this)(*o);
    }
    template <typename T>
    void operator()(const std::vector<T>& v) {
        put(out, static_cast<std::uint32_t>(v.size()));
        for (const T& x : v) (*this)(x);
    }
    template <typename T>
    requires HasMembers<const T, Writer>
    void operator()(const T& t) { members(t, *this); }
};

struct Reader {
    std::string_view in;
    bool ok = true;
    void operator()(std::string& s) { ok = ok && get_string(in, s); }
    void operator()(bool& b) {
        std::uint8_t v = 0;
        ok = ok && get(in, v) && v <= 1;
        b = v == 1;
    }
    template <typename T>
    requires std::is_arithmetic_v<T>
    void operator()(T& v) { ok = ok && get(in, v); }
    template <typename E>
    requires std::is_enum_v<E>
    void operator()(E& e) {
        std::uint8_t v = 0;
        ok = ok && get(in, v) && v <= static_cast<std::uint8_t>(last(E{}));
        e = static_cast<E>(v);
    }
    template <typename T>
    void operator()(std::optional<T>& o) {
        bool has = false;
        (*this)(has);
        if (ok && has) (*this)(o.emplace());
    }
    template <typename T>
    void operator()(std::vector<T>& v) {
        std::uint32_t n = 0;
        ok = ok && get(in, n) && n <= in.size();  // every item takes a byte at least
        if (!ok) return;
        v.resize(n);
        for (T& x : v) (*this)(x);
    }
    template <typename T>
    requires HasMembers<T, Reader>
    void operator()(T& t) { members(t, *this); }
};

}  // namespace

void DocumentCache::open(const std::filesystem::path& dir) {
    store_.open(dir / "documents.bin");
}

Hash128 DocumentCache::key(const Hash128& source_hash, const SiteConfig& site) {
    return Hasher().add(source_hash).add(site.source_hash).add(site.timezone.rules_hash()).finish();
}

std::optional<Document> DocumentCache::find(const Hash128& key, const std::string& path,
                                            Section section, const std::string& text) const {
    auto bytes = store_.find(key);
    if (!bytes) return std::nullopt;
    Reader r{*bytes};
    std::uint64_t body_offset = 0;
    if (!get(r.in, body_offset) || body_offset > text.size()) return std::nullopt;
    Document doc;
    doc.path = path;
    doc.section = section;
    r(doc);
    if (!r.ok || !r.in.empty()) return std::nullopt;
    doc.body.assign(text, body_offset);
    return doc;
}

void DocumentCache::store(const Hash128& key, const Document& doc, const std::string& text) {
    // The body is always the end of the file's text.
    Writer w;
    put(w.out, static_cast<std::uint64_t>(text.size() - doc.body.size()));
    w(doc);
    store_.store(key, std::move(w.out));
}

}  // namespace brief
