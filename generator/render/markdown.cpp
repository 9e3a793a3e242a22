#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "util/text.h"
#include "util/utf8.h"

namespace brief {
namespace {

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
struct CharDeleter {
    void operator()(char* s) const { std::free(s); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;
using CharPtr = std::unique_ptr<char, CharDeleter>;

// A marker no Markdown text can contain: control characters are stripped from the input.
constexpr std::string_view kMarker = "\x01hid\x01";

int base_options(const MarkdownOptions& o) {
    int opts = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    if (o.allow_html) opts |= CMARK_OPT_UNSAFE;
    return opts;
}

ParserPtr make_parser(int options) {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
    ParserPtr parser(cmark_parser_new(options));
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    return parser;
}

// `in` without its control characters; a copy (in `storage`) only when it has some, since a
// 20 MB body is held by the parser's tree at the same time.
std::string_view strip_controls(std::string_view in, std::string& storage) {
    auto control = [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r';
    };
    if (std::none_of(in.begin(), in.end(), control)) return in;
    storage.reserve(in.size());
    for (char c : in)
        if (!control(c)) storage += c;
    return storage;
}

void collect_text(cmark_node* node, std::string& out) {
    for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
            if (const char* lit = cmark_node_get_literal(c)) out += lit;
        } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
            out += ' ';
        } else {
            collect_text(c, out);
        }
    }
}

// Raw HTML becomes literal text, so it shows as typed and never runs.
void escape_raw_html(cmark_node* root) {
    std::vector<cmark_node*> raw;
    IterPtr iter(cmark_iter_new(root));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(iter.get());
        if (ev == CMARK_EVENT_ENTER && (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK ||
                                        cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE))
            raw.push_back(n);
    }
    iter.reset();
    for (cmark_node* n : raw) {
        const char* lit = cmark_node_get_literal(n);
        std::string text = lit ? lit : "";
        cmark_node* text_node = cmark_node_new(CMARK_NODE_TEXT);
        if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
            while (!text.empty() && text.back() == '\n') text.pop_back();
            cmark_node_set_literal(text_node, text.c_str());
            cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
            cmark_node_append_child(para, text_node);
            cmark_node_insert_before(n, para);
        } else {
            cmark_node_set_literal(text_node, text.c_str());
            cmark_node_insert_before(n, text_node);
        }
        cmark_node_free(n);
    }
}

std::string render_html(cmark_parser* parser, cmark_node* root, int options) {
    CharPtr html(cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)));
    return html ? std::string(html.get()) : std::string{};
}

}  // namespace

RenderedMarkdown render_markdown(std::string_view markdown, const MarkdownOptions& options) {
    RenderedMarkdown out;
    const int opts = base_options(options);
    ParserPtr parser = make_parser(opts);
    std::string storage;
    std::string_view input = strip_controls(markdown, storage);
    cmark_parser_feed(parser.get(), input.data(), input.size());
    NodePtr root(cmark_parser_finish(parser.get()));
    if (!options.allow_html) escape_raw_html(root.get());

    // Mark each heading with a custom inline so the ids can be put on the <hN> tags after
    // rendering, in document order.
    std::vector<cmark_node*> headings;
    {
        IterPtr iter(cmark_iter_new(root.get()));
        cmark_event_type ev;
        while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
            cmark_node* n = cmark_iter_get_node(iter.get());
            if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING)
                headings.push_back(n);
        }
    }
    // An id is its text's slug, or the slug with the lowest free suffix "-1", "-2", ... The
    // lowest free suffix of a slug only grows (ids are never freed), so the search resumes
    // where the last one for that slug stopped, and 20,000 equal headings take linear time.
    std::unordered_set<std::string> used(options.reserved_ids.begin(), options.reserved_ids.end());
    std::unordered_map<std::string, int> next_suffix;
    for (cmark_node* h : headings) {
        Heading heading;
        heading.level = cmark_node_get_heading_level(h);
        collect_text(h, heading.text);
        std::string base = slugify(heading.text);
        if (base.empty()) base = "section";
        std::string id = base;
        if (used.count(id)) {
            int& i = next_suffix.try_emplace(base, 1).first->second;
            for (id = base + "-" + std::to_string(i); used.count(id);)
                id = base + "-" + std::to_string(++i);
        }
        used.insert(id);
        heading.id = std::move(id);
        cmark_node* marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
        cmark_node_set_on_enter(marker, std::string(kMarker).c_str());
        cmark_node_set_on_exit(marker, "");
        cmark_node_prepend_child(h, marker);
        out.headings.push_back(std::move(heading));
    }

    std::string rendered = render_html(parser.get(), root.get(), opts);
    root.reset();  // the tree is the largest thing here; the HTML is all that is left to do
    parser.reset();
    // One pass puts the ids on the <hN> tags: editing the HTML in place would move its tail
    // once per heading.
    std::string& html = out.html;
    html.reserve(rendered.size() + out.headings.size() * 16);
    std::size_t pos = 0;  // rendered[pos, ...) is not copied yet
    for (const auto& h : out.headings) {
        std::size_t m = rendered.find(kMarker, pos);
        if (m == std::string::npos) break;
        // cmark renders "<hN>" right before the marker.
        std::size_t open = m >= 4 ? m - 4 : 0;
        if (open >= pos && rendered.compare(open, 2, "<h") == 0 && rendered[m - 1] == '>') {
            html.append(rendered, pos, open - pos);
            html.append(rendered, open, 3);
            html += " id=\"";
            html += html_escape(h.id);
            html += "\">";
        } else {
            html.append(rendered, pos, m - pos);
        }
        pos = m + kMarker.size();
    }
    html.append(rendered, pos);
    return out;
}

namespace {

// True when cmark-gfm would render `s` as one paragraph of literal text: no character that
// starts Markdown syntax anywhere (emphasis, code, links, HTML, entities, escapes, tables,
// strikethrough, autolinks), nothing that starts a block at the front, no surrounding
// whitespace, and well-formed UTF-8. Such a line is its own HTML with only '"' escaped, so the
// parser can be skipped; anything else goes through cmark-gfm.
bool is_plain_line(std::string_view s) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
    unsigned char first = static_cast<unsigned char>(s.front());
    if (first == '-' || first == '+' || first == '=' || (first >= '0' && first <= '9'))
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f) return false;
            switch (c) {
                case '\\':
                case '`':
                case '*':
                case '_':
                case '[':
                case ']':
                case '<':
                case '>':
                case '&':
                case '!':
                case '~':
                case '|':
                case '#':
                case '@':
                    return false;
                case ':':
                    if (s.substr(i, 3) == "://") return false;
                    break;
                case '.':
                    if (i >= 3 && (s[i - 1] | 0x20) == 'w' && (s[i - 2] | 0x20) == 'w' &&
                        (s[i - 3] | 0x20) == 'w')
                        return false;
                    break;
                default:
                    break;
            }
            continue;
        }
        // A multi-byte sequence, well-formed as RFC 3629 allows.
        std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) return false;
        // Unicode spaces at the ends would be trimmed, and U+00A0 or U+3000 inside stay as
        // they are; only the ASCII checks above decide the syntax, so nothing else matters.
        i += len - 1;
    }
    return true;
}

}  // namespace

bool is_plain_inline(std::string_view markdown) {
    return is_plain_line(markdown);
}

std::string render_inline_markdown(std::string_view markdown, const MarkdownOptions& options) {
    if (is_plain_line(markdown)) {
        std::string html;
        html.reserve(markdown.size() + 16);
        for (char c : markdown) {
            if (c == '"')
                html += "&quot;";
            else
                html += c;
        }
        return html;
    }
    std::string html = render_markdown(markdown, options).html;
    while (!html.empty() && html.back() == '\n') html.pop_back();
    if (html.starts_with("<p>") && html.ends_with("</p>") &&
        html.find("<p>", 3) == std::string::npos)
        html = html.substr(3, html.size() - 7);
    return html;
}

std::string markdown_to_text(std::string_view markdown) {
    ParserPtr parser = make_parser(CMARK_OPT_DEFAULT);
    std::string storage;
    std::string_view input = strip_controls(markdown, storage);
    cmark_parser_feed(parser.get(), input.data(), input.size());
    NodePtr root(cmark_parser_finish(parser.get()));
    std::string text;
    collect_text(root.get(), text);
    return std::string(trim(text));
}

}  // namespace brief
