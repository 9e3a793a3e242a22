#include "content/loader.h"

#include <map>

#include "content/fields.h"
#include "content/front_matter.h"
#include "content/yaml_reader.h"
#include "util/fs.h"
#include "util/parallel.h"
#include "util/url.h"
#include "util/utf8.h"

namespace brief {
namespace {

struct Pending {
    std::string path;  // relative to root
    Section section;
};

std::string relative_path(const std::filesystem::path& p, const std::filesystem::path& root) {
    // Lexical: list_files returns paths under `root` as given, and std::filesystem::relative
    // would resolve both through the file system for every one of ten thousand files.
    return p.lexically_relative(root).generic_string();
}

template <typename T, typename F>
std::vector<T> parse_data_list(const std::string& file, const std::string& text, Diagnostics& diags,
                               const std::string& shape, F&& read) {
    std::vector<T> out;
    YamlReader r(file, text, 0, diags);
    auto root = r.parse(text);
    if (!root || root->is_null()) return out;
    if (!root->is_list()) {
        r.report(Severity::error, 1, 1, file + " must be a list of " + shape,
                 "write one entry per item, each starting with '- '");
        return out;
    }
    for (const auto& item : *root) {
        if (!item.is_map()) {
            r.error(item, "each entry must be a map of " + shape);
            continue;
        }
        if (auto v = read(r, item)) out.push_back(std::move(*v));
    }
    return out;
}

std::string text_field(YamlReader& r, const YamlNode& m, const std::string& key, bool required) {
    YamlEntry e = find_entry(m, key);
    if (!e || e.value.is_null()) {
        if (required) r.error(m, "entry has no '" + key + "'");
        return {};
    }
    return r.string(e.value, key).value_or("");
}

// One file: its Document from the cache when it has these bytes (`cached` says so), else
// parsed, and kept in the cache when it read without a diagnostic.
std::optional<Document> load_document(const std::filesystem::path& root, const Pending& p,
                                      const SiteConfig& site, DocumentCache* cache,
                                      Diagnostics& diags, bool& cached) {
    auto text = read_file(root / p.path);
    if (!text) {
        Diagnostic d;
        d.file = p.path;
        d.message = "cannot read the file";
        diags.add(std::move(d));
        return std::nullopt;
    }
    const Hash128 source_hash = Hasher().add(p.path).add(*text).finish();
    const Hash128 key = DocumentCache::key(source_hash, site);
    // Bytes read before without a diagnostic were UTF-8 then and read the same now.
    std::optional<Document> doc;
    if (cache) doc = cache->find(key, p.path, p.section, *text);
    cached = doc.has_value();
    if (!doc) {
        if (!check_utf8_file(p.path, *text, diags)) return std::nullopt;
        doc = parse_document(p.path, *text, p.section, site, diags);
        if (cache && doc && diags.items().empty()) cache->store(key, *doc, *text);
    }
    if (doc) doc->source_hash = source_hash;
    return doc;
}

// Two documents may not claim the same address.
void check_slugs(const std::vector<Document>& documents, Diagnostics& diags) {
    std::map<std::pair<Section, std::string>, std::string> seen;
    for (const auto& d : documents) {
        auto [it, inserted] = seen.emplace(std::make_pair(d.section, d.slug), d.path);
        if (!inserted) {
            Diagnostic diag;
            diag.file = d.path;
            diag.line = 1;
            diag.column = 1;
            diag.message = "duplicate slug '" + d.slug + "': " + it->second + " has it already";
            diag.hint = "give one of them another slug (slug: …) or rename the file";
            diags.add(std::move(diag));
        }
    }
}

}  // namespace

std::vector<Signal> parse_signals_data(const std::string& file, const std::string& text,
                                       Diagnostics& diags) {
    // A row of the data file is a briefing's signal with its layer.
    static const std::vector<std::string> keys = [] {
        auto k = entry_keys(FieldType::signals);
        k.push_back("layer");
        return k;
    }();
    return parse_data_list<Signal>(
        file, text, diags, entry_shape(keys),
        [](YamlReader& r, const YamlNode& m) -> std::optional<Signal> {
            r.check_keys(m, keys, entry_noun(FieldType::signals));
            Signal s;
            s.signal = text_field(r, m, "signal", true);
            s.why = text_field(r, m, "why", false);
            s.where = text_field(r, m, "where", false);
            if (auto e = find_entry(m, "layer")) {
                if (auto l = r.one_of(e.value, "layer", layer_names())) s.layer = parse_layer(*l);
            } else {
                r.error(m, "entry has no 'layer'",
                        "add layer: silicon-roadmap, cloud-packaging, efficiency or policy-export");
            }
            if (s.signal.empty()) return std::nullopt;
            return s;
        });
}

std::vector<Tool> parse_tools_data(const std::string& file, const std::string& text,
                                   Diagnostics& diags) {
    return parse_data_list<Tool>(
        file, text, diags, entry_shape(FieldType::tools),
        [](YamlReader& r, const YamlNode& m) -> std::optional<Tool> {
            r.check_keys(m, entry_keys(FieldType::tools), entry_noun(FieldType::tools));
            Tool t;
            t.purpose = text_field(r, m, "purpose", true);
            t.name = text_field(r, m, "name", true);
            t.url = text_field(r, m, "url", false);
            t.note = text_field(r, m, "note", false);
            if (!t.url.empty() && !is_http_url(t.url))
                r.error(find_entry(m, "url").value,
                        "url: '" + t.url + "' is not an absolute http(s) URL");
            if (t.name.empty()) return std::nullopt;
            return t;
        });
}

Content load_content(const std::filesystem::path& root, unsigned jobs, Diagnostics& diags,
                     DocumentCache* cache) {
    Content content;
    content.site = load_site_config(root, diags);

    std::vector<Pending> pending;
    auto add_dir = [&](const std::string& dir, Section section) {
        for (const auto& p : list_site_files(root, root / dir, ".md", diags))
            pending.push_back({relative_path(p, root), section});
    };
    add_dir("content/briefings", Section::briefing);
    add_dir("content/guides", Section::guide);
    add_dir("content/pages", Section::page);
    add_dir("content/weeks", Section::week);

    content.files = pending.size();
    std::vector<std::optional<Document>> docs(pending.size());
    std::vector<Diagnostics> local(pending.size());
    std::vector<char> from_cache(pending.size(), 0);
    parallel_for(pending.size(), jobs, [&](std::size_t i) {
        bool hit = false;
        docs[i] = load_document(root, pending[i], content.site, cache, local[i], hit);
        from_cache[i] = hit;
    });
    for (auto& l : local) diags.append(l);
    for (std::size_t i = 0; i < pending.size(); ++i) content.cached += from_cache[i];

    content.documents.reserve(pending.size());  // Document moves may copy: never reallocate
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (!docs[i]) continue;
        if (pending[i].section == Section::week) {
            std::string stem = std::filesystem::path(pending[i].path).stem().string();
            if (!IsoWeek::parse(stem)) {
                Diagnostic d;
                d.file = pending[i].path;
                d.message = "a weekly note must be named after its ISO week, like 2026-W47.md";
                d.hint = "rename the file to the week it covers";
                diags.add(std::move(d));
                continue;
            }
            docs[i]->slug = stem;
            content.weeks.push_back(std::move(*docs[i]));
        } else {
            content.documents.push_back(std::move(*docs[i]));
        }
    }

    check_slugs(content.documents, diags);

    const std::string signals = "content/data/signals.yaml", tools = "content/data/tools.yaml";
    if (auto text = read_site_file(root, signals, diags);
        text && check_utf8_file(signals, *text, diags))
        content.data_signals = parse_signals_data(signals, *text, diags);
    if (auto text = read_site_file(root, tools, diags);
        text && check_utf8_file(tools, *text, diags))
        content.data_tools = parse_tools_data(tools, *text, diags);
    return content;
}

}  // namespace brief
