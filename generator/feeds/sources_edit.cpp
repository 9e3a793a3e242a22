#include "feeds/sources_edit.h"

#include <algorithm>

#include "content/yaml_reader.h"
#include "content/yaml_writer.h"
#include "util/fs.h"
#include "util/safe_paths.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {
namespace {

constexpr std::size_t kMaxIdBytes = 40;

// Where and how new entries go into the file.
struct Layout {
    std::size_t insert_at = 0;  ///< byte offset
    int dash = 2;               ///< column of an entry's '-' (0-based)
    int key = 4;                ///< column of its keys
    bool blank_between = true;  ///< a blank line before each entry
    bool has_entries = false;
    bool needs_key = false;  ///< no 'sources:' yet
    std::string error;
};

// The byte offset where 1-based `line` starts (the end of `text` past its last line).
std::size_t line_start(std::string_view text, int line) {
    std::size_t at = 0;
    for (int i = 1; i < line && at < text.size(); ++i) {
        std::size_t nl = text.find('\n', at);
        at = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    return at;
}

bool is_blank(std::string_view line) {
    return trim(line).empty();
}

int indent_of(std::string_view line) {
    return static_cast<int>(std::min(line.find_first_not_of(' '), line.size()));
}

// True when blank lines separate the entries: a blank line above most entries but the first
// (comment lines between them are skipped).
bool blank_lines_between(std::string_view text, const YamlReader& r, const YamlNode& list) {
    const auto& items = list.items();
    if (items.size() < 2) return true;  // no example to follow: the style of Brief's own files
    std::size_t blank = 0;
    for (std::size_t i = 1; i < items.size(); ++i) {
        int line = r.position(items[i]).first - 1;
        while (line > 0 && trim(line_of(text, line)).starts_with('#')) --line;
        blank += line > 0 && is_blank(line_of(text, line));
    }
    return blank * 2 >= items.size() - 1;
}

// Where the list ends when another top-level key follows it: before that key's line and the
// blank lines and top-level comments above it.
std::size_t before_key(std::string_view text, const YamlReader& r, const YamlNode& key) {
    auto [line, column] = r.position(key);
    while (line > 1) {
        std::string_view above = line_of(text, line - 1);
        bool comment = trim(above).starts_with('#') && indent_of(above) <= column - 1;
        if (!is_blank(above) && !comment) break;
        --line;
    }
    return line_start(text, line);
}

Layout layout_of(std::string_view text) {
    Layout l;
    l.insert_at = text.size();
    Diagnostics diags;
    YamlReader r("sources.yaml", text, 0, diags);
    auto doc = r.parse(text);
    if (!doc || diags.has_errors()) {
        l.error = "sources.yaml is not valid YAML";
        return l;
    }
    YamlNode list = *doc;
    if (doc->is_null()) {
        l.needs_key = true;
        return l;
    }
    if (doc->is_map()) {
        std::size_t i = 0;
        while (i < doc->entry_count() && doc->key_at(i).scalar() != "sources") ++i;
        if (i == doc->entry_count()) {
            l.needs_key = true;
            return l;
        }
        l.dash = r.position(doc->key_at(i)).second - 1 + 2;
        l.key = l.dash + 2;
        if (i + 1 < doc->entry_count()) l.insert_at = before_key(text, r, doc->key_at(i + 1));
        list = doc->value_at(i);
        if (list.is_null()) return l;
    }
    auto [line, column] = r.position(list);
    if (!list.is_list() || text.substr(line_start(text, line) + column - 1).starts_with('[')) {
        l.error =
            "sources.yaml writes its list in flow style ([…]): Brief appends only to a "
            "block list, one '- id: …' entry after another";
        return l;
    }
    l.has_entries = !list.items().empty();
    l.dash = column - 1;
    if (l.has_entries) l.key = r.position(list.items()[0]).second - 1;
    l.key = std::max(l.key, l.dash + 2);
    l.blank_between = blank_lines_between(text, r, list);
    return l;
}

std::string entry_text(const SourceConfig& s, const Layout& l, const std::string& eol) {
    const std::string pad(static_cast<std::size_t>(l.key), ' ');
    std::string out = std::string(static_cast<std::size_t>(l.dash), ' ') + "-" +
                      std::string(static_cast<std::size_t>(l.key - l.dash - 1), ' ') +
                      "id: " + yaml_scalar(s.id) + eol;
    out += pad + "name: " + yaml_scalar(s.name) + eol;
    out += pad + "url: " + yaml_scalar(s.url) + eol;
    out += pad + "kind: " + yaml_scalar(s.kind) + eol;
    if (!s.lang.empty()) out += pad + "lang: " + yaml_scalar(s.lang) + eol;
    if (!s.topics.empty()) out += pad + "topics: " + yaml_flow_list(s.topics) + eol;
    if (!s.enabled) out += pad + "enabled: false" + eol;
    return out;
}

bool same_entry(const SourceConfig& read, const SourceConfig& meant) {
    return read.id == meant.id && read.name == meant.name && read.url == meant.url &&
           read.kind == meant.kind && read.topics == meant.topics &&
           read.enabled == meant.enabled && (meant.lang.empty() || read.lang == meant.lang);
}

// Reads the new text back: the old sources, then exactly the new ones.
std::string read_back_error(std::string_view text, std::size_t old_count,
                            const std::vector<SourceConfig>& entries) {
    Diagnostics diags;
    auto sources = parse_sources("sources.yaml", std::string(text), diags);
    bool ok = !diags.has_errors() && sources.size() == old_count + entries.size();
    for (std::size_t i = 0; ok && i < entries.size(); ++i)
        ok = same_entry(sources[old_count + i], entries[i]);
    if (ok) return {};
    std::string msg = "the new entries would not read back as written; add them by hand:\n";
    for (const auto& e : entries) msg += entry_text(e, Layout{}, "\n");
    return msg;
}

// "www.example.com" from "https://user@www.example.com:8080/feed".
std::string host_of(std::string_view url) {
    std::string host = split_url(url).authority.value_or("");
    if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
    if (auto colon = host.rfind(':'); colon != std::string::npos && host.back() != ']')
        host.resize(colon);
    return host;
}

}  // namespace

std::string source_name_for(std::string_view title, std::string_view url) {
    std::string name(trim(title));
    return name.empty() ? host_of(url) : name;
}

const SourceConfig* source_with_url(const std::vector<SourceConfig>& sources,
                                    std::string_view url) {
    const std::string wanted = canonical_url(url);
    for (const auto& s : sources)
        if (canonical_url(s.url) == wanted) return &s;
    return nullptr;
}

std::string source_id_for(std::string_view title, std::string_view url) {
    auto ascii_slug = [](std::string_view text) {
        const std::string slug = slugify(text);
        std::string out;
        for (std::string_view part : split(slug, '-')) {
            bool ascii = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            });
            if (!ascii) continue;
            if (!out.empty() && out.size() + 1 + part.size() > kMaxIdBytes) break;
            out += (out.empty() ? "" : "-") + std::string(part);
        }
        return out.substr(0, kMaxIdBytes);
    };
    std::string id = ascii_slug(title);
    if (id.empty()) {
        std::string host = host_of(url);
        if (to_lower_ascii(host).starts_with("www.")) host.erase(0, 4);
        id = ascii_slug(host);
    }
    return id.empty() ? "source" : id;
}

std::string unused_source_id(const std::string& id, const std::set<std::string>& taken) {
    if (!taken.count(id)) return id;
    for (int n = 2;; ++n) {
        std::string candidate = id + "-" + std::to_string(n);
        if (!taken.count(candidate)) return candidate;
    }
}

Result<SourcesAppend> append_sources(std::string_view text,
                                     const std::vector<SourceConfig>& entries) {
    SourcesAppend out;
    Diagnostics old_diags;
    const auto old_sources = parse_sources("sources.yaml", std::string(text), old_diags);
    if (old_diags.has_errors()) return fail("sources.yaml has errors; fix them first");
    Layout l = layout_of(text);
    if (!l.error.empty()) return fail(l.error);
    const std::string eol = text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
    std::string head(text.substr(0, l.insert_at));
    if (!head.empty() && !head.ends_with('\n')) head += eol;
    if (l.needs_key) head += "sources:" + eol;
    for (const SourceConfig& e : entries) {
        if (l.has_entries && l.blank_between && !head.ends_with(eol + eol)) head += eol;
        if (out.first_line == 0)
            out.first_line = 1 + static_cast<int>(std::count(head.begin(), head.end(), '\n'));
        std::string entry = entry_text(e, l, eol);
        head += entry;
        out.added += entry;
        l.has_entries = true;
    }
    out.text = head + std::string(text.substr(l.insert_at));
    if (std::string why = read_back_error(out.text, old_sources.size(), entries); !why.empty())
        return fail(why);
    return out;
}

Status save_sources_text(const std::filesystem::path& root, std::string_view text) {
    const std::filesystem::path file = root / "sources.yaml";
    if (std::string why = write_refusal(root, file, true); !why.empty()) return fail(why);
    return write_file_atomic(resolved(file), text);
}

}  // namespace brief
