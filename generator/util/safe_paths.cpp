#include "util/safe_paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

#include "util/fs.h"

namespace brief {
namespace fs = std::filesystem;

fs::path resolved(const fs::path& path) {
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec);
    if (ec) abs = path;
    fs::path out = fs::weakly_canonical(abs, ec);
    if (ec) out = abs.lexically_normal();
    // weakly_canonical keeps a trailing separator ("site/" -> ".../site/"): drop it.
    if (!out.has_filename() && out.has_parent_path() && out != out.root_path())
        out = out.parent_path();
    return out;
}

bool is_within(const fs::path& path, const fs::path& dir) {
    auto p = path.begin();
    for (auto d = dir.begin(); d != dir.end(); ++d, ++p) {
        if (d->empty()) continue;  // a trailing separator
        if (p == path.end() || *p != *d) return false;
    }
    return true;
}

namespace {

// The user's home folder, resolved; empty when HOME is unset.
fs::path home_folder() {
    const char* home = std::getenv("HOME");
    if (!home || !*home) return {};
    return resolved(home);
}

fs::path working_folder() {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    return ec ? fs::path{} : resolved(cwd);
}

// How a folder is spelled in a message: as the user gave it, and where it resolves when that
// differs.
std::string named(const fs::path& given, const fs::path& real) {
    std::string g = given.string();
    if (g.empty()) g = ".";
    return real.string() == g ? "'" + g + "'" : "'" + g + "' (" + real.string() + ")";
}

// Folders that Brief never writes into as a whole, whoever asks: `/`, the home folder and
// every folder that holds it, and the working directory and every folder that holds it.
std::string system_reason(const fs::path& given, const fs::path& real) {
    const std::string name = named(given, real);
    if (real == real.root_path()) return name + " is the root folder";
    if (fs::path home = home_folder(); !home.empty()) {
        if (real == home) return name + " is your home folder";
        if (is_within(home, real)) return name + " holds your home folder";
    }
    if (fs::path cwd = working_folder(); !cwd.empty()) {
        if (real == cwd) return name + " is the working directory";
        if (is_within(cwd, real)) return name + " holds the working directory";
    }
    return {};
}

std::string site_reason(const fs::path& site, const fs::path& given, const fs::path& real) {
    if (site.empty()) return {};
    const fs::path s = resolved(site);
    const std::string name = named(given, real);
    if (real == s) return name + " is the site folder itself";
    if (is_within(s, real)) return name + " holds the site folder " + s.string();
    for (const char* inner : {"content", "templates", ".git", ".brief-cache"}) {
        fs::path p = resolved(s / inner);
        if (is_within(real, p))
            return name + " lies inside the site's " + std::string(inner) + "/ folder";
    }
    return {};
}

std::string utc_stamp() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

}  // namespace

OutputDecision decide_output(const fs::path& site, const fs::path& output, bool force) {
    OutputDecision d;
    d.folder = resolved(output);
    const std::string name = named(output, d.folder);
    auto refuse = [&](const std::string& why, const std::string& fix) {
        d.refusal = "refusing to write the site into " + why + "; " + fix;
        return d;
    };
    const std::string choose = "choose a new or empty folder with --output (default: site/)";
    if (std::string why = site_reason(site, output, d.folder); !why.empty())
        return refuse(why, choose);
    if (std::string why = system_reason(output, d.folder); !why.empty()) return refuse(why, choose);

    std::error_code ec;
    struct stat st;
    if (::lstat(d.folder.c_str(), &st) != 0) {
        d.state = OutputState::absent;
        return d;
    }
    if (!S_ISDIR(st.st_mode)) return refuse(name + ", which is a file, not a folder", choose);
    if (auto marker = read_file(d.folder / kOutputMarker)) {
        if (parse_output_marker(*marker, d.written)) {
            d.state = OutputState::ours;
            return d;
        }
    }
    if (fs::directory_iterator(d.folder, ec) == fs::directory_iterator()) {
        d.state = ec ? OutputState::foreign : OutputState::empty;
        if (!ec) return d;
    }
    d.state = OutputState::foreign;
    if (!force)
        return refuse(name + ", which is not empty and was not written by Brief (it has no " +
                          std::string(kOutputMarker) + ")",
                      choose + ", or pass --force to move its files aside first");
    // Never deleted: moved aside under a name that does not exist yet.
    fs::path aside = d.folder;
    aside += ".before-brief-" + utc_stamp();
    for (int n = 2; fs::exists(fs::symlink_status(aside, ec)); ++n) {
        aside = d.folder;
        aside += ".before-brief-" + utc_stamp() + "-" + std::to_string(n);
    }
    d.move_aside_to = aside;
    return d;
}

std::string write_refusal(const fs::path& root, const fs::path& file, bool replace) {
    const fs::path r = resolved(root);
    if (std::string why = system_reason(root, r); !why.empty())
        return "refusing to write there: " + why;
    // Lexically first (".." in the name), then through every symbolic link on the way.
    fs::path lexical = (fs::absolute(root) / file.lexically_relative(root)).lexically_normal();
    if (file.is_absolute()) lexical = file.lexically_normal();
    const fs::path real = resolved(file);
    if (!is_within(lexical, fs::absolute(root).lexically_normal()) || !is_within(real, r))
        return "refusing to write " + file.string() + ": it resolves to " + real.string() +
               ", outside " + r.string();
    std::error_code ec;
    if (!replace && fs::exists(fs::symlink_status(file, ec)))
        return file.string() + " already exists; Brief never overwrites a file";
    return {};
}

std::string read_refusal(const fs::path& root, const fs::path& path) {
    const fs::path r = resolved(root);
    // Walk from the root down so the message names the first link that leaves the tree.
    fs::path rel = path.is_absolute() ? path.lexically_relative(fs::absolute(root)) : path;
    if (path.is_absolute() && (rel.empty() || *rel.begin() == ".."))
        rel = path.lexically_relative(r);
    fs::path at = root;
    fs::path shown;
    for (const auto& part : rel) {
        if (part.empty() || part == ".") continue;
        at /= part;
        shown /= part;
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(at, ec))) continue;
        fs::path target = fs::read_symlink(at, ec);
        fs::path real = resolved(at);
        if (!is_within(real, r))
            return shown.generic_string() + " is a symbolic link to " + target.string() +
                   (target.string() == real.string() ? "" : " (" + real.string() + ")") +
                   ", outside the site folder; Brief reads only files inside the site";
    }
    return {};
}

std::string output_marker(std::vector<std::string> files) {
    std::sort(files.begin(), files.end());
    nlohmann::json j;
    j["generator"] = "brief";
    j["note"] =
        "Brief wrote this folder and replaces or deletes only the files listed here; files "
        "it did not write are kept.";
    j["files"] = files;
    return j.dump(1) + "\n";
}

bool parse_output_marker(std::string_view bytes, std::vector<std::string>& files) {
    auto j = nlohmann::json::parse(bytes, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("generator", "") != "brief" ||
        !j.contains("files") || !j["files"].is_array())
        return false;
    files.clear();
    for (const auto& f : j["files"]) {
        if (!f.is_string()) return false;
        files.push_back(f.get<std::string>());
    }
    return true;
}

}  // namespace brief
