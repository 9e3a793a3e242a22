#include "util/hash_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "util/bytes.h"
#include "util/fs.h"

namespace brief {
namespace {

constexpr std::size_t kHeader = 20;  // key (16 bytes) and length (4), native byte order

void append_entry(std::string& out, const Hash128& key, std::string_view bytes) {
    put(out, key.lo);
    put(out, key.hi);
    put_string(out, bytes);
}

}  // namespace

HashStore::HashStore(std::string magic) : magic_(std::move(magic)) {}

HashStore::~HashStore() {
    if (map_) ::munmap(const_cast<char*>(map_), map_size_);
}

std::optional<std::string> HashStore::find(const Hash128& key) const {
    Shard& s = shard(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(key);
    if (it == s.entries.end()) return std::nullopt;
    it->second.used = true;
    return it->second.on_disk ? std::string(it->second.mapped) : it->second.owned;
}

void HashStore::touch(const Hash128& key) const {
    Shard& s = shard(key);
    std::lock_guard<std::mutex> lock(s.mu);
    if (auto it = s.entries.find(key); it != s.entries.end()) it->second.used = true;
}

void HashStore::store(const Hash128& key, std::string bytes) {
    Shard& s = shard(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto [it, inserted] = s.entries.try_emplace(key);
    if (!inserted) return;  // the same key holds the same bytes
    it->second.owned = std::move(bytes);
    it->second.used = true;
}

std::size_t HashStore::size() const {
    std::size_t n = 0;
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        n += s.entries.size();
    }
    return n;
}

void HashStore::open(const std::filesystem::path& file) {
    file_ = file;
    load();
}

void HashStore::load() {
    int fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(magic_.size())) {
        ::close(fd);
        return;
    }
    auto size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return;
    map_ = static_cast<const char*>(p);
    map_size_ = size;
    std::string_view all(map_, map_size_);
    if (!all.starts_with(magic_)) return;
    std::vector<std::pair<Hash128, std::string_view>> entries;
    for (std::string_view in = all.substr(magic_.size()); !in.empty();) {
        Hash128 key;
        std::uint32_t len;
        if (!get(in, key.lo) || !get(in, key.hi) || !get(in, len) || in.size() < len)
            return;  // a torn append: keep nothing from this file
        entries.push_back({key, in.substr(0, len)});
        in.remove_prefix(len);
    }
    for (const auto& [key, bytes] : entries) {
        Entry& e = shard(key).entries[key];
        e.mapped = bytes;
        e.on_disk = true;
    }
    appendable_ = true;
}

// Writes only the entries not yet written, appended (new_only), or every used one into a
// fresh file; marks what it wrote.
Status HashStore::write(bool new_only) {
    if (!appendable_) new_only = false;  // a missing or damaged file is started again
    std::string out;
    if (!new_only) out = magic_;
    std::vector<Entry*> written;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (auto& [key, e] : s.entries) {
            if (e.on_disk) {
                if (!new_only && e.used) append_entry(out, key, e.mapped);
            } else if (!new_only || !e.written) {
                append_entry(out, key, e.owned);
                written.push_back(&e);
            }
        }
    }
    if (new_only && out.empty()) return {};
    Status done;
    if (!new_only) {
        done = write_file_atomic(file_, out, false);
    } else {
        int fd = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
        if (fd < 0) return fail("cannot open " + file_.string() + ": " + std::strerror(errno));
        done = write_all(fd, out, file_);
        ::close(fd);
    }
    if (done) {
        for (Entry* e : written) e->written = true;
        appendable_ = true;
    }
    return done;
}

Status HashStore::save() {
    if (file_.empty()) return {};
    std::size_t used = 0, unused = 0;
    bool fresh = false;
    for (const auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [key, e] : s.entries) {
            if (!e.on_disk)
                fresh = fresh || !e.written;
            else
                (e.used ? used : unused) += e.mapped.size() + kHeader;
        }
    }
    // After release() the entries written before are no longer listed: a rewrite would lose
    // them, so the file may only grow.
    const bool compact = !released_ && unused > used && unused > (1u << 20);
    if (!fresh && !compact) return {};
    return write(!compact);
}

void HashStore::release() {
    if (file_.empty()) return;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (auto it = s.entries.begin(); it != s.entries.end();) {
            if (!it->second.on_disk && it->second.written)
                it = s.entries.erase(it);
            else
                ++it;
        }
    }
    released_ = true;
    if (map_) ::madvise(const_cast<char*>(map_), map_size_, MADV_DONTNEED);
}

}  // namespace brief
