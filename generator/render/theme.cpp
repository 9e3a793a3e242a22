#include "render/theme.h"

#include <algorithm>
#include <regex>
#include <set>

#include "content/yaml_reader.h"

namespace brief {

const std::string& Labels::get(const std::string& key) const {
    auto it = text.find(key);
    return it == text.end() ? key : it->second;
}

const Labels& Theme::labels_for(const std::string& lang) const {
    if (auto it = labels.find(lang); it != labels.end()) return it->second;
    std::string primary = lang.substr(0, lang.find('-'));
    if (auto it = labels.find(primary); it != labels.end()) return it->second;
    if (auto it = labels.find(fallback_lang); it != labels.end()) return it->second;
    static const Labels empty;
    return empty;
}

namespace {

// Adds each diagnostic once: a fault in a partial shows in every layout that includes it.
class OnceDiagnostics {
  public:
    explicit OnceDiagnostics(Diagnostics& diags) : diags_(diags) {}
    void add(Diagnostic d) {
        if (seen_
                .insert(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) +
                        ":" + d.message)
                .second)
            diags_.add(std::move(d));
    }

  private:
    Diagnostics& diags_;
    std::set<std::string> seen_;
};

// A layout with its partials expanded, and where each piece of it was written, so that an
// offset the parser reports can be named as file:line:column.
struct Expanded {
    struct Piece {
        std::size_t at;         // offset in `text`
        const ThemeFile* file;  // the file it comes from
        std::size_t from;       // offset in that file
    };
    std::string text;
    std::vector<Piece> pieces;

    void append(const ThemeFile& file, std::size_t from, std::size_t n) {
        if (n == 0) return;
        pieces.push_back({text.size(), &file, from});
        text.append(file.bytes, from, n);
    }
    // The place in its own file of offset `at` of `text`.
    void locate(std::size_t at, Diagnostic& d) const {
        auto it = std::upper_bound(pieces.begin(), pieces.end(), at,
                                   [](std::size_t v, const Piece& p) { return v < p.at; });
        if (it == pieces.begin()) return;
        --it;
        const std::string& bytes = it->file->bytes;
        const std::size_t offset = std::min(it->from + (at - it->at), bytes.size());
        d.file = it->file->name;
        d.line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
        const std::size_t bol = offset == 0 ? std::string::npos : bytes.rfind('\n', offset - 1);
        const std::size_t start = bol == std::string::npos ? 0 : bol + 1;
        d.column = 1 + static_cast<int>(offset - start);
        d.source_line = std::string(line_of(bytes, d.line));
    }
};

using Partials = std::map<std::string, const ThemeFile*>;

// Expands {{> name}} textually (recursively, cycles reported).
void expand(const ThemeFile& file, const Partials& partials, const std::string& layout,
            Expanded& out, OnceDiagnostics& diags, int depth = 0) {
    if (depth > 16) {
        Diagnostic d;
        d.file = layout;
        d.message = "partials nest more than 16 deep; is a partial including itself?";
        diags.add(std::move(d));
        return;
    }
    static const std::regex tag(R"(\{\{>\s*([A-Za-z0-9_\-/]+)\s*\}\})");
    const std::string& text = file.bytes;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), tag);
         it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        const auto pos = static_cast<std::size_t>(m.position());
        out.append(file, last, pos - last);
        std::string name = m[1].str();
        if (auto p = partials.find(name); p != partials.end()) {
            expand(*p->second, partials, layout, out, diags, depth + 1);
        } else {
            Expanded here;
            here.append(file, pos, static_cast<std::size_t>(m.length()));
            Diagnostic d;
            here.locate(0, d);
            d.severity = Severity::error;
            d.message = "unknown partial '" + name + "'";
            d.hint = "add " + theme_file_name("partials/" + name + ".mustache", ThemeOrigin::site);
            diags.add(std::move(d));
        }
        last = pos + static_cast<std::size_t>(m.length());
    }
    out.append(file, last, text.size() - last);
}

}  // namespace

Theme load_theme(std::shared_ptr<const ThemeFiles> files, const std::vector<std::string>& languages,
                 const std::string& fallback_lang, Diagnostics& all_diags) {
    Theme theme;
    theme.files = files;
    theme.fallback_lang = fallback_lang;
    OnceDiagnostics diags(all_diags);
    Partials partials;
    for (const auto& [rel, f] : files->under("partials/", ".mustache"))
        partials[std::filesystem::path(rel).stem().string()] = f;
    for (const auto& [rel, f] : files->under("layouts/", ".mustache")) {
        Expanded text;
        expand(*f, partials, f->name, text, diags);
        auto parsed = mustache::Template::parse(text.text);
        if (!parsed.ok()) {
            Diagnostic d;
            d.file = f->name;
            text.locate(parsed.error.offset, d);
            d.message = "template error: " + parsed.error.message;
            d.hint = parsed.error.hint;
            diags.add(std::move(d));
            continue;
        }
        theme.layouts[std::filesystem::path(rel).stem().string()] = std::move(parsed.tmpl);
    }

    std::set<std::string> wanted(languages.begin(), languages.end());
    wanted.insert(fallback_lang);
    std::map<std::string, std::string> label_files;  // language -> its file's name
    for (const auto& lang : wanted) {
        const std::string rel = "i18n/" + lang + ".yaml";
        const ThemeFile* f = files->find(rel);
        if (!f) {
            Diagnostic d;
            d.file = theme_file_name(rel, ThemeOrigin::site);
            d.severity = Severity::warning;
            d.message = "no labels for language '" + lang + "'; pages in it use " + fallback_lang;
            d.hint = "add the file, translated from Brief's i18n/" + fallback_lang +
                     ".yaml (brief theme export --only i18n/" + fallback_lang + ".yaml)";
            diags.add(std::move(d));
            continue;
        }
        label_files[lang] = f->name;
        const std::string& text = f->bytes;
        YamlReader r(f->name, text, 0, all_diags);
        auto root = r.parse(text);
        if (!root || !root->is_map()) continue;
        Labels labels;
        labels.lang = lang;
        for_each_entry(*root, [&](const YamlNode&, const YamlNode& v, const std::string& key) {
            if (key == "months") {
                labels.months = r.string_list(v, key);
                if (labels.months.size() != 12) r.error(v, "months: expected 12 month names");
            } else if (key == "date_format") {
                labels.date_format = r.string(v, key).value_or(labels.date_format);
            } else if (v.is_scalar()) {
                labels.text[key] = v.scalar();
            } else {
                r.error(v, key + ": a label must be text");
            }
        });
        theme.labels[lang] = std::move(labels);
    }
    // A label missing in one language is a warning naming the key.
    if (auto base = theme.labels.find(fallback_lang); base != theme.labels.end()) {
        for (auto& [lang, labels] : theme.labels) {
            if (lang == fallback_lang) continue;
            for (const auto& [key, value] : base->second.text) {
                if (labels.text.count(key)) continue;
                Diagnostic d;
                d.file = label_files[lang];
                d.severity = Severity::warning;
                d.message =
                    "missing label '" + key + "' (" + fallback_lang + ": \"" + value + "\")";
                d.hint = "add " + key + ": … to the file; until then the " + fallback_lang +
                         " label is used";
                diags.add(std::move(d));
                labels.text[key] = value;
            }
            if (labels.months.size() != 12) labels.months = base->second.months;
        }
    }
    return theme;
}

std::string render_layout(const Theme& theme, const std::string& layout, const Value& data,
                          Diagnostics& diags) {
    auto it = theme.layouts.find(layout);
    if (it == theme.layouts.end()) {
        Diagnostic d;
        d.file = theme_file_name("layouts/" + layout + ".mustache", ThemeOrigin::site);
        d.message = "the theme has no layout '" + layout + "'";
        diags.add(std::move(d));
        return {};
    }
    // Partials were expanded into the layout's text when it was loaded.
    return it->second->render(data);
}

std::string format_local_date(const Labels& labels, int year, int month, int day) {
    std::string out = labels.date_format;
    auto replace = [&](const std::string& token, const std::string& value) {
        for (std::size_t p = out.find(token); p != std::string::npos;
             p = out.find(token, p + value.size()))
            out.replace(p, token.size(), value);
    };
    std::string month_name =
        labels.months.size() == 12 ? labels.months[month - 1] : std::to_string(month);
    char mm[4];
    std::snprintf(mm, sizeof mm, "%02d", month);
    replace("{day}", std::to_string(day));
    replace("{month}", month_name);
    replace("{mm}", mm);
    replace("{year}", std::to_string(year));
    return out;
}

}  // namespace brief
