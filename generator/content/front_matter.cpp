#include "content/front_matter.h"

#include <algorithm>
#include <filesystem>

#include "content/fields.h"
#include "content/yaml_reader.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {
namespace {

bool is_fence(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "---";
}

// Reads the list of maps of field `field`, calling f(map) for each entry that is a map, after
// checking its keys against the field table's.
template <typename F>
void read_list_of_maps(YamlReader& r, const YamlNode& v, const FrontMatterField& field, F&& f) {
    const std::string key = field.name, shape = entry_shape(field.type);
    if (v.is_null()) return;
    if (!v.is_list()) {
        r.error(v, key + ": expected a list of " + shape,
                "write one entry per item, each starting with '- '");
        return;
    }
    for (const auto& item : v) {
        if (!item.is_map()) {
            r.error(item, key + ": each entry must be a map of " + shape);
            continue;
        }
        r.check_keys(item, entry_keys(field.type), entry_noun(field.type));
        f(item);
    }
}

std::string field(YamlReader& r, const YamlNode& map, const std::string& list_key,
                  const std::string& key, bool required) {
    const YamlNode* v = find_value(map, key);
    if (!v || v->is_null()) {
        if (required) r.error(map, list_key + ": entry has no '" + key + "'");
        return {};
    }
    auto s = r.string(*v, list_key + "." + key);
    if (s && s->empty() && required) r.error(*v, list_key + "." + key + " is empty");
    return s.value_or("");
}

// Reads one field's value into the Document member the table names, by the field's type.
struct FieldReader {
    YamlReader& r;
    const SiteConfig& site;
    Document& doc;
    bool kind_ok = true;
    const YamlNode* sources_key = nullptr;

    template <typename M>
    M& member(const FrontMatterField& f) {
        return doc.*std::get<M Document::*>(f.target);
    }

    // One field: a single value, or a list of them.
    void read(const FrontMatterField& f, const YamlNode& k, const YamlNode& v) {
        switch (f.type) {
            case FieldType::text_list:
            case FieldType::aliases:
            case FieldType::outlook:
            case FieldType::sources:
            case FieldType::signals:
            case FieldType::tools:
            case FieldType::faq:
                read_list(f, k, v);
                break;
            case FieldType::date:
                read_date(f, k, v);
                break;
            default:
                read_scalar(f, k, v);
        }
    }

    void read_date(const FrontMatterField& f, const YamlNode& k, const YamlNode& v) {
        const std::string key = f.name;
        if (v.is_null()) {
            r.error(k, key + " is empty", "write a date such as 2026-05-14 or 2026-05-14 09:30");
            return;
        }
        auto s = r.string(v, key);
        if (!s) return;
        DateResult d = parse_content_date(trim(*s), site.timezone);
        if (!d.value) {
            r.error(v, key + ": " + d.error);
            return;
        }
        member<std::optional<Timestamp>>(f) = d.value;
    }

    // Text, booleans, numbers and names: one scalar each.
    void read_scalar(const FrontMatterField& f, const YamlNode& k, const YamlNode& v) {
        const std::string key = f.name;
        switch (f.type) {
            case FieldType::text:
                if (auto s = r.string(v, key)) member<std::string>(f) = std::string(trim(*s));
                break;
            case FieldType::raw_text:
                if (auto s = r.string(v, key)) member<std::string>(f) = *s;
                break;
            case FieldType::title:
                if (auto s = r.string(v, key)) {
                    auto& title = member<std::string>(f);
                    title = std::string(trim(*s));
                    if (title.empty()) r.error(k, key + " is empty", "give the document a title");
                }
                break;
            case FieldType::boolean:
                if (auto b = r.boolean(v, key)) member<bool>(f) = *b;
                break;
            case FieldType::score:
                if (auto n = r.number(v, key)) {
                    if (*n < 0 || *n > 10)
                        r.error(v, key + ": " + v.scalar() + " is outside 0–10");
                    else
                        member<std::optional<double>>(f) = *n;
                }
                break;
            case FieldType::kind: {
                auto s = r.one_of(v, key, kind_names());
                kind_ok = s.has_value();
                if (s) member<Kind>(f) = *enum_value(kKindNames, *s);
                break;
            }
            case FieldType::layer:
                if (auto s = r.one_of(v, key, layer_names())) member<Layer>(f) = parse_layer(*s);
                break;
            case FieldType::lang:
                if (auto s = r.string(v, key)) {
                    if (!is_language_tag(*s))
                        r.error(v, key + ": '" + *s + "' is not a language tag",
                                "use a BCP 47 tag such as en, de or zh");
                    else
                        member<std::string>(f) = *s;
                }
                break;
            case FieldType::slug:
                if (auto s = r.string(v, key)) {
                    std::string clean = slugify(*s);
                    if (clean != *s)
                        r.error(v, key + ": '" + *s + "' is not a URL slug",
                                clean.empty() ? "use lower-case letters, digits and '-'"
                                              : "did you mean '" + clean + "'?");
                    else
                        member<std::string>(f) = *s;
                }
                break;
            default:
                break;
        }
    }

    // Lists: of text, of site paths, and of maps (outlook, sources, signals, tools, FAQ).
    void read_list(const FrontMatterField& f, const YamlNode& k, const YamlNode& v) {
        const std::string key = f.name;
        switch (f.type) {
            case FieldType::text_list:
                member<std::vector<std::string>>(f) = r.string_list(v, key);
                break;
            case FieldType::aliases:
                for (auto a : r.string_list(v, key)) {
                    if (a.empty() || a.front() != '/' || a.find("..") != std::string::npos)
                        r.error(v, key + ": '" + a + "' must be a site path starting with '/'",
                                "write the old address, e.g. /briefings/old-name/");
                    else
                        member<std::vector<std::string>>(f).push_back(a);
                }
                break;
            case FieldType::outlook:
                read_outlook(f, v, member<std::vector<OutlookItem>>(f));
                break;
            case FieldType::sources:
                sources_key = &k;
                read_sources(f, v, member<std::vector<SourceLink>>(f));
                break;
            case FieldType::signals:
                read_list_of_maps(r, v, f, [&](const YamlNode& m) {
                    Signal s;
                    s.signal = field(r, m, key, "signal", true);
                    s.why = field(r, m, key, "why", false);
                    s.where = field(r, m, key, "where", false);
                    member<std::vector<Signal>>(f).push_back(std::move(s));
                });
                break;
            case FieldType::tools:
                read_list_of_maps(r, v, f, [&](const YamlNode& m) {
                    Tool t;
                    t.purpose = field(r, m, key, "purpose", false);
                    t.name = field(r, m, key, "name", true);
                    t.url = field(r, m, key, "url", false);
                    t.note = field(r, m, key, "note", false);
                    if (!t.url.empty() && !is_http_url(t.url))
                        r.error(*find_value(m, "url"),
                                "tools.url: '" + t.url + "' is not an absolute http(s) URL");
                    member<std::vector<Tool>>(f).push_back(std::move(t));
                });
                break;
            case FieldType::faq:
                read_list_of_maps(r, v, f, [&](const YamlNode& m) {
                    FaqEntry e;
                    e.q = field(r, m, key, "q", true);
                    e.a = field(r, m, key, "a", true);
                    member<std::vector<FaqEntry>>(f).push_back(std::move(e));
                });
                break;
            default:
                break;
        }
    }

    void read_outlook(const FrontMatterField& f, const YamlNode& v, std::vector<OutlookItem>& out) {
        const std::string key = f.name;
        static const std::vector<std::string> likelihoods = enum_names(kLikelihoodNames);
        static const std::vector<std::string> horizons = enum_names(kHorizonNames);
        read_list_of_maps(r, v, f, [&](const YamlNode& m) {
            OutlookItem o;
            o.claim = field(r, m, key, "claim", true);
            if (const YamlNode* e = find_value(m, "likelihood")) {
                if (auto s = r.one_of(*e, key + ".likelihood", likelihoods))
                    o.likelihood = *enum_value(kLikelihoodNames, *s);
            } else {
                r.error(m, key + ": entry has no 'likelihood'",
                        "add likelihood: very-likely, likely, possible or unlikely");
            }
            if (const YamlNode* e = find_value(m, "horizon")) {
                if (auto s = r.one_of(*e, key + ".horizon", horizons))
                    o.horizon = *enum_value(kHorizonNames, *s);
            } else {
                r.error(m, key + ": entry has no 'horizon'", "add horizon: weeks, months or years");
            }
            out.push_back(std::move(o));
        });
    }

    void read_sources(const FrontMatterField& f, const YamlNode& v, std::vector<SourceLink>& out) {
        const std::string key = f.name;
        read_list_of_maps(r, v, f, [&](const YamlNode& m) {
            SourceLink s;
            s.title = field(r, m, key, "title", true);
            s.publisher = field(r, m, key, "publisher", false);
            if (const YamlNode* e = find_value(m, "url")) {
                if (auto u = r.string(*e, "sources.url")) {
                    s.url = std::string(trim(*u));
                    if (!is_http_url(s.url))
                        r.error(*e, "sources.url: '" + s.url + "' is not an absolute http(s) URL",
                                "write the full address, starting with https://");
                }
            } else {
                r.error(m, "sources: entry has no 'url'");
            }
            if (const YamlNode* e = find_value(m, "primary"))
                if (auto b = r.boolean(*e, "sources.primary")) s.primary = *b;
            out.push_back(std::move(s));
        });
    }
};

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
    const YamlNode& root = *parsed;
    if (!root.is_map() && !root.is_null()) {
        r.report(Severity::error, 2, 1, "the front matter must be a map of fields (title: …)");
        return std::nullopt;
    }

    Document doc = document_shell(path, section, std::move(*split));

    r.check_keys(root, front_matter_keys(section), "the front matter");

    const std::size_t errors_before = diags.error_count();
    FieldReader fields{r, site, doc};
    for_each_entry(root, [&](const YamlNode& k, const YamlNode& v, const std::string& key) {
        if (const FrontMatterField* f = find_front_matter_field(key)) fields.read(*f, k, v);
    });

    auto at_start = [&](std::string msg, std::string hint) {
        r.report(Severity::error, 1, 1, std::move(msg), std::move(hint));
    };
    for (const auto& f : front_matter_fields()) {
        bool required = f.required == Required::always ||
                        (f.required == Required::briefing && section == Section::briefing);
        if (required && !find_value(root, f.name))
            at_start("missing required key '" + std::string(f.name) + "' in the front matter",
                     "add a line such as: " + std::string(f.example));
    }
    // A draft may still be looking for its source; a published news briefing may not.
    if (section == Section::briefing && fields.kind_ok && doc.kind == Kind::news &&
        doc.sources.empty() && !doc.draft) {
        if (fields.sources_key)
            r.error(*fields.sources_key, "a news briefing needs at least one source",
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
    static const auto keys = [](bool week) {
        std::vector<std::string> out;
        for (const auto& f : front_matter_fields())
            if (week || !f.week_only) out.emplace_back(f.name);
        return out;
    };
    static const std::vector<std::string> document = keys(false), weeks = keys(true);
    return section == Section::week ? weeks : document;
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
