#include "render/theme_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "util/fs.h"
#include "util/safe_paths.h"
#include "util/utf8.h"

namespace brief {
namespace fs = std::filesystem;
namespace {

// Hidden files (the base record among them) and editor droppings are not part of a theme.
bool skipped_name(const std::string& name) {
    return name.empty() || name.front() == '.' || name.back() == '~' || name.ends_with(".swp") ||
           name.ends_with(".swx");
}

struct SitePath {
    std::string rel;  ///< relative to templates/
    fs::path path;    ///< <source>/templates/<rel>
};

// The site's theme files in path order: templates/ through list_site_files() (the one guarded
// walk), less editor droppings.
std::vector<SitePath> site_theme_files(const fs::path& source, Diagnostics& diags) {
    std::vector<SitePath> out;
    std::error_code ec;
    const fs::path dir = source / kSiteThemeDir;
    if (!fs::exists(fs::symlink_status(dir, ec))) return out;
    for (const auto& p : list_site_files(source, dir, "", diags)) {
        if (skipped_name(p.filename().string())) continue;
        out.push_back({p.lexically_relative(dir).generic_string(), p});
    }
    return out;
}

void stale_warnings(const ThemeFiles& theme, Diagnostics& diags) {
    std::string error;
    const auto base = read_theme_base(theme.site_dir, error);
    const std::string record = std::string(kSiteThemeDir) + "/" + std::string(kThemeBaseFile);
    if (!error.empty()) {
        Diagnostic d;
        d.file = record;
        d.severity = Severity::warning;
        d.message = error + "; overrides are not checked against Brief's theme";
        d.hint = "delete it to stop this warning (brief theme export --only PATH writes a new one)";
        diags.add(std::move(d));
    }
    for (const auto& [rel, recorded] : base) {
        const ThemeFile* f = theme.find(rel);
        if (!f || f->origin != ThemeOrigin::site) continue;  // no longer overridden
        Diagnostic d;
        d.file = f->name;
        d.severity = Severity::warning;
        if (!f->original) {
            d.message = "Brief's theme no longer has " +
                        theme_file_name(rel, ThemeOrigin::embedded) +
                        ", which this file was copied from";
            d.hint = "the file is now the site's own; remove it from " + record +
                     " once it is what you want";
        } else if (theme_base_hash(*f->original) != recorded) {
            d.message = "Brief's " + theme_file_name(rel, ThemeOrigin::embedded) +
                        " has changed since this copy of it was made";
            d.hint =
                "brief theme diff shows how the two differ; when your copy has the changes "
                "it needs, record that with brief theme accept " +
                rel;
        } else {
            continue;
        }
        diags.add(std::move(d));
    }
}

}  // namespace

const ThemeFile* ThemeFiles::find(std::string_view rel) const {
    auto it = files.find(std::string(rel));
    return it == files.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, const ThemeFile*>> ThemeFiles::under(
    std::string_view folder, std::string_view suffix) const {
    std::vector<std::pair<std::string, const ThemeFile*>> out;
    for (auto it = files.lower_bound(std::string(folder));
         it != files.end() && it->first.starts_with(folder); ++it)
        if (it->first.ends_with(suffix)) out.emplace_back(it->first, &it->second);
    return out;
}

std::vector<std::pair<std::string, const ThemeFile*>> ThemeFiles::overrides() const {
    std::vector<std::pair<std::string, const ThemeFile*>> out;
    for (const auto& [rel, f] : files)
        if (f.origin == ThemeOrigin::site && f.original) out.emplace_back(rel, &f);
    return out;
}

Hash128 ThemeFiles::hash() const {
    Hasher h;
    for (const auto& [rel, f] : files) h.add(rel).add(f.bytes);
    return h.finish();
}

std::string theme_file_name(std::string_view rel, ThemeOrigin origin) {
    return origin == ThemeOrigin::site ? std::string(kSiteThemeDir) + "/" + std::string(rel)
                                       : "(theme) " + std::string(rel);
}

ThemeFiles load_theme_files(const fs::path& source, std::span<const EmbeddedFile> embedded,
                            Diagnostics& diags) {
    ThemeFiles theme;
    theme.site_dir = source / kSiteThemeDir;
    for (const EmbeddedFile& e : embedded) {
        ThemeFile f;
        f.bytes = std::string(e.bytes);
        f.name = theme_file_name(e.path, ThemeOrigin::embedded);
        theme.files[std::string(e.path)] = std::move(f);
    }
    for (const SitePath& p : site_theme_files(source, diags)) {
        auto bytes = read_file(p.path);
        // Layouts, partials and labels are text; static assets may be any bytes. A text file
        // that is not UTF-8 is reported and left out (the build fails on the error).
        if (bytes && !p.rel.starts_with("static/") &&
            !check_utf8_file(theme_file_name(p.rel, ThemeOrigin::site), *bytes, diags))
            continue;
        auto [it, fresh] = theme.files.try_emplace(p.rel);
        ThemeFile& f = it->second;
        if (!fresh) f.original = std::move(f.bytes);
        f.bytes.clear();
        f.origin = ThemeOrigin::site;
        f.site_path = p.path;
        f.name = theme_file_name(p.rel, ThemeOrigin::site);
        if (bytes) {
            f.bytes = std::move(*bytes);
        } else {
            Diagnostic d;
            d.file = f.name;
            d.message = "cannot read the theme file";
            diags.add(std::move(d));
        }
    }
    stale_warnings(theme, diags);
    return theme;
}

Hash128 theme_stamp(const fs::path& source, std::int64_t& newest_mtime_ns) {
    Hasher h;
    Diagnostics ignored;  // the build reports them when it loads the theme
    for (const SitePath& p : site_theme_files(source, ignored))
        add_file_stat(h.add(p.rel), p.path, newest_mtime_ns);
    add_file_stat(h.add(std::string(kThemeBaseFile)), source / kSiteThemeDir / kThemeBaseFile,
                  newest_mtime_ns);
    return h.finish();
}

std::string theme_base_hash(std::string_view bytes) {
    return hash_bytes(bytes).hex();
}

std::map<std::string, std::string> read_theme_base(const fs::path& site_dir, std::string& error) {
    std::map<std::string, std::string> base;
    const fs::path path = site_dir / kThemeBaseFile;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) return base;
    auto bytes = read_file(path);
    auto j = bytes ? nlohmann::json::parse(*bytes, nullptr, false) : nlohmann::json();
    if (!bytes || j.is_discarded() || !j.is_object() || !j.contains("base") ||
        !j["base"].is_object()) {
        error = "not a theme base record (expected {\"base\": {\"layouts/x.mustache\": hash}})";
        return {};
    }
    for (const auto& [rel, hash] : j["base"].items())
        if (hash.is_string()) base[rel] = hash.get<std::string>();
    return base;
}

std::string theme_base_json(const std::map<std::string, std::string>& base) {
    nlohmann::ordered_json j;
    j["note"] =
        "Written by brief theme export: the hash of Brief's original of each file copied here. "
        "brief build warns when Brief's original changes; brief theme accept records the new one.";
    j["base"] = nlohmann::ordered_json::object();
    for (const auto& [rel, hash] : base) j["base"][rel] = hash;
    return j.dump(1) + "\n";
}

}  // namespace brief
