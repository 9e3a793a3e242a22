#include "check/html_scan.h"

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <memory>

#include "util/text.h"

namespace brief {

namespace {

// Gumbo allocates every node, string and vector on its own. Reading thousands of pages, that
// is most of the time (malloc and fresh pages); a bump arena per thread, reset for each page,
// makes it cheap. Nothing is freed one by one: the whole arena is reused.
class Arena {
  public:
    void* allocate(std::size_t size) {
        size = (size + 15) & ~std::size_t{15};
        if (blocks_.empty() || used_ + size > blocks_[current_].size) next_block(size);
        void* p = blocks_[current_].data.get() + used_;
        used_ += size;
        return p;
    }
    void reset() {
        current_ = 0;
        used_ = 0;
    }

  private:
    struct Block {
        std::unique_ptr<std::byte[]> data;
        std::size_t size = 0;
    };
    void next_block(std::size_t size) {
        used_ = 0;
        while (!blocks_.empty() && current_ + 1 < blocks_.size())
            if (blocks_[++current_].size >= size) return;
        std::size_t n = std::max<std::size_t>(size, std::size_t{1} << 20);
        blocks_.push_back({std::make_unique<std::byte[]>(n), n});
        current_ = blocks_.size() - 1;
    }

    std::vector<Block> blocks_;
    std::size_t current_ = 0;
    std::size_t used_ = 0;
};

void* arena_allocate(void* arena, std::size_t size) {
    return static_cast<Arena*>(arena)->allocate(size);
}
void arena_free(void*, void*) {}

bool is_link_attribute(std::string_view name) {
    return name == "href" || name == "src" || name == "srcset" || name == "poster";
}

std::string element_name(const GumboElement& el) {
    if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
    GumboStringPiece piece = el.original_tag;
    gumbo_tag_from_original_text(&piece);
    return to_lower_ascii(std::string_view(piece.data, piece.length));
}

// srcset="a.png 1x, b.png 2x": each candidate's URL is its first token.
void add_srcset(HtmlScan& scan, std::string_view value, const std::string& element, int line,
                int column) {
    for (std::string_view candidate : split(value, ',')) {
        candidate = trim(candidate);
        std::size_t space = candidate.find_first_of(" \t\n\r\f");
        std::string_view url = candidate.substr(0, space);
        if (!url.empty())
            scan.links.push_back({std::string(url), "srcset", element, line, column, {}});
    }
}

// The text inside an element, whitespace collapsed, at most about 200 bytes.
std::string text_of(const GumboNode* root) {
    std::string out;
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty() && out.size() < 200) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
            node->type == GUMBO_NODE_CDATA) {
            for (const char* c = node->v.text.text; *c; ++c) {
                bool space = *c == ' ' || *c == '\n' || *c == '\t' || *c == '\r' || *c == '\f';
                if (!space)
                    out += *c;
                else if (!out.empty() && out.back() != ' ')
                    out += ' ';
            }
        } else if (node->type == GUMBO_NODE_ELEMENT) {
            const GumboVector& children = node->v.element.children;
            for (unsigned i = children.length; i-- > 0;)
                stack.push_back(static_cast<const GumboNode*>(children.data[i]));
        }
    }
    return std::string(trim(out));
}

void scan_element(HtmlScan& scan, const GumboNode* node) {
    const GumboElement& el = node->v.element;
    const std::string element = element_name(el);
    for (unsigned i = 0; i < el.attributes.length; ++i) {
        const auto* attr = static_cast<const GumboAttribute*>(el.attributes.data[i]);
        std::string_view name = attr->name;
        std::string_view value = attr->value;
        if (name == "id" || (name == "name" && el.tag == GUMBO_TAG_A)) {
            if (value.empty()) continue;
            scan.ids.emplace_back(value);
            if (el.tag >= GUMBO_TAG_H1 && el.tag <= GUMBO_TAG_H6)
                scan.heading_ids.emplace_back(value);
            continue;
        }
        if (!is_link_attribute(name)) continue;
        // value_start points at the quote when there is one; the caret goes on the URL.
        int line = static_cast<int>(attr->value_start.line);
        int column = static_cast<int>(attr->value_start.column);
        if (attr->original_value.length > 0 &&
            (attr->original_value.data[0] == '"' || attr->original_value.data[0] == '\''))
            ++column;
        if (name == "srcset") {
            add_srcset(scan, value, element, line, column);
        } else {
            std::string_view url = trim(value);
            scan.links.push_back({std::string(url), std::string(name), element, line, column,
                                  el.tag == GUMBO_TAG_A ? text_of(node) : std::string{}});
        }
    }
}

}  // namespace

HtmlScan scan_html(std::string_view html) {
    HtmlScan scan;
    thread_local Arena arena;
    arena.reset();  // the previous page's tree is garbage now
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // parse errors are not reported; do not spend memory on them
    options.allocator = arena_allocate;
    options.deallocator = arena_free;
    options.userdata = &arena;
    const GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
    if (!output) return scan;
    // An explicit stack: document order without recursion depth limits.
    std::vector<const GumboNode*> stack{output->root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        const GumboVector* children = nullptr;
        if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
            scan_element(scan, node);
            children = &node->v.element.children;
        }
        if (!children) continue;
        for (unsigned i = children->length; i-- > 0;)
            stack.push_back(static_cast<const GumboNode*>(children->data[i]));
    }
    return scan;
}

}  // namespace brief
