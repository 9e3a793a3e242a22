#include "content/site_config.h"

#include <algorithm>

#include "content/yaml_reader.h"
#include "util/fs.h"
#include "util/utf8.h"

namespace brief {

namespace {

// limits: {items_per_feed, related}, whole numbers of 0 or more.
void read_limits(YamlReader& r, const YamlNode& v, SiteConfig& cfg) {
    if (!v.is_map()) {
        r.error(v, "limits: expected a map (items_per_feed: 20, related: 4)");
        return;
    }
    r.check_keys(v, {"items_per_feed", "related"}, "limits");
    for_each_entry(v, [&](const YamlNode&, const YamlNode& lv, const std::string& lk) {
        if (lk != "items_per_feed" && lk != "related") return;
        auto n = r.number(lv, "limits." + lk);
        if (!n) return;
        if (*n < 0 || *n != static_cast<int>(*n)) {
            r.error(lv, "limits." + lk + ": expected a whole number of 0 or more");
            return;
        }
        (lk == "related" ? cfg.related_count : cfg.items_per_feed) = static_cast<int>(*n);
    });
}

// nav: a list of {title, url}, both required.
void read_nav(YamlReader& r, const YamlNode& v, SiteConfig& cfg) {
    if (!v.is_list()) {
        r.error(v, "nav: expected a list of {title, url}");
        return;
    }
    for (const auto& item : v) {
        if (!item.is_map()) {
            r.error(item, "nav: each entry needs a title and a url");
            continue;
        }
        r.check_keys(item, {"title", "url"}, "nav");
        NavItem n;
        if (auto e = find_entry(item, "title"))
            n.title = r.string(e.value, "nav.title").value_or("");
        if (auto e = find_entry(item, "url")) n.url = r.string(e.value, "nav.url").value_or("");
        if (n.title.empty() || n.url.empty()) {
            r.error(item, "nav: each entry needs a title and a url");
            continue;
        }
        cfg.nav.push_back(n);
    }
}

}  // namespace

SiteConfig parse_site_config(const std::string& file, const std::string& text, Diagnostics& diags) {
    SiteConfig cfg;
    cfg.source_hash = hash_bytes(text);
    YamlReader r(file, text, 0, diags);
    auto root = r.parse(text);
    if (!root) return cfg;
    if (!root->is_map()) {
        r.report(Severity::error, 1, 1, "site.yaml must be a map of keys (title: …, base_url: …)");
        return cfg;
    }
    static const std::vector<std::string> known = {
        "title",  "description",   "base_url",   "language", "languages", "timezone",
        "author", "how_we_report", "allow_html", "limits",   "nav"};
    r.check_keys(*root, known, "site.yaml");
    r.require(*root, "title", "site.yaml");
    r.require(*root, "base_url", "site.yaml");

    for_each_entry(*root, [&](const YamlNode&, const YamlNode& v, const std::string& key) {
        if (key == "title") {
            if (auto s = r.string(v, key)) cfg.title = *s;
        } else if (key == "description") {
            if (auto s = r.string(v, key)) cfg.description = *s;
        } else if (key == "base_url") {
            if (auto s = r.string(v, key)) {
                if (!(s->starts_with("http://") || s->starts_with("https://"))) {
                    r.error(v, "base_url: '" + *s + "' is not an absolute http(s) URL",
                            "write the address the site is published at, e.g. "
                            "https://example.org/");
                } else {
                    cfg.base_url = *s;
                    if (cfg.base_url.back() != '/') cfg.base_url += '/';
                }
            }
        } else if (key == "language") {
            if (auto s = r.string(v, key)) cfg.language = *s;
        } else if (key == "languages") {
            cfg.languages = r.string_list(v, key);
        } else if (key == "timezone") {
            if (auto s = r.string(v, key)) {
                if (auto tz = TimeZone::load(*s)) {
                    cfg.timezone = *tz;
                    cfg.timezone_name = *s;
                } else {
                    r.error(v, "timezone: '" + *s + "' is not a time zone of the tz database",
                            "use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC");
                }
            }
        } else if (key == "author") {
            if (auto s = r.string(v, key)) cfg.author = *s;
        } else if (key == "how_we_report") {
            if (auto s = r.string(v, key)) cfg.how_we_report = *s;
        } else if (key == "allow_html") {
            if (auto b = r.boolean(v, key)) cfg.allow_html = *b;
        } else if (key == "limits") {
            read_limits(r, v, cfg);
        } else if (key == "nav") {
            read_nav(r, v, cfg);
        }
    });
    if (std::find(cfg.languages.begin(), cfg.languages.end(), cfg.language) == cfg.languages.end())
        cfg.languages.insert(cfg.languages.begin(), cfg.language);
    return cfg;
}

SiteConfig load_site_config(const std::filesystem::path& root, Diagnostics& diags) {
    const std::string file = "content/site.yaml";
    const std::size_t refused = diags.error_count();
    auto text = read_site_file(root, file, diags);
    if (!text && diags.error_count() > refused) return {};  // a link out of the site
    if (!text) {
        Diagnostic d;
        d.file = file;
        d.severity = Severity::error;
        d.message = "cannot read the site configuration";
        d.hint = "is --source pointing at the site folder? It must hold content/site.yaml";
        diags.add(std::move(d));
        return {};
    }
    if (!check_utf8_file(file, *text, diags)) return {};
    return parse_site_config(file, *text, diags);
}

}  // namespace brief
