// brief theme export|diff|accept: copy Brief's theme out to own it, see how a site's copies
// differ from it, and record that a copy has caught up with a changed original.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "render/theme_files.h"
#include "util/fs.h"
#include "util/line_diff.h"
#include "util/safe_paths.h"

namespace brief::cli {
namespace {

namespace fs = std::filesystem;

// "templates/layouts/x.mustache" and "(theme) layouts/x.mustache", as diagnostics print them,
// name the theme's "layouts/x.mustache" too.
std::string theme_rel(std::string path) {
    for (std::string_view prefix : {"(theme) ", "templates/", "./"})
        if (path.starts_with(prefix)) path.erase(0, prefix.size());
    while (path.ends_with('/')) path.pop_back();
    return path;
}

// The embedded files that `wanted` names (a file, or a folder of them); every one when empty.
// Sets `error` for a name that is not in the theme.
std::vector<EmbeddedFile> select_files(const std::vector<std::string>& wanted, std::string& error) {
    const auto all = embedded_theme();
    if (wanted.empty()) return {all.begin(), all.end()};
    std::vector<EmbeddedFile> out;
    for (const std::string& w : wanted) {
        const std::string rel = theme_rel(w);
        std::size_t found = 0;
        for (const EmbeddedFile& e : all)
            if (e.path == rel || (e.path.starts_with(rel + "/") && !rel.empty())) {
                out.push_back(e);
                ++found;
            }
        if (found == 0) {
            std::vector<std::string> names;
            for (const EmbeddedFile& e : all) names.emplace_back(e.path);
            std::string near = nearest(rel, names);
            error = "'" + w + "' is not a file of Brief's theme" +
                    (near.empty() ? std::string(" (brief theme export lists them)")
                                  : "; did you mean " + near + "?");
            return {};
        }
    }
    std::sort(out.begin(), out.end(),
              [](const EmbeddedFile& a, const EmbeddedFile& b) { return a.path < b.path; });
    out.erase(
        std::unique(out.begin(), out.end(),
                    [](const EmbeddedFile& a, const EmbeddedFile& b) { return a.path == b.path; }),
        out.end());
    return out;
}

// Adds `hashes` to the base record in `dir` (replacing it atomically).
Status record_base(const fs::path& dir, const std::map<std::string, std::string>& hashes) {
    std::string error;
    auto base = read_theme_base(dir, error);  // a broken record is replaced
    for (const auto& [rel, hash] : hashes) base[rel] = hash;
    const fs::path file = dir / kThemeBaseFile;
    if (std::string why = write_refusal(dir, file, true); !why.empty()) return fail(why);
    return write_file_atomic(file, theme_base_json(base));
}

int theme_export(const ParsedArgs& args, const fs::path& source) {
    if (args.positional.size() > 2) {
        std::fprintf(stderr, "brief theme export: expected at most one DIR\n");
        return kExitUsage;
    }
    const bool own_theme = args.positional.size() < 2;
    const fs::path dir =
        own_theme ? (source / kSiteThemeDir).lexically_normal() : fs::path(args.positional[1]);
    // The site's templates/ must not lead out of the site either.
    if (std::string why = own_theme ? read_refusal(source, kSiteThemeDir) : ""; !why.empty()) {
        std::fprintf(stderr, "brief theme export: wrote nothing: %s\n", why.c_str());
        return kExitUsage;
    }
    std::string error;
    const std::vector<EmbeddedFile> files = select_files(args.all("--only"), error);
    if (!error.empty()) {
        std::fprintf(stderr, "brief theme export: %s\n", error.c_str());
        return kExitUsage;
    }
    // Every refusal first, so that nothing is written unless everything can be.
    std::vector<std::string> refused;
    for (const EmbeddedFile& e : files)
        if (std::string why = write_refusal(dir, dir / e.path, false); !why.empty())
            refused.push_back(std::move(why));
    if (!refused.empty()) {
        std::fprintf(stderr, "brief theme export: wrote nothing: %zu of the %zu files:\n",
                     refused.size(), files.size());
        for (const auto& why : refused) std::fprintf(stderr, "  %s\n", why.c_str());
        std::fprintf(stderr,
                     "  hint: export into an empty folder, or name the files you still need "
                     "with --only PATH\n");
        return kExitUsage;
    }
    std::vector<fs::path> written;
    std::map<std::string, std::string> hashes;
    for (const EmbeddedFile& e : files) {
        const fs::path path = dir / e.path;
        if (Status made = create_file(path, e.bytes); !made) {
            std::fprintf(stderr, "brief theme export: %s; removed the files written so far\n",
                         made.error().c_str());
            std::error_code ec;
            for (const auto& p : written) fs::remove(p, ec);
            return kExitIo;
        }
        written.push_back(path);
        hashes[std::string(e.path)] = theme_base_hash(e.bytes);
        if (!args.has("--quiet")) std::printf("%s\n", path.string().c_str());
    }
    if (Status recorded = record_base(dir, hashes); !recorded) {
        std::fprintf(stderr, "brief theme export: %s\n", recorded.error().c_str());
        return kExitIo;
    }
    if (!args.has("--quiet"))
        std::fprintf(stderr, "brief theme export: %zu %s written to %s (bases in %s)\n",
                     files.size(), files.size() == 1 ? "file" : "files", dir.string().c_str(),
                     std::string(kThemeBaseFile).c_str());
    return kExitOk;
}

int theme_diff(const ParsedArgs& args, const fs::path& source) {
    if (args.positional.size() != 1) {
        std::fprintf(stderr, "brief theme diff: takes no arguments\n");
        return kExitUsage;
    }
    Diagnostics diags;
    const ThemeFiles theme = load_theme_files(source, embedded_theme(), diags);
    print_diagnostics(diags);
    if (diags.has_errors()) return kExitContent;
    std::size_t overrides = 0, differ = 0, own = 0;
    for (const auto& [rel, f] : theme.files) {
        if (f.origin != ThemeOrigin::site) continue;
        if (!f.original) {
            ++own;
            continue;
        }
        ++overrides;
        std::string patch =
            unified_diff(*f.original, f.bytes, theme_file_name(rel, ThemeOrigin::embedded), f.name);
        if (patch.empty()) continue;
        ++differ;
        std::fputs(patch.c_str(), stdout);
    }
    if (args.has("--quiet")) return kExitOk;
    const std::string also = own ? "; " + std::to_string(own) +
                                       (own == 1 ? " file is" : " files are") + " the site's own"
                                 : "";
    if (overrides == 0)
        std::fprintf(stderr, "brief theme diff: no overrides%s\n", also.c_str());
    else
        std::fprintf(stderr, "brief theme diff: %zu %s, %zu %s from Brief's original%s\n",
                     overrides, overrides == 1 ? "override" : "overrides", differ,
                     differ == 1 ? "differs" : "differ", also.c_str());
    return kExitOk;
}

int theme_accept(const ParsedArgs& args, const fs::path& source) {
    Diagnostics diags;
    const ThemeFiles theme = load_theme_files(source, embedded_theme(), diags);
    if (diags.has_errors()) {
        print_diagnostics(diags);
        return kExitContent;
    }
    std::map<std::string, std::string> hashes;
    if (args.positional.size() == 1) {
        for (const auto& [rel, f] : theme.overrides()) hashes[rel] = theme_base_hash(*f->original);
    } else {
        for (std::size_t i = 1; i < args.positional.size(); ++i) {
            const std::string rel = theme_rel(args.positional[i]);
            const ThemeFile* f = theme.find(rel);
            if (!f || f->origin != ThemeOrigin::site || !f->original) {
                std::fprintf(stderr,
                             "brief theme accept: %s is not a file the site overrides (there "
                             "is no %s)\n",
                             args.positional[i].c_str(),
                             theme_file_name(rel, ThemeOrigin::site).c_str());
                return kExitUsage;
            }
            hashes[rel] = theme_base_hash(*f->original);
        }
    }
    if (hashes.empty()) {
        std::fprintf(stderr, "brief theme accept: the site overrides no file of Brief's theme\n");
        return kExitOk;
    }
    if (Status recorded = record_base(theme.site_dir, hashes); !recorded) {
        std::fprintf(stderr, "brief theme accept: %s\n", recorded.error().c_str());
        return kExitIo;
    }
    if (!args.has("--quiet"))
        for (const auto& [rel, hash] : hashes)
            std::printf("%s\n", theme_file_name(rel, ThemeOrigin::site).c_str());
    return kExitOk;
}

}  // namespace

CommandSpec theme_spec() {
    CommandSpec spec;
    spec.name = "theme";
    spec.usage =
        "brief theme export [DIR] [--only PATH]... | brief theme diff | brief theme accept "
        "[PATH...]";
    spec.summary = "copy Brief's theme out, and compare a site's overrides with it";
    spec.details =
        "Brief's theme is compiled into brief; a site's templates/ overrides it file by file\n"
        "(same relative path, e.g. templates/layouts/briefing.mustache).\n"
        "  export [DIR]  writes the theme to DIR (default: <source>/templates), never replacing\n"
        "                a file: when any exists, lists them and writes nothing (exit 2).\n"
        "                --only PATH copies just that file or folder (layouts/briefing.mustache).\n"
        "                Each copy's original is recorded in DIR/.theme-base.json, so brief\n"
        "                build can warn when a later Brief changes the original.\n"
        "  diff          prints, as a unified diff, how each override differs from Brief's.\n"
        "  accept [PATH] records that the overrides named (default: all) match the current\n"
        "                originals, which ends the warning about a changed original.";
    spec.options = common_options();
    spec.options.insert(
        spec.options.begin() + 1,
        {"--only", "PATH", "export: only this file or folder of the theme", "", true});
    return spec;
}

int run_theme(const ParsedArgs& args) {
    const fs::path source = args.get("--source", ".");
    const std::string sub = args.positional.empty() ? "" : args.positional[0];
    if (args.has("--only") && sub != "export") {
        std::fprintf(stderr, "brief theme: --only goes with export\n");
        return kExitUsage;
    }
    if (sub == "export") return theme_export(args, source);
    if (sub == "diff") return theme_diff(args, source);
    if (sub == "accept") return theme_accept(args, source);
    std::fprintf(stderr, "brief theme: expected export, diff or accept (usage: %s)\n",
                 theme_spec().usage.c_str());
    return kExitUsage;
}

}  // namespace brief::cli
