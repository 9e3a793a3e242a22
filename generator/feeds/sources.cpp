#include "feeds/sources.h"

#include "content/yaml_reader.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/url.h"
#include "util/utf8.h"

namespace brief {

namespace {

const std::vector<std::string> kSourceKeys = {"id",     "name",    "url",     "kind",    "lang",
                                              "topics", "include", "exclude", "enabled", "timeout"};

std::optional<SourceConfig> read_source(YamlReader& r, const YamlNode& node, std::size_t index) {
    std::string where = "source " + std::to_string(index + 1);
    if (!node.is_map()) {
        r.error(node, where + ": expected a map of id, name, url, kind, …",
                "start each source with '- id: …' and indent its other keys under it");
        return std::nullopt;
    }
    SourceConfig s;
    s.line = r.position(node).first;
    if (auto id = find_entry(node, "id"); id && !id.value.is_null()) {
        if (auto v = r.string(id.value, "id")) {
            s.id = *v;
            where = "source '" + s.id + "'";
            if (!valid_source_id(s.id))
                r.error(id.value, "id: '" + s.id + "' is not a valid source id",
                        "use lower-case letters, digits and '-', e.g. '" + slugify(s.id) + "'");
        }
    }
    r.check_keys(node, kSourceKeys, where);
    bool ok = true;
    for (const char* key : {"id", "name", "url", "kind"}) ok = r.require(node, key, where) && ok;
    if (auto e = find_entry(node, "name"); e && !e.value.is_null()) {
        if (auto v = r.string(e.value, "name")) s.name = *v;
    }
    if (auto e = find_entry(node, "url"); e && !e.value.is_null()) {
        if (auto v = r.string(e.value, "url")) {
            s.url = std::string(trim(*v));
            if (!is_http_url(s.url)) {
                std::string scheme = effective_scheme(s.url);
                r.error(e.value, "url: '" + s.url + "' is not an http or https URL",
                        scheme.empty() ? "write the full address, starting with https://"
                                       : "Brief fetches only http:// and https:// feeds");
                ok = false;
            }
        } else {
            ok = false;
        }
    }
    if (auto e = find_entry(node, "kind"); e && !e.value.is_null()) {
        if (auto v = r.one_of(e.value, "kind", source_kinds()))
            s.kind = *v;
        else
            ok = false;
    }
    s.lang = "en";
    if (auto e = find_entry(node, "lang"); e && !e.value.is_null()) {
        if (auto v = r.string(e.value, "lang")) {
            s.lang = *v;
            if (!valid_language_tag(s.lang))
                r.warning(e.value, "lang: '" + s.lang + "' is not a BCP 47 language tag",
                          "use a tag such as 'en', 'zh' or 'zh-Hans'");
        }
    }
    if (auto e = find_entry(node, "topics")) s.topics = r.string_list(e.value, "topics");
    if (auto e = find_entry(node, "include")) s.include = r.string_list(e.value, "include");
    if (auto e = find_entry(node, "exclude")) s.exclude = r.string_list(e.value, "exclude");
    for (const auto* list : {&s.include, &s.exclude}) {
        for (const auto& k : *list) {
            if (trim(k).empty()) {
                r.warning(find_entry(node, list == &s.include ? "include" : "exclude").value,
                          std::string(list == &s.include ? "include" : "exclude") +
                              ": an empty keyword matches nothing",
                          "remove it");
            }
        }
    }
    if (auto e = find_entry(node, "enabled"); e && !e.value.is_null()) {
        if (auto v = r.boolean(e.value, "enabled")) s.enabled = *v;
    }
    if (auto e = find_entry(node, "timeout"); e && !e.value.is_null()) {
        auto v = r.number(e.value, "timeout");
        if (v && (*v < 1 || *v > 600 || *v != static_cast<int>(*v))) {
            r.error(e.value, "timeout: expected whole seconds from 1 to 600",
                    "write e.g. 'timeout: 30'");
        } else if (v) {
            s.timeout_seconds = static_cast<int>(*v);
        }
    }
    if (!ok || s.id.empty()) return std::nullopt;
    return s;
}

}  // namespace

bool valid_source_id(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

bool valid_language_tag(std::string_view lang) {
    auto parts = split(lang, '-');
    if (parts[0].size() < 2 || parts[0].size() > 3) return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].empty() || parts[i].size() > 8) return false;
        for (char c : parts[i]) {
            bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            bool digit = c >= '0' && c <= '9';
            if (!alpha && !(digit && i > 0)) return false;
        }
    }
    return true;
}

const std::vector<std::string>& source_kinds() {
    static const std::vector<std::string> kinds = {"official", "state-media", "company",
                                                   "research", "model-hub",   "aggregator"};
    return kinds;
}

std::vector<SourceConfig> parse_sources(const std::string& file, const std::string& text,
                                        Diagnostics& diags) {
    std::vector<SourceConfig> out;
    YamlReader r(file, text, 0, diags);
    auto doc = r.parse(text);
    if (!doc || doc->is_null()) return out;
    YamlNode list;
    if (doc->is_map()) {
        r.check_keys(*doc, {"sources"}, "sources.yaml");
        YamlEntry e = find_entry(*doc, "sources");
        if (!e) {
            r.report(Severity::error, 1, 1, "sources.yaml has no 'sources' list",
                     "start the file with 'sources:' and list each feed under it");
            return out;
        }
        list = e.value;
        if (list.is_null()) return out;
    } else {
        list = *doc;
    }
    if (!list.is_list()) {
        r.error(list, "sources: expected a list of sources",
                "write each source as an entry starting with '- id: …'");
        return out;
    }
    std::map<std::string, int> seen;
    std::size_t index = 0;
    for (const auto& node : list) {
        auto s = read_source(r, node, index++);
        if (!s) continue;
        if (auto prev = seen.find(s->id); prev != seen.end()) {
            YamlEntry id = find_entry(node, "id");
            r.error(id.value, "id: '" + s->id + "' is used by two sources",
                    "the first is at line " + std::to_string(prev->second) +
                        "; give each source its own id");
            continue;
        }
        seen[s->id] = s->line;
        out.push_back(std::move(*s));
    }
    return out;
}

std::vector<SourceConfig> load_sources(const std::filesystem::path& root, Diagnostics& diags) {
    std::error_code ec;
    std::filesystem::path path = root / "sources.yaml";
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) return {};
    const std::size_t refused = diags.error_count();
    auto text = read_site_file(root, "sources.yaml", diags);
    if (!text && diags.error_count() > refused) return {};  // a link out of the site
    if (!text) {
        diags.add({"sources.yaml", 0, 0, Severity::error, "cannot read the file", {}, {}});
        return {};
    }
    if (!check_utf8_file("sources.yaml", *text, diags)) return {};
    return parse_sources("sources.yaml", *text, diags);
}

}  // namespace brief
