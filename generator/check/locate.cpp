#include "check/locate.h"

#include <algorithm>

#include "check/html_scan.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/text.h"

namespace brief {

namespace {

// Characters that may continue a URL: a match next to one of them is part of a longer URL.
bool url_char(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80) return true;  // raw UTF-8 in a path
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("-._~%/#?&=+:@!$*;").find(c) != std::string_view::npos;
}

// A URL may end a sentence: "see https://x/a." — the '.' is not part of it.
bool trailing_punctuation(char c) {
    return c == '.' || c == ':' || c == ';' || c == '!';
}

std::vector<std::string> url_forms(std::string_view url) {
    std::vector<std::string> forms{std::string(url)};
    std::string decoded = percent_decode(url);
    if (decoded != url) forms.push_back(decoded);
    // Markdown sources may spell '&' as an entity.
    for (std::size_t i = 0, n = forms.size(); i < n; ++i) {
        if (forms[i].find('&') == std::string::npos) continue;
        std::string escaped;
        for (char c : forms[i]) escaped += c == '&' ? std::string("&amp;") : std::string(1, c);
        forms.push_back(escaped);
    }
    return forms;
}

SourcePosition position_at(const SourceText& source, std::size_t offset) {
    SourcePosition p;
    p.file = source.file;
    p.line =
        1 + static_cast<int>(std::count(source.text.begin(), source.text.begin() + offset, '\n'));
    std::size_t line_start = source.text.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_start = (line_start == std::string::npos || offset == 0) ? 0 : line_start + 1;
    p.column = static_cast<int>(offset - line_start) + 1;
    p.source_line = std::string(line_of(source.text, p.line));
    return p;
}

void find_form(const SourceText& source, std::string_view form, std::vector<std::size_t>& hits) {
    if (form.empty()) return;
    const std::string& text = source.text;
    for (std::size_t pos = text.find(form); pos != std::string::npos;
         pos = text.find(form, pos + 1)) {
        std::size_t end = pos + form.size();
        bool before_ok = pos == 0 || !url_char(text[pos - 1]);
        bool after_ok = end >= text.size() || !url_char(text[end]) ||
                        (trailing_punctuation(text[end]) &&
                         (end + 1 >= text.size() || !url_char(text[end + 1])));
        if (before_ok && after_ok) hits.push_back(pos);
    }
}

std::string relative_name(const std::filesystem::path& file, const std::filesystem::path& root) {
    std::error_code ec;
    auto rel = std::filesystem::relative(file, root, ec);
    if (!ec && !rel.empty() && *rel.begin() != "..") return rel.generic_string();
    return file.generic_string();
}

}  // namespace

std::vector<SourcePosition> find_url(const SourceText& source, std::string_view url) {
    std::vector<std::size_t> hits;
    for (const auto& f : url_forms(url)) find_form(source, f, hits);
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());

    std::vector<SourcePosition> out;
    for (std::size_t pos : hits) out.push_back(position_at(source, pos));
    return out;
}

UrlIndex::UrlIndex(std::vector<SourceText> sources) : sources_(std::move(sources)) {
    for (std::size_t f = 0; f < sources_.size(); ++f) {
        by_name_.emplace(sources_[f].file, f);
        const std::string& text = sources_[f].text;
        std::size_t i = 0;
        while (i < text.size()) {
            if (!url_char(text[i])) {
                ++i;
                continue;
            }
            std::size_t start = i;
            while (i < text.size() && url_char(text[i])) ++i;
            std::size_t end = i;
            while (end > start && trailing_punctuation(text[end - 1])) --end;
            std::string_view word(text.data() + start, end - start);
            if (word.find_first_of("/#.") == std::string_view::npos) continue;
            words_[std::string(word)].emplace_back(f, start);
        }
    }
}

std::vector<SourcePosition> UrlIndex::find(std::string_view url) const {
    std::vector<std::pair<std::size_t, std::size_t>> hits;
    for (const auto& form : url_forms(url))
        if (auto it = words_.find(form); it != words_.end())
            hits.insert(hits.end(), it->second.begin(), it->second.end());
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    std::vector<SourcePosition> out;
    for (auto [file, offset] : hits) out.push_back(position_at(sources_[file], offset));
    return out;
}

std::vector<SourcePosition> UrlIndex::find_in(std::string_view file, std::string_view url) const {
    const SourceText* s = source(file);
    return s ? find_url(*s, url) : std::vector<SourcePosition>{};
}

const SourceText* UrlIndex::source(std::string_view file) const {
    auto it = by_name_.find(std::string(file));
    return it == by_name_.end() ? nullptr : &sources_[it->second];
}

std::vector<SourceText> read_content_sources(const std::filesystem::path& root) {
    std::vector<SourceText> out;
    const auto content = root / "content";
    std::vector<std::filesystem::path> files;
    for (std::string_view suffix : {".md", ".yaml", ".yml"}) {
        auto found = list_files(content, suffix);
        files.insert(files.end(), found.begin(), found.end());
    }
    for (const auto& f : files) {
        std::string name = relative_name(f, root);
        if (name.starts_with("content/feeds/")) continue;  // discovered items, not written here
        if (auto text = read_file(f)) out.push_back({name, std::move(*text)});
    }
    std::sort(out.begin(), out.end(),
              [](const SourceText& a, const SourceText& b) { return a.file < b.file; });
    return out;
}

std::vector<SourceText> theme_sources(const ThemeFiles& theme) {
    std::vector<SourceText> out;
    for (const auto& [rel, f] : theme.under("", ".mustache")) out.push_back({f->name, f->bytes});
    return out;
}

}  // namespace brief
