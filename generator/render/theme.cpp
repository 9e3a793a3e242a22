#include "render/theme.h"

#include <regex>
#include <set>

#include "content/yaml_reader.h"
#include "util/fs.h"

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

std::string expand_partials(const std::string& text,
                            const std::map<std::string, std::string>& partials,
                            const std::string& file, Diagnostics& diags, int depth) {
    if (depth > 16) {
        Diagnostic d;
        d.file = file;
        d.message = "partials nest more than 16 deep; is a partial including itself?";
        diags.add(std::move(d));
        return text;
    }
    static const std::regex tag(R"(\{\{>\s*([A-Za-z0-9_\-/]+)\s*\}\})");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), tag);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        out.append(text, last, static_cast<std::size_t>(m.position()) - last);
        std::string name = m[1].str();
        if (auto p = partials.find(name); p != partials.end()) {
            out += expand_partials(p->second, partials, file, diags, depth + 1);
        } else {
            Diagnostic d;
            d.file = file;
            d.severity = Severity::error;
            d.message = "unknown partial '" + name + "'";
            d.hint = "add templates/partials/" + name + ".mustache";
            diags.add(std::move(d));
        }
        last = static_cast<std::size_t>(m.position() + m.length());
    }
    out.append(text, last, std::string::npos);
    return out;
}

Theme load_theme(const std::filesystem::path& dir, const std::vector<std::string>& languages,
                 const std::string& fallback_lang, Diagnostics& diags) {
    Theme theme;
    theme.dir = dir;
    theme.fallback_lang = fallback_lang;
    std::map<std::string, std::string> partials;
    for (const auto& p : list_files(dir / "partials", ".mustache"))
        partials[p.stem().string()] = read_file(p).value_or("");
    for (const auto& p : list_files(dir / "layouts", ".mustache")) {
        std::string file = "templates/layouts/" + p.filename().string();
        std::string text = expand_partials(read_file(p).value_or(""), partials, file, diags);
        auto compiled = std::make_shared<kainjow::mustache::mustache>(text);
        if (!compiled->is_valid()) {
            Diagnostic d;
            d.file = file;
            d.message = "template error: " + compiled->error_message();
            diags.add(std::move(d));
            continue;
        }
        theme.layouts[p.stem().string()] = compiled;
    }

    std::set<std::string> wanted(languages.begin(), languages.end());
    wanted.insert(fallback_lang);
    for (const auto& lang : wanted) {
        std::string file = "templates/i18n/" + lang + ".yaml";
        auto text = read_file(dir / "i18n" / (lang + ".yaml"));
        if (!text) {
            Diagnostic d;
            d.file = file;
            d.severity = Severity::warning;
            d.message = "no labels for language '" + lang + "'; pages in it use " + fallback_lang;
            d.hint = "copy templates/i18n/" + fallback_lang + ".yaml and translate it";
            diags.add(std::move(d));
            continue;
        }
        YamlReader r(file, *text, 0, diags);
        auto root = r.parse(*text);
        if (!root || !root->IsMap()) continue;
        Labels labels;
        labels.lang = lang;
        for_each_entry(*root, [&](const YAML::Node&, const YAML::Node& v, const std::string& key) {
            if (key == "months") {
                labels.months = r.string_list(v, key);
                if (labels.months.size() != 12) r.error(v, "months: expected 12 month names");
            } else if (key == "date_format") {
                labels.date_format = r.string(v, key).value_or(labels.date_format);
            } else if (v.IsScalar()) {
                labels.text[key] = v.Scalar();
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
                d.file = "templates/i18n/" + lang + ".yaml";
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

namespace {

template <typename Input>
std::string render_with(const Theme& theme, const std::string& layout, Input& input,
                        Diagnostics& diags) {
    auto it = theme.layouts.find(layout);
    if (it == theme.layouts.end()) {
        Diagnostic d;
        d.file = "templates/layouts/" + layout + ".mustache";
        d.message = "the theme has no layout '" + layout + "'";
        diags.add(std::move(d));
        return {};
    }
    std::string out = it->second->render(input);
    if (!it->second->is_valid()) {
        Diagnostic d;
        d.file = "templates/layouts/" + layout + ".mustache";
        d.message = "template error: " + it->second->error_message();
        diags.add(std::move(d));
    }
    return out;
}

}  // namespace

std::string render_layout(const Theme& theme, const std::string& layout,
                          const kainjow::mustache::data& data, Diagnostics& diags) {
    return render_with(theme, layout, data, diags);
}

std::string render_layout(const Theme& theme, const std::string& layout,
                          kainjow::mustache::basic_context<std::string>& context,
                          Diagnostics& diags) {
    return render_with(theme, layout, context, diags);
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
