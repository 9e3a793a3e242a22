#include "feeds/sanitize.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <vector>

#include "feeds/field_text.h"
#include "util/text.h"
#include "util/url.h"
#include "util/utf8.h"

namespace brief {

namespace {

struct GumboOutputDeleter {
    const GumboOptions* options;
    void operator()(GumboOutput* out) const { gumbo_destroy_output(options, out); }
};
using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

// Parses `html` as the content of a <div> (an HTML5 fragment).
GumboOutputPtr parse_fragment(std::string_view html, const GumboOptions& options) {
    return GumboOutputPtr(gumbo_parse_with_options(&options, html.data(), html.size()),
                          GumboOutputDeleter{&options});
}

GumboOptions fragment_options() {
    GumboOptions options = kGumboDefaultOptions;
    options.fragment_context = GUMBO_TAG_DIV;
    options.fragment_namespace = GUMBO_NAMESPACE_HTML;
    options.max_errors = 0;  // errors are not reported; do not spend memory on them
    return options;
}

// What the HTML parser is given: the input cut at the limit (on a UTF-8 boundary), without
// control characters, which the parser would turn into U+FFFD each; TAB and LF stay.
std::string cut_input(std::string_view html, std::size_t max) {
    if (html.size() > max) html = html.substr(0, utf8_boundary(html, max));
    return strip_controls(html, true);
}

// Elements removed together with everything inside them.
bool dropped_with_content(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED:
        case GUMBO_TAG_APPLET:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_INPUT:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_OPTION:
        case GUMBO_TAG_OPTGROUP:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_NOFRAMES:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH:
        case GUMBO_TAG_FRAME:
        case GUMBO_TAG_FRAMESET:
        case GUMBO_TAG_LINK:
        case GUMBO_TAG_META:
        case GUMBO_TAG_BASE:
        case GUMBO_TAG_TITLE:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_VIDEO:
        case GUMBO_TAG_SOURCE:
        case GUMBO_TAG_TRACK:
        case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_XMP:
        case GUMBO_TAG_PLAINTEXT:
        case GUMBO_TAG_NOEMBED:
        case GUMBO_TAG_PARAM:
        case GUMBO_TAG_MAP:
        case GUMBO_TAG_AREA:
        case GUMBO_TAG_KEYGEN:
        case GUMBO_TAG_ISINDEX:
        case GUMBO_TAG_DATALIST:
        case GUMBO_TAG_OUTPUT:
        case GUMBO_TAG_PROGRESS:
        case GUMBO_TAG_METER:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_LEGEND:
        case GUMBO_TAG_LABEL:
        case GUMBO_TAG_MENU:
        case GUMBO_TAG_MENUITEM:
        case GUMBO_TAG_BGSOUND:
        case GUMBO_TAG_IMAGE:
        case GUMBO_TAG_RP:
            return true;
        default:
            return false;
    }
}

enum class AttrKind { text, url, number };

struct AllowedAttr {
    std::string_view name;
    AttrKind kind;
};

// The allow-list: elements kept, with the attributes each may keep.
const std::vector<AllowedAttr>* allowed_element(GumboTag tag) {
    static const std::vector<AllowedAttr> none;
    static const std::vector<AllowedAttr> a = {{"href", AttrKind::url}, {"title", AttrKind::text}};
    static const std::vector<AllowedAttr> img = {{"src", AttrKind::url},
                                                 {"alt", AttrKind::text},
                                                 {"title", AttrKind::text},
                                                 {"width", AttrKind::number},
                                                 {"height", AttrKind::number}};
    static const std::vector<AllowedAttr> cell = {{"colspan", AttrKind::number},
                                                  {"rowspan", AttrKind::number}};
    static const std::vector<AllowedAttr> quote = {{"cite", AttrKind::url}};
    static const std::vector<AllowedAttr> abbr = {{"title", AttrKind::text}};
    static const std::vector<AllowedAttr> time = {{"datetime", AttrKind::text}};
    static const std::vector<AllowedAttr> ol = {{"start", AttrKind::number}};
    switch (tag) {
        case GUMBO_TAG_A:
            return &a;
        case GUMBO_TAG_IMG:
            return &img;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
            return &cell;
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_Q:
            return &quote;
        case GUMBO_TAG_ABBR:
            return &abbr;
        case GUMBO_TAG_TIME:
            return &time;
        case GUMBO_TAG_OL:
            return &ol;
        case GUMBO_TAG_P:
        case GUMBO_TAG_BR:
        case GUMBO_TAG_STRONG:
        case GUMBO_TAG_B:
        case GUMBO_TAG_EM:
        case GUMBO_TAG_I:
        case GUMBO_TAG_U:
        case GUMBO_TAG_S:
        case GUMBO_TAG_SUB:
        case GUMBO_TAG_SUP:
        case GUMBO_TAG_CITE:
        case GUMBO_TAG_CODE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_KBD:
        case GUMBO_TAG_SAMP:
        case GUMBO_TAG_VAR:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_THEAD:
        case GUMBO_TAG_TBODY:
        case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_SMALL:
        case GUMBO_TAG_MARK:
        case GUMBO_TAG_DEL:
        case GUMBO_TAG_INS:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_SPAN:
            return &none;
        default:
            return nullptr;
    }
}

bool void_element(GumboTag tag) {
    return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG;
}

bool block_element(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_BR:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_CAPTION:
            return true;
        default:
            return false;
    }
}

bool digits_only(std::string_view s) {
    if (s.empty() || s.size() > 6) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An absolute http(s) URL (or mailto: for links) made from an attribute value, or empty.
std::string safe_url(std::string_view value, std::string_view base, bool allow_mailto) {
    std::string scheme = effective_scheme(value);
    if (!scheme.empty()) {
        if (scheme == "mailto" && allow_mailto) {
            std::string v(trim(value));
            // mailto: needs no resolution; refuse anything that smuggles markup or controls,
            // and a scheme spelled with spaces inside ("mailt o:"), which a browser would
            // read as a relative address (found by fuzz_sanitize).
            for (unsigned char c : v)
                if (c < 0x20 || c == 0x7F) return {};
            if (!to_lower_ascii(v).starts_with("mailto:")) return {};
            return v;
        }
        if (scheme != "http" && scheme != "https") return {};
    }
    std::string resolved = url_without_controls(resolve_url(base, value));
    if (!is_http_url(resolved)) return {};
    // The scheme of what we emit is checked again after resolution, on the final text.
    std::string final_scheme = effective_scheme(resolved);
    if (final_scheme != "http" && final_scheme != "https") return {};
    return resolved;
}

class Sanitizer {
  public:
    explicit Sanitizer(std::string_view base) : base_(base) {}

    std::string run(const GumboNode* root) {
        // An explicit stack: hostile input can nest elements tens of thousands deep.
        struct Frame {
            const GumboNode* node;
            unsigned next = 0;
            std::string close;
        };
        std::vector<Frame> stack;
        stack.push_back({root, 0, {}});
        while (!stack.empty()) {
            Frame& top = stack.back();
            const GumboVector* children = child_list(top.node);
            if (!children || top.next >= children->length) {
                out_ += top.close;
                stack.pop_back();
                continue;
            }
            const auto* child = static_cast<const GumboNode*>(children->data[top.next++]);
            switch (child->type) {
                case GUMBO_NODE_TEXT:
                case GUMBO_NODE_WHITESPACE:
                case GUMBO_NODE_CDATA:
                    out_ += html_escape(strip_controls(child->v.text.text, true));
                    break;
                case GUMBO_NODE_ELEMENT:
                case GUMBO_NODE_TEMPLATE: {
                    std::string close;
                    if (open_element(child, close)) stack.push_back({child, 0, std::move(close)});
                    break;
                }
                default:  // comments, documents
                    break;
            }
        }
        return std::move(out_);
    }

  private:
    static const GumboVector* child_list(const GumboNode* n) {
        if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
            return &n->v.element.children;
        if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
        return nullptr;
    }

    // Writes the opening tag of `node` if it is allowed; returns whether to descend.
    bool open_element(const GumboNode* node, std::string& close) {
        const GumboElement& el = node->v.element;
        if (node->type == GUMBO_NODE_TEMPLATE) return false;
        if (el.tag_namespace != GUMBO_NAMESPACE_HTML) return false;
        if (dropped_with_content(el.tag)) return false;
        const std::vector<AllowedAttr>* attrs = allowed_element(el.tag);
        if (!attrs) return true;  // unknown or unwanted wrapper: keep its content only
        std::string tag = gumbo_normalized_tagname(el.tag);
        std::string attr_text;
        bool has_href = false;
        for (unsigned i = 0; i < el.attributes.length; ++i) {
            const auto* attr = static_cast<const GumboAttribute*>(el.attributes.data[i]);
            if (attr->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE) continue;
            std::string_view name = attr->name;
            auto allowed = std::find_if(attrs->begin(), attrs->end(),
                                        [&](const AllowedAttr& a) { return a.name == name; });
            if (allowed == attrs->end()) continue;
            std::string value = attr->value;
            if (allowed->kind == AttrKind::url) {
                value = safe_url(value, base_, el.tag == GUMBO_TAG_A);
                if (value.empty()) continue;
                if (name == "href") has_href = true;
            } else if (allowed->kind == AttrKind::number) {
                if (!digits_only(value)) continue;
            }
            attr_text +=
                " " + std::string(name) + "=\"" + html_escape(strip_controls(value, false)) + "\"";
        }
        if (el.tag == GUMBO_TAG_A) {
            if (!has_href) return true;  // a link that cannot be followed safely is just text
            attr_text += " rel=\"nofollow noopener\"";
        }
        if (el.tag == GUMBO_TAG_IMG && attr_text.find(" src=") == std::string::npos) return false;
        out_ += "<" + tag + attr_text + ">";
        if (void_element(el.tag)) return false;
        close = "</" + tag + ">";
        return true;
    }

    std::string_view base_;
    std::string out_;
};

void collect_text(const GumboNode* root, std::string& out) {
    std::vector<std::pair<const GumboNode*, unsigned>> stack;
    stack.push_back({root, 0});
    while (!stack.empty()) {
        auto& [node, next] = stack.back();
        const GumboVector* children = nullptr;
        if (node->type == GUMBO_NODE_ELEMENT) children = &node->v.element.children;
        if (node->type == GUMBO_NODE_DOCUMENT) children = &node->v.document.children;
        if (!children || next >= children->length) {
            if (node->type == GUMBO_NODE_ELEMENT && block_element(node->v.element.tag)) out += ' ';
            stack.pop_back();
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children->data[next++]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
            child->type == GUMBO_NODE_CDATA) {
            out += child->v.text.text;
        } else if (child->type == GUMBO_NODE_ELEMENT) {
            if (child->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
                dropped_with_content(child->v.element.tag))
                continue;
            if (block_element(child->v.element.tag)) out += ' ';
            stack.push_back({child, 0});
        }
    }
}

}  // namespace

std::string sanitize_html(std::string_view input, std::string_view base_url,
                          const SanitizeOptions& options) {
    std::string html = cut_input(input, options.max_input_bytes);
    if (trim(html).empty()) return {};
    GumboOptions gopts = fragment_options();
    GumboOutputPtr out = parse_fragment(html, gopts);
    if (!out || !out->root) return {};
    std::string result = Sanitizer(base_url).run(out->root);
    return std::string(trim(result));
}

SanitizedHtml sanitize_with_text(std::string_view input, std::string_view base_url,
                                 const SanitizeOptions& options) {
    SanitizedHtml out;
    std::string html = cut_input(input, options.max_input_bytes);
    if (trim(html).empty()) return out;
    if (html.find_first_of("<&") == std::string::npos) {
        // Plain text: the HTML5 parser would only escape it, so skip the parse.
        out.html = html_escape(trim(html));
        out.text = collapse_whitespace(html);
        return out;
    }
    GumboOptions gopts = fragment_options();
    GumboOutputPtr parsed = parse_fragment(html, gopts);
    if (!parsed || !parsed->root) return out;
    out.html = std::string(trim(Sanitizer(base_url).run(parsed->root)));
    std::string text;
    collect_text(parsed->root, text);
    out.text = collapse_whitespace(text);
    return out;
}

std::string html_to_text(std::string_view input, const SanitizeOptions& options) {
    std::string html = cut_input(input, options.max_input_bytes);
    if (html.find_first_of("<&") == std::string::npos) return collapse_whitespace(html);
    GumboOptions gopts = fragment_options();
    GumboOutputPtr out = parse_fragment(html, gopts);
    if (!out || !out->root) return {};
    std::string text;
    collect_text(out->root, text);
    return collapse_whitespace(text);
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = text[i];
        std::size_t ws_len = 0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            ws_len = 1;
        else if (c == 0xC2 && i + 1 < text.size() &&
                 static_cast<unsigned char>(text[i + 1]) == 0xA0)
            ws_len = 2;  // U+00A0
        else if (text.substr(i, 3) == "\xE3\x80\x80")
            ws_len = 3;  // U+3000 ideographic space
        if (ws_len) {
            space = !out.empty();
            i += ws_len - 1;
            continue;
        }
        if (c < 0x20 || c == 0x7F) continue;  // other control characters carry nothing
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
            ++i;  // nor do C1 controls (U+0080-U+009F)
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

}  // namespace brief
