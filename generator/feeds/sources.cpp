#include "feeds/sources.h"

#include <nlohmann/json.hpp>

#include "content/yaml_reader.h"
#include "feeds/archive.h"
#include "util/dates.h"
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

std::optional<std::int64_t> json_time(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_string()) {
        if (auto t = parse_rfc3339(it->get<std::string>())) return t->utc_seconds;
    }
    return std::nullopt;
}

std::string json_text(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
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

std::map<std::string, SourceState> parse_state(const std::string& file, std::string_view text,
                                               Diagnostics& diags) {
    std::map<std::string, SourceState> out;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    auto warn = [&](std::string msg) {
        diags.add({file,
                   0,
                   0,
                   Severity::warning,
                   std::move(msg),
                   "the next fetch rewrites it; conditional requests start afresh",
                   {}});
    };
    if (j.is_discarded() || !j.is_object()) {
        warn("not valid JSON; the fetch state is ignored");
        return out;
    }
    auto sources = j.find("sources");
    if (sources == j.end() || !sources->is_object()) {
        warn("no \"sources\" object; the fetch state is ignored");
        return out;
    }
    for (auto it = sources->begin(); it != sources->end(); ++it) {
        if (!it->is_object()) continue;
        const auto& v = *it;
        SourceState s;
        s.etag = json_text(v, "etag");
        s.last_modified = json_text(v, "last_modified");
        s.last_error = json_text(v, "last_error");
        s.last_success = json_time(v, "last_success");
        s.last_attempt = json_time(v, "last_attempt");
        s.retry_after = json_time(v, "retry_after");
        if (auto st = v.find("last_status"); st != v.end() && st->is_number_integer())
            s.last_status = st->get<int>();
        out[it.key()] = std::move(s);
    }
    return out;
}

std::map<std::string, SourceState> load_state(const std::filesystem::path& root,
                                              Diagnostics& diags) {
    std::filesystem::path path = root / "content" / "feeds" / "state.json";
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) return {};
    const std::size_t refused = diags.error_count();
    auto text = read_site_file(root, "content/feeds/state.json", diags);
    if (!text && diags.error_count() > refused) return {};  // a link out of the site
    if (!text) {
        diags.add(
            {"content/feeds/state.json", 0, 0, Severity::warning, "cannot read the file", {}, {}});
        return {};
    }
    if (!check_utf8_file("content/feeds/state.json", *text, diags)) return {};
    return parse_state("content/feeds/state.json", *text, diags);
}

std::string serialize_state(const std::map<std::string, SourceState>& state) {
    nlohmann::ordered_json sources = nlohmann::ordered_json::object();
    auto time = [](const std::optional<std::int64_t>& t) {
        return t ? nlohmann::ordered_json(format_rfc3339_utc(*t)) : nlohmann::ordered_json();
    };
    for (const auto& [id, s] : state) {
        nlohmann::ordered_json v;
        v["etag"] = s.etag;
        v["last_modified"] = s.last_modified;
        v["last_status"] = s.last_status;
        v["last_attempt"] = time(s.last_attempt);
        v["last_success"] = time(s.last_success);
        v["last_error"] = s.last_error;
        v["retry_after"] = time(s.retry_after);
        sources[id] = std::move(v);
    }
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    doc["sources"] = std::move(sources);
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string save_state(const std::filesystem::path& root,
                       const std::map<std::string, SourceState>& state) {
    std::filesystem::path dir = root / "content" / "feeds";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return "cannot create " + dir.string() + ": " + ec.message();
    if (std::string why = archive_write_refusal(root, "state.json"); !why.empty()) return why;
    return write_file_atomic(dir / "state.json", serialize_state(state));
}

}  // namespace brief
