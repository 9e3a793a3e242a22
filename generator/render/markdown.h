#pragma once
// Markdown to HTML through cmark-gfm with the GitHub extensions. In: Markdown text and
// options; out: the HTML and its headings, each with a stable id (made unique in linear time).

#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// How Markdown is rendered.
struct MarkdownOptions {
    bool allow_html = false;  ///< raw HTML passes through; otherwise it is shown as text
    std::vector<std::string> reserved_ids;  ///< ids the page uses already; headings avoid them
};

/// A heading of a rendered document, for anchors and tables of contents.
struct Heading {
    int level = 2;
    std::string id;
    std::string text;
};

/// A rendered Markdown text.
struct RenderedMarkdown {
    std::string html;
    std::vector<Heading> headings;
};

/// Renders a whole Markdown document (tables, strikethrough, autolinks, tag filter, task
/// lists, footnotes). Heading ids are slugs of the heading text, made unique with -1, -2, …
RenderedMarkdown render_markdown(std::string_view markdown, const MarkdownOptions& options = {});

/// True when `markdown` is one line of plain text that render_inline_markdown turns into HTML
/// without the parser (only '"' is escaped).
bool is_plain_inline(std::string_view markdown);

/// Renders one line of Markdown (a key point, a table cell) without the surrounding <p>.
std::string render_inline_markdown(std::string_view markdown, const MarkdownOptions& options = {});

/// The plain text of a Markdown line (for meta descriptions and feeds' plain fields).
std::string markdown_to_text(std::string_view markdown);

}  // namespace brief
