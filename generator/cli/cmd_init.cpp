// brief init: a new desk repository that builds at once, with its publishing workflow.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include "cli/commands.h"
#include "cli/desk.h"
#include "pipeline/build.h"
#include "util/fs.h"
#include "util/safe_paths.h"

namespace brief::cli {
namespace fs = std::filesystem;
namespace {

int refuse(const std::string& sentence) {
    std::fprintf(stderr, "brief init: %s\n", sentence.c_str());
    return kExitUsage;
}

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

// A name for a staging folder that does not exist yet.
std::string staging_name() {
    std::random_device rd;
    return ".brief-init-" + std::to_string(::getpid()) + "-" + std::to_string(rd());
}

// Moves `from` to `to` unless something is at `to` (no race with another writer).
Status move_new(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return {};
    return fail("cannot move " + from.string() + " to " + to.string() + ": " +
                std::strerror(errno));
}

// Every file is written into a staging folder first and moved into place at the end, so a
// failure leaves nothing behind. A new desk folder (and any missing parents) arrives in one
// rename; an existing folder gets its new files one by one, undone if one of them fails.
class Staging {
  public:
    explicit Staging(const fs::path& dir) : dir_(fs::absolute(dir).lexically_normal()) {}
    ~Staging() {
        std::error_code ec;
        if (!stage_.empty()) fs::remove_all(stage_, ec);
    }
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    /// Writes every file into the staging folder, then moves them into the desk.
    Status publish(const std::map<std::string, std::string>& files) {
        std::error_code ec;
        const bool exists = fs::is_directory(dir_, ec);
        // The deepest folder that exists already, and the desk's path below it.
        fs::path base = exists ? dir_ : dir_.parent_path();
        while (!fs::exists(fs::symlink_status(base, ec)) && base.has_relative_path())
            base = base.parent_path();
        if (!fs::is_directory(base, ec))
            return fail("cannot create " + quoted(dir_) + ": " + quoted(base) +
                        " is a file, not a folder");
        stage_ = base / staging_name();
        if (::mkdir(stage_.c_str(), 0755) != 0) {
            std::string why = std::strerror(errno);
            stage_.clear();
            return fail("cannot create " + quoted(dir_) + ": the folder " + quoted(base) +
                        " cannot be written to (" + why + ")");
        }
        const fs::path below = dir_.lexically_relative(base);
        const fs::path staged_dir = exists ? stage_ : stage_ / below;
        for (const auto& [rel, bytes] : files)
            if (Status made = create_file(staged_dir / rel, bytes); !made) return made;
        if (!exists) {
            const fs::path top = *below.begin();
            return move_new(stage_ / top, base / top);
        }
        return move_each(files);
    }

  private:
    Status move_each(const std::map<std::string, std::string>& files) {
        std::vector<fs::path> moved, made;
        Status err;
        for (const auto& [rel, bytes] : files) {
            const fs::path to = dir_ / rel;
            // The folders on the way that do not exist yet, outermost first.
            std::vector<fs::path> missing;
            std::error_code ec;
            for (fs::path p = to.parent_path(); p != dir_ && !fs::exists(p, ec);
                 p = p.parent_path())
                missing.insert(missing.begin(), p);
            for (const auto& p : missing) {
                if (::mkdir(p.c_str(), 0755) != 0) {
                    err = fail("cannot create " + p.string() + ": " + std::strerror(errno));
                    break;
                }
                made.push_back(p);
            }
            if (err) err = move_new(stage_ / rel, to);
            if (!err) break;
            moved.push_back(to);
        }
        if (err) return {};
        std::error_code ec;
        for (const auto& p : moved) fs::remove(p, ec);
        for (auto it = made.rbegin(); it != made.rend(); ++it) fs::remove(*it, ec);
        return err;
    }

    fs::path dir_;
    fs::path stage_;
};

}  // namespace

CommandSpec init_spec() {
    CommandSpec spec;
    spec.name = "init";
    spec.usage =
        "brief init DIR [--title T] [--base-url URL] [--language L] [--timezone TZ] [--force]";
    spec.summary = "start a new desk: a site repository that builds at once, with its workflow";
    spec.details =
        "Writes a complete desk into DIR: content/site.yaml, a commented sources.yaml with\n"
        "example feeds, an example briefing and guide that show the front matter, this ISO\n"
        "week's note, content/pages/standards.md, .gitignore, a README and\n"
        ".github/workflows/publish.yml (install Brief's package, fetch, commit the archive,\n"
        "build --strict, check, deploy to GitHub Pages). 'cd DIR && brief serve' previews it.\n"
        "DIR must be new or empty (--force: a non-empty folder, whose files are kept); never\n"
        "your home folder or /. Brief never overwrites a file: when any of the desk's\n"
        "files exists already, init lists them and writes nothing. Everything is written to a\n"
        "staging folder first, so a failure leaves nothing behind. SOURCE_DATE_EPOCH, when\n"
        "set, is 'now' (the example dates and the week). Exit 2 for any refusal.";
    spec.options = {
        {"--title", "T", "the site's title", "My Brief"},
        {"--base-url", "URL", "the http(s) address the site will be published at",
         "https://example.org/"},
        {"--language", "L", "the language of the site (one the default theme has labels for)",
         "en"},
        {"--timezone", "TZ", "an IANA time zone of the tz database", "UTC"},
        {"--force", "", "also start the desk in a non-empty folder (never replacing a file)", ""},
        {"--quiet", "", "print only errors", ""},
        {"--help", "", "show this help", ""},
    };
    return spec;
}

int run_init(const ParsedArgs& args) {
    if (args.positional.size() != 1)
        return refuse("give the folder of the new desk, and only that: brief init DIR");
    DeskSettings settings;
    settings.title = args.get("--title", settings.title);
    settings.base_url = args.get("--base-url", settings.base_url);
    settings.language = args.get("--language", settings.language);
    settings.timezone = args.get("--timezone", settings.timezone);
    if (std::string why = check_desk_settings(settings); !why.empty()) return refuse(why);

    const fs::path dir = args.positional[0];
    std::error_code ec;
    const auto status = fs::status(dir, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status))
            return refuse(quoted(dir) + " is a file, not a folder; give a new or empty folder");
        if (fs::exists(dir / "content" / "site.yaml", ec))
            return refuse(quoted(dir) +
                          " is a Brief site already (it has content/site.yaml); brief init "
                          "starts a new one, so pick a new folder");
        const bool empty = fs::directory_iterator(dir, ec) == fs::directory_iterator();
        if (ec) return refuse("cannot read " + quoted(dir) + ": " + ec.message());
        if (!empty && !args.has("--force"))
            return refuse(quoted(dir) +
                          " is not empty; give a new or empty folder, or pass --force to add "
                          "the desk's files beside what is there (none is ever replaced)");
    }

    const auto files = desk_files(settings, build_time_now());
    // First what no --force allows (a protected folder, a path that leads outside DIR), then
    // the files that exist already, all of them listed.
    std::vector<std::string> clashes;
    for (const auto& [rel, bytes] : files) {
        std::string why = write_refusal(dir, dir / rel, true);
        if (why.empty()) continue;
        return refuse(why);
    }
    for (const auto& [rel, bytes] : files)
        if (!write_refusal(dir, dir / rel, false).empty()) clashes.push_back(rel);
    if (!clashes.empty()) {
        std::fprintf(stderr,
                     "brief init: %zu of the desk's files exist already in %s, and brief init "
                     "never overwrites a file; nothing was written:\n",
                     clashes.size(), quoted(dir).c_str());
        for (const auto& c : clashes) std::fprintf(stderr, "  %s\n", c.c_str());
        return kExitUsage;
    }

    Staging staging(dir);
    if (Status published = staging.publish(files); !published)
        return refuse(published.error() + "; nothing was written");
    if (!args.has("--quiet")) {
        std::printf("Started a desk in %s:\n", dir.c_str());
        for (const auto& [rel, bytes] : files) std::printf("  %s\n", rel.c_str());
        std::printf("Next: cd %s && brief serve\n", dir.c_str());
    }
    return kExitOk;
}

}  // namespace brief::cli
