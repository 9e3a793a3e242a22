#include "output/writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

namespace brief {
namespace {

std::string write_plain(const std::filesystem::path& path, const std::string& bytes) {
    // No fsync per file: the tree is swapped in as a whole, and a crash before the swap leaves
    // the old site in place.
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot create " + path.string() + ": " + std::strerror(errno);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return "cannot write " + path.string() + ": " + std::strerror(errno);
    return {};
}

}  // namespace

WriteResult write_site(const std::filesystem::path& output_dir, const std::vector<Output>& outputs) {
    WriteResult result;
    std::error_code ec;
    std::filesystem::path out = std::filesystem::absolute(output_dir, ec).lexically_normal();
    if (out.has_filename() == false) out = out.parent_path();
    std::filesystem::path parent = out.parent_path();
    std::filesystem::create_directories(parent, ec);
    const std::string stamp = std::to_string(getpid());
    std::filesystem::path tmp = parent / ("." + out.filename().string() + ".tmp-" + stamp);
    std::filesystem::remove_all(tmp, ec);
    if (!std::filesystem::create_directory(tmp, ec)) {
        result.error = "cannot create " + tmp.string() + ": " + ec.message();
        return result;
    }
    auto fail = [&](std::string message) {
        std::error_code ignore;
        std::filesystem::remove_all(tmp, ignore);
        result.error = std::move(message);
        return result;
    };
    std::set<std::filesystem::path> made;
    for (const auto& o : outputs) {
        std::filesystem::path rel(o.path);
        if (rel.is_absolute() || o.path.find("..") != std::string::npos)
            return fail("refusing to write outside the site: " + o.path);
        std::filesystem::path target = tmp / rel;
        std::filesystem::path dir = target.parent_path();
        if (!made.count(dir)) {
            std::filesystem::create_directories(dir, ec);
            if (ec) return fail("cannot create " + dir.string() + ": " + ec.message());
            made.insert(dir);
        }
        if (auto err = write_plain(target, o.bytes); !err.empty()) return fail(err);
        ++result.files;
        result.bytes += o.bytes.size();
    }
    if (!std::filesystem::exists(out, ec)) {
        if (::rename(tmp.c_str(), out.c_str()) != 0)
            return fail("cannot move the new site into " + out.string() + ": " + std::strerror(errno));
        return result;
    }
    // Swap the two trees in one step; the old one ends up at `tmp` and is removed.
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0) {
        std::filesystem::path old = parent / ("." + out.filename().string() + ".old-" + stamp);
        if (::rename(out.c_str(), old.c_str()) != 0)
            return fail("cannot replace " + out.string() + ": " + std::strerror(errno));
        if (::rename(tmp.c_str(), out.c_str()) != 0) {
            ::rename(old.c_str(), out.c_str());
            return fail("cannot move the new site into " + out.string() + ": " + std::strerror(errno));
        }
        std::filesystem::remove_all(old, ec);
        return result;
    }
    std::filesystem::remove_all(tmp, ec);
    return result;
}

}  // namespace brief
