#include "content/front_matter.h"

#include <algorithm>
#include <filesystem>

#include "content/yaml_reader.h"
#include "util/url.h"
#include "util/text.h"

namespace brief {
namespace {

bool is_fence(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "---";
}

const std::vector<std::string>& document_keys() {
    static const std::vector<std::string> keys = {"title",
                                                  "date",
                                                  "updated",
                                                  "kind",
                                                  "summary",
                                                  "summary_generated",
                                                  "topics",
                                                  "entities",
                                                  "layer",
                                                  "key_points",
                                                  "watch",
                                                  "open_questions",
                                                  "outlook",
                                                  "score",
                                                  "score_rationale",
                                                  "sources",
                                                  "discovered_from",
                                                  "signals",
                                                  "tools",
                                                  "faq",
                                                  "lang",
                                                  "translation_key",
                                                  "draft",
                                                  "slug",
                                                  "aliases"};
    return keys;
}

const std::vector<std::string>& week_keys() {
    static const std::vector<std::string> keys = [] {
        auto k = document_keys();
        k.push_back("more_usable");
        k.push_back("less_reliable");
        return k;
    }();
    return keys;
}

// Reads a list of maps, calling f(item_reader_map) for each valid map item.
template <typename F>
void read_list_of_maps(YamlReader& r, const YAML::Node& v, const std::string& key,
                       const std::string& shape, F&& f) {
    if (v.IsNull()) return;
    if (!v.IsSequence()) {
        r.error(v, key + ": expected a list of " + shape,
                "write one entry per item, each starting with '- '");
        return;
    }
    for (const auto& item : v) {
        if (!item.IsMap()) {
            r.error(item, key + ": each entry must be a map of " + shape);
            continue;
        }
        f(item);
    }
}

std::string field(YamlReader& r, const YAML::Node& map, const std::string& list_key,
                  const std::string& key, bool required) {
    YamlEntry e = find_entry(map, key);
    if (!e || e.value.IsNull()) {
        if (required) r.error(map, list_key + ": entry has no '" + key + "'");
        return {};
    }
    auto s = r.string(e.value, list_key + "." + key);
    if (s && s->empty() && required) r.error(e.value, list_key + "." + key + " is empty");
    return s.value_or("");
}

}  // namespace

bool is_language_tag(std::string_view tag) {
    auto parts = split(tag, '-');
    if (parts.empty() || parts[0].size() < 2 || parts[0].size() > 3) return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].empty() || parts[i].size() > 8) return false;
        for (char c : parts[i]) {
            bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            bool digit = c >= '0' && c <= '9';
            if (!(alpha || (i > 0 && digit))) return false;
        }
    }
    return true;
}

std::optional<FrontMatterSplit> split_front_matter(const std::string& file, std::string_view text,
                                                   Diagnostics& diags) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    auto fail = [&](int line, int col, std::string msg, std::string hint) {
        Diagnostic d;
        d.file = file;
        d.line = line;
        d.column = col;
        d.severity = Severity::error;
        d.message = std::move(msg);
        d.hint = std::move(hint);
        d.source_line = std::string(line_of(text, line));
        diags.add(std::move(d));
        return std::nullopt;
    };
    std::size_t first_end = text.find('\n');
    std::string_view first = text.substr(0, first_end);
    if (!is_fence(first)) {
        return fail(1, 1, "the file does not start with front matter",
                    "begin the file with a line '---', the YAML fields (title: …, date: …), and "
                    "another '---' line");
    }
    if (first_end == std::string_view::npos)
        return fail(1, 1, "the front matter opened on line 1 is never closed",
                    "did you forget the closing '---' after the last field?");
    std::size_t pos = first_end + 1;
    int line = 2;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string_view l =
            text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
        if (is_fence(l)) {
            FrontMatterSplit s;
            s.yaml = std::string(text.substr(first_end + 1, pos - first_end - 1));
            s.yaml_line = 2;
            s.body_line = line + 1;
            s.body =
                end == std::string_view::npos ? std::string{} : std::string(text.substr(end + 1));
            return s;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
        ++line;
    }
    return fail(1, 1, "the front matter opened on line 1 is never closed",
                "did you forget the closing '---' after the last field?");
}

std::optional<Document> parse_document(const std::string& path, std::string_view text,
                                       Section section, const SiteConfig& site,
                                       Diagnostics& diags) {
    auto split = split_front_matter(path, text, diags);
    if (!split) return std::nullopt;
    std::string_view file_text = text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
    YamlReader r(path, file_text, split->yaml_line - 1, diags);
    auto parsed = r.parse(split->yaml);
    if (!parsed) return std::nullopt;
    YAML::Node root = *parsed;
    if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    if (!root.IsMap()) {
        r.report(Severity::error, 2, 1, "the front matter must be a map of fields (title: …)");
        return std::nullopt;
    }

    Document doc = document_shell(path, section, std::move(*split));

    r.check_keys(root, front_matter_keys(section), "the front matter");

    const std::size_t errors_before = diags.error_count();
    bool kind_ok = true;
    bool has_sources_key = false;
    YAML::Node sources_key;
    for_each_entry(root, [&](const YAML::Node& k, const YAML::Node& v, const std::string& key) {
        if (key == "title") {
            if (auto s = r.string(v, key)) {
                doc.title = std::string(trim(*s));
                if (doc.title.empty()) r.error(k, "title is empty", "give the document a title");
            }
        } else if (key == "date" || key == "updated") {
            if (v.IsNull()) {
                r.error(k, key + " is empty",
                        "write a date such as 2026-05-14 or 2026-05-14 09:30");
                return;
            }
            auto s = r.string(v, key);
            if (!s) return;
            DateResult d = parse_content_date(trim(*s), site.timezone);
            if (!d.value) {
                r.error(v, key + ": " + d.error);
                return;
            }
            (key == "date" ? doc.date : doc.updated) = d.value;
        } else if (key == "kind") {
            auto s = r.one_of(v, key, {"news", "analysis", "guide", "explainer"});
            kind_ok = s.has_value();
            if (s) {
                if (*s == "news") doc.kind = Kind::news;
                if (*s == "analysis") doc.kind = Kind::analysis;
                if (*s == "guide") doc.kind = Kind::guide;
                if (*s == "explainer") doc.kind = Kind::explainer;
            }
        } else if (key == "summary") {
            if (auto s = r.string(v, key)) doc.summary = std::string(trim(*s));
        } else if (key == "summary_generated") {
            if (auto b = r.boolean(v, key)) doc.summary_generated = *b;
        } else if (key == "topics") {
            doc.topics = r.string_list(v, key);
        } else if (key == "entities") {
            doc.entities = r.string_list(v, key);
        } else if (key == "layer") {
            if (auto s = r.one_of(v, key, layer_names())) doc.layer = parse_layer(*s);
        } else if (key == "key_points") {
            doc.key_points = r.string_list(v, key);
        } else if (key == "watch") {
            doc.watch = r.string_list(v, key);
        } else if (key == "open_questions") {
            doc.open_questions = r.string_list(v, key);
        } else if (key == "more_usable") {
            doc.more_usable = r.string_list(v, key);
        } else if (key == "less_reliable") {
            doc.less_reliable = r.string_list(v, key);
        } else if (key == "outlook") {
            read_list_of_maps(r, v, key, "{claim, likelihood, horizon}", [&](const YAML::Node& m) {
                r.check_keys(m, {"claim", "likelihood", "horizon"}, "an outlook entry");
                OutlookItem o;
                o.claim = field(r, m, key, "claim", true);
                if (auto e = find_entry(m, "likelihood")) {
                    if (auto s = r.one_of(e.value, "outlook.likelihood",
                                          {"very-likely", "likely", "possible", "unlikely"})) {
                        o.likelihood = *s == "very-likely" ? Likelihood::very_likely
                                       : *s == "likely"    ? Likelihood::likely
                                       : *s == "possible"  ? Likelihood::possible
                                                           : Likelihood::unlikely;
                    }
                } else {
                    r.error(m, "outlook: entry has no 'likelihood'",
                            "add likelihood: very-likely, likely, possible or unlikely");
                }
                if (auto e = find_entry(m, "horizon")) {
                    if (auto s = r.one_of(e.value, "outlook.horizon", {"weeks", "months", "years"}))
                        o.horizon = *s == "weeks"    ? Horizon::weeks
                                    : *s == "months" ? Horizon::months
                                                     : Horizon::years;
                } else {
                    r.error(m, "outlook: entry has no 'horizon'",
                            "add horizon: weeks, months or years");
                }
                doc.outlook.push_back(std::move(o));
            });
        } else if (key == "score") {
            if (auto n = r.number(v, key)) {
                if (*n < 0 || *n > 10)
                    r.error(v, "score: " + v.Scalar() + " is outside 0–10");
                else
                    doc.score = *n;
            }
        } else if (key == "score_rationale") {
            if (auto s = r.string(v, key)) doc.score_rationale = std::string(trim(*s));
        } else if (key == "sources") {
            sources_key = k;
            has_sources_key = true;
            read_list_of_maps(
                r, v, key, "{title, publisher, url, primary}", [&](const YAML::Node& m) {
                    r.check_keys(m, {"title", "publisher", "url", "primary"}, "a source");
                    SourceLink s;
                    s.title = field(r, m, key, "title", true);
                    s.publisher = field(r, m, key, "publisher", false);
                    if (auto e = find_entry(m, "url")) {
                        if (auto u = r.string(e.value, "sources.url")) {
                            s.url = std::string(trim(*u));
                            if (!is_http_url(s.url))
                                r.error(
                                    e.value,
                                    "sources.url: '" + s.url + "' is not an absolute http(s) URL",
                                    "write the full address, starting with https://");
                        }
                    } else {
                        r.error(m, "sources: entry has no 'url'");
                    }
                    if (auto e = find_entry(m, "primary"))
                        if (auto b = r.boolean(e.value, "sources.primary")) s.primary = *b;
                    doc.sources.push_back(std::move(s));
                });
        } else if (key == "discovered_from") {
            if (auto s = r.string(v, key)) doc.discovered_from = std::string(trim(*s));
        } else if (key == "signals") {
            read_list_of_maps(r, v, key, "{signal, why, where}", [&](const YAML::Node& m) {
                r.check_keys(m, {"signal", "why", "where"}, "a signal");
                Signal s;
                s.signal = field(r, m, key, "signal", true);
                s.why = field(r, m, key, "why", false);
                s.where = field(r, m, key, "where", false);
                doc.signals.push_back(std::move(s));
            });
        } else if (key == "tools") {
            read_list_of_maps(r, v, key, "{purpose, name, url, note}", [&](const YAML::Node& m) {
                r.check_keys(m, {"purpose", "name", "url", "note"}, "a tool");
                Tool t;
                t.purpose = field(r, m, key, "purpose", false);
                t.name = field(r, m, key, "name", true);
                t.url = field(r, m, key, "url", false);
                t.note = field(r, m, key, "note", false);
                if (!t.url.empty() && !is_http_url(t.url))
                    r.error(find_entry(m, "url").value,
                            "tools.url: '" + t.url + "' is not an absolute http(s) URL");
                doc.tools.push_back(std::move(t));
            });
        } else if (key == "faq") {
            read_list_of_maps(r, v, key, "{q, a}", [&](const YAML::Node& m) {
                r.check_keys(m, {"q", "a"}, "an FAQ entry");
                FaqEntry f;
                f.q = field(r, m, key, "q", true);
                f.a = field(r, m, key, "a", true);
                doc.faq.push_back(std::move(f));
            });
        } else if (key == "lang") {
            if (auto s = r.string(v, key)) {
                if (!is_language_tag(*s))
                    r.error(v, "lang: '" + *s + "' is not a language tag",
                            "use a BCP 47 tag such as en, de or zh");
                else
                    doc.lang = *s;
            }
        } else if (key == "translation_key") {
            if (auto s = r.string(v, key)) doc.translation_key = *s;
        } else if (key == "draft") {
            if (auto b = r.boolean(v, key)) doc.draft = *b;
        } else if (key == "slug") {
            if (auto s = r.string(v, key)) {
                std::string clean = slugify(*s);
                if (clean != *s)
                    r.error(v, "slug: '" + *s + "' is not a URL slug",
                            clean.empty() ? "use lower-case letters, digits and '-'"
                                          : "did you mean '" + clean + "'?");
                else
                    doc.slug = *s;
            }
        } else if (key == "aliases") {
            for (auto a : r.string_list(v, key)) {
                if (a.empty() || a.front() != '/' || a.find("..") != std::string::npos)
                    r.error(v, "aliases: '" + a + "' must be a site path starting with '/'",
                            "write the old address, e.g. /briefings/old-name/");
                else
                    doc.aliases.push_back(a);
            }
        }
    });

    auto at_start = [&](std::string msg, std::string hint) {
        r.report(Severity::error, 1, 1, std::move(msg), std::move(hint));
    };
    if (doc.title.empty() && !find_entry(root, "title"))
        at_start("missing required key 'title' in the front matter",
                 "add a line such as: title: \"Huawei shows its Ascend roadmap\"");
    if (section == Section::briefing && !doc.date && !find_entry(root, "date"))
        at_start("missing required key 'date' in the front matter",
                 "add a line such as: date: 2026-05-14 09:30");
    // A draft may still be looking for its source; a published news briefing may not.
    if (section == Section::briefing && kind_ok && doc.kind == Kind::news && doc.sources.empty() &&
        !doc.draft) {
        if (has_sources_key)
            r.error(sources_key, "a news briefing needs at least one source",
                    "add an entry with title, publisher, url and primary: true");
        else
            at_start("a news briefing needs at least one source",
                     "add sources: with at least one {title, publisher, url, primary: true}");
    }
    if (doc.slug.empty()) {
        std::string stem = std::filesystem::path(path).stem().string();
        doc.slug = slugify(stem);
    }
    if (diags.error_count() > errors_before) return std::nullopt;
    return doc;
}

const std::vector<std::string>& front_matter_keys(Section section) {
    return section == Section::week ? week_keys() : document_keys();
}

Document document_shell(const std::string& path, Section section, FrontMatterSplit&& split) {
    Document doc;
    doc.path = path;
    doc.section = section;
    doc.body = std::move(split.body);
    doc.body_line = split.body_line;
    if (section == Section::guide) doc.kind = Kind::guide;
    return doc;
}

}  // namespace brief
