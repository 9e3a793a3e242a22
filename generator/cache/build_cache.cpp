#include "cache/build_cache.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>

#include "cache/read.h"
#include "util/fs.h"

namespace brief {
namespace {

constexpr std::string_view kManifestMagic = "brief-manifest 1\n";

// The GNU build id of the main executable, from its PT_NOTE segments.
int find_build_id(dl_phdr_info* info, std::size_t, void* out) {
    auto* id = static_cast<std::string*>(out);
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        if (ph.p_type != PT_NOTE) continue;
        const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
        const char* end = p + ph.p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const char* name = p + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0 && desc + note.n_descsz <= end) {
                id->assign(desc, note.n_descsz);
                return 1;
            }
            p = desc + ((note.n_descsz + 3) & ~3u);
        }
    }
    return 1;  // the first object is the executable; stop there
}

template <typename T>
void put(std::string& out, const T& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
bool get(std::string_view& in, T& v) {
    if (in.size() < sizeof v) return false;
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
    return true;
}

}  // namespace

const std::string& binary_fingerprint() {
    static const std::string fingerprint = [] {
        std::string id;
        dl_iterate_phdr(find_build_id, &id);
        if (id.empty())
            if (auto exe = read_file("/proc/self/exe")) id = hash_bytes(*exe).hex();
        return std::string(BRIEF_VERSION) + "+" + hash_bytes(id).hex();
    }();
    return fingerprint;
}

Hash128 hash_tree(const std::filesystem::path& dir) {
    Hasher h;
    for (const auto& p : list_files(dir, "")) {
        h.add(std::filesystem::relative(p, dir).generic_string());
        h.add(read_file(p).value_or(std::string("\0unreadable", 11)));
    }
    return h.finish();
}

std::unique_ptr<BuildCache> BuildCache::open(const std::filesystem::path& dir, std::string& why) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        why = "cannot create " + dir.string() + ": " + ec.message();
        return nullptr;
    }
    int fd = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        why = "cannot open " + (dir / "lock").string() + ": " + std::strerror(errno);
        return nullptr;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        why = "another build is using " + dir.string();
        return nullptr;
    }
    // A cache written by another binary is dropped whole: its rendering may differ from ours.
    const std::string stamp = "brief build cache\n" + binary_fingerprint() + "\n";
    if (read_file(dir / "binary") != stamp) {
        for (auto it = std::filesystem::directory_iterator(dir, ec);
             !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
            if (it->path().filename() != "lock") std::filesystem::remove_all(it->path(), ec);
        write_file_atomic(dir / "binary", stamp, false);
    }
    return std::unique_ptr<BuildCache>(new BuildCache(dir, fd));
}

BuildCache::BuildCache(std::filesystem::path dir, int lock_fd)
    : dir_(std::move(dir)), lock_fd_(lock_fd) {}

BuildCache::~BuildCache() {
    if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

MarkdownCache& BuildCache::markdown() {
    if (!markdown_loaded_) {
        markdown_.open(dir_);
        markdown_loaded_ = true;
    }
    return markdown_;
}

std::filesystem::path BuildCache::manifest_path(const std::filesystem::path& output_dir) const {
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(output_dir, ec).lexically_normal();
    if (!abs.has_filename()) abs = abs.parent_path();
    return dir_ / ("output-" + hash_bytes(abs.string()).hex().substr(0, 16) + ".manifest");
}

OutputManifest BuildCache::manifest(const std::filesystem::path& output_dir) const {
    OutputManifest m;
    auto bytes = read_whole_file(manifest_path(output_dir));
    if (!bytes || !bytes->starts_with(kManifestMagic)) return m;
    std::string_view in(*bytes);
    in.remove_prefix(kManifestMagic.size());
    while (!in.empty()) {
        std::uint32_t len;
        OutputRecord r;
        if (!get(in, len) || in.size() < len) return {};
        std::string path(in.substr(0, len));
        in.remove_prefix(len);
        if (!get(in, r.size) || !get(in, r.mtime_ns) || !get(in, r.inode) || !get(in, r.hash.lo) ||
            !get(in, r.hash.hi) || !get(in, r.page_key.lo) || !get(in, r.page_key.hi))
            return {};
        m.emplace(std::move(path), r);
    }
    return m;
}

std::string BuildCache::save(const std::filesystem::path& output_dir,
                             const OutputManifest& manifest) {
    std::string out(kManifestMagic);
    for (const auto& [path, r] : manifest) {
        put(out, static_cast<std::uint32_t>(path.size()));
        out += path;
        put(out, r.size);
        put(out, r.mtime_ns);
        put(out, r.inode);
        put(out, r.hash.lo);
        put(out, r.hash.hi);
        put(out, r.page_key.lo);
        put(out, r.page_key.hi);
    }
    std::string err = write_file_atomic(manifest_path(output_dir), out, false);
    if (markdown_loaded_) {
        std::string md = markdown_.save();
        if (err.empty()) err = md;
    }
    return err;
}

std::string BuildCache::save_markdown() {
    return markdown_loaded_ ? markdown_.save() : std::string();
}

}  // namespace brief
