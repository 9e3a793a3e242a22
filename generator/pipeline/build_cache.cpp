#include "pipeline/build_cache.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "util/bytes.h"
#include "util/fs.h"

namespace brief {
namespace {

constexpr std::string_view kManifestMagic = "brief-manifest 1\n";
constexpr std::string_view kStampMagic = "brief-stamp 1\n";

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

bool output_untouched(const std::filesystem::path& dir, const OutputManifest& manifest) {
    if (manifest.empty()) return false;
    std::size_t seen = 0;
    for (const auto& p : list_files(dir, "")) {
        auto it = manifest.find(p.lexically_relative(dir).generic_string());
        struct stat st {};
        if (it == manifest.end() || ::stat(p.c_str(), &st) != 0) return false;
        const std::int64_t mtime =
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        if (it->second.size != static_cast<std::uint64_t>(st.st_size) ||
            it->second.mtime_ns != mtime ||
            it->second.inode != static_cast<std::uint64_t>(st.st_ino))
            return false;
        ++seen;
    }
    return seen == manifest.size();
}

std::unique_ptr<BuildCache> BuildCache::open(const std::filesystem::path& dir, std::string& why) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        why = "cannot create " + dir.string() + ": " + ec.message();
        return nullptr;
    }
    FileLock lock(dir / "lock", "another build is using " + dir.string());
    if (!lock.ok()) {
        why = lock.error();
        return nullptr;
    }
    // A cache written by another binary is dropped whole: its rendering may differ from ours.
    const std::string stamp = "brief build cache\n" + binary_fingerprint() + "\n";
    if (read_file(dir / "binary") != stamp) {
        for (auto it = std::filesystem::directory_iterator(dir, ec);
             !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
            if (it->path().filename() != "lock") std::filesystem::remove_all(it->path(), ec);
        if (Status written = write_file_atomic(dir / "binary", stamp, false); !written) {
            why = written.error();
            return nullptr;
        }
    }
    return std::unique_ptr<BuildCache>(new BuildCache(dir, std::move(lock)));
}

BuildCache::BuildCache(std::filesystem::path dir, FileLock lock)
    : dir_(std::move(dir)), lock_(std::move(lock)) {}

BuildCache::~BuildCache() = default;

MarkdownCache& BuildCache::markdown() {
    if (!markdown_loaded_) {
        markdown_.open(dir_);
        markdown_loaded_ = true;
    }
    return markdown_;
}

DocumentCache& BuildCache::documents() {
    if (!documents_loaded_) {
        documents_.open(dir_);
        documents_loaded_ = true;
    }
    return documents_;
}

std::filesystem::path BuildCache::manifest_path(const std::filesystem::path& output_dir) const {
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(output_dir, ec).lexically_normal();
    if (!abs.has_filename()) abs = abs.parent_path();
    return dir_ / ("output-" + hash_bytes(abs.string()).hex().substr(0, 16) + ".manifest");
}

OutputManifest BuildCache::manifest(const std::filesystem::path& output_dir) const {
    OutputManifest m;
    auto bytes = read_file(manifest_path(output_dir));
    if (!bytes || !bytes->starts_with(kManifestMagic)) return m;
    std::string_view in(*bytes);
    in.remove_prefix(kManifestMagic.size());
    while (!in.empty()) {
        std::string path;
        OutputRecord r;
        if (!get_string(in, path)) return {};
        if (!get(in, r.size) || !get(in, r.mtime_ns) || !get(in, r.inode) || !get(in, r.hash.lo) ||
            !get(in, r.hash.hi) || !get(in, r.page_key.lo) || !get(in, r.page_key.hi))
            return {};
        m.emplace(std::move(path), r);
    }
    return m;
}

Status BuildCache::save(const std::filesystem::path& output_dir, const OutputManifest& manifest) {
    std::string out(kManifestMagic);
    for (const auto& [path, r] : manifest) {
        put_string(out, path);
        put(out, r.size);
        put(out, r.mtime_ns);
        put(out, r.inode);
        put(out, r.hash.lo);
        put(out, r.hash.hi);
        put(out, r.page_key.lo);
        put(out, r.page_key.hi);
    }
    Status written = write_file_atomic(manifest_path(output_dir), out, false);
    Status markdown = save_markdown();
    return written ? markdown : written;
}

Status BuildCache::save_markdown() {
    return markdown_loaded_ ? markdown_.save() : Status();
}

std::filesystem::path BuildCache::stamp_path(const std::filesystem::path& output_dir) const {
    std::filesystem::path p = manifest_path(output_dir);
    p.replace_extension(".stamp");
    return p;
}

std::optional<BuildStamp> BuildCache::stamp(const std::filesystem::path& output_dir) const {
    auto bytes = read_file(stamp_path(output_dir));
    if (!bytes || !bytes->starts_with(kStampMagic)) return std::nullopt;
    std::string_view in(*bytes);
    in.remove_prefix(kStampMagic.size());
    BuildStamp st;
    if (!get(in, st.inputs.lo) || !get(in, st.inputs.hi) || !get(in, st.now) ||
        !get(in, st.stable_until) || !get(in, st.documents) || !in.empty())
        return std::nullopt;
    return st;
}

Status BuildCache::save_stamp(const std::filesystem::path& output_dir,
                              const std::optional<BuildStamp>& stamp) {
    std::error_code ec;
    if (!stamp) {
        std::filesystem::remove(stamp_path(output_dir), ec);
        if (ec)
            return fail("cannot remove " + stamp_path(output_dir).string() + ": " + ec.message());
        return {};
    }
    std::string out(kStampMagic);
    put(out, stamp->inputs.lo);
    put(out, stamp->inputs.hi);
    put(out, stamp->now);
    put(out, stamp->stable_until);
    put(out, stamp->documents);
    return write_file_atomic(stamp_path(output_dir), out, false);
}

}  // namespace brief
