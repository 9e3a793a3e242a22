// libFuzzer target: the HTML sanitiser. Beyond not crashing, its output must hold only
// allowed elements, no event handler or style attribute, no URL but http(s) / mailto, and no
// control character but TAB and LF. Seeds: tests/fuzz/corpus/sanitize.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "feeds/sanitize.h"
#include "util/text.h"

namespace {

const std::set<std::string, std::less<>> kElements = {
    "a",      "img",        "td",     "th",    "blockquote", "q",     "abbr", "time",    "ol",
    "p",      "br",         "strong", "b",     "em",         "i",     "u",    "s",       "sub",
    "sup",    "cite",       "code",   "pre",   "kbd",        "samp",  "var",  "ul",      "li",
    "dl",     "dt",         "dd",     "h1",    "h2",         "h3",    "h4",   "h5",      "h6",
    "figure", "figcaption", "table",  "thead", "tbody",      "tfoot", "tr",   "caption", "hr",
    "small",  "mark",       "del",    "ins",   "div",        "span"};
const std::set<std::string, std::less<>> kAttributes = {"href",  "title",    "src",     "alt",
                                                        "width", "height",   "colspan", "rowspan",
                                                        "cite",  "datetime", "start",   "rel"};

// Checks every tag of sanitiser output; the output escapes '<', '>' and '"' in text and values.
bool safe(std::string_view out) {
    for (std::size_t i = 0; i < out.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(out[i]);
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return false;
        if (c == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) < 0xA0)
            return false;
    }
    for (std::size_t lt = out.find('<'); lt != std::string_view::npos; lt = out.find('<', lt + 1)) {
        std::size_t gt = out.find('>', lt);
        if (gt == std::string_view::npos) return false;
        std::string_view tag = out.substr(lt + 1, gt - lt - 1);
        if (!tag.empty() && tag[0] == '/') tag.remove_prefix(1);
        std::size_t name_end = tag.find(' ');
        std::string_view name = tag.substr(0, name_end);
        if (!kElements.count(name)) return false;
        std::string_view rest = name_end == std::string_view::npos ? "" : tag.substr(name_end);
        while (!rest.empty()) {
            if (rest[0] != ' ') return false;
            std::size_t eq = rest.find("=\"");
            if (eq == std::string_view::npos) return false;
            std::string_view attr = rest.substr(1, eq - 1);
            std::size_t close = rest.find('"', eq + 2);
            if (close == std::string_view::npos) return false;
            std::string_view value = rest.substr(eq + 2, close - eq - 2);
            if (!kAttributes.count(attr)) return false;
            if (attr == "href" || attr == "src" || attr == "cite") {
                std::string v = brief::to_lower_ascii(value);
                if (!v.starts_with("http://") && !v.starts_with("https://") &&
                    !(attr == "href" && v.starts_with("mailto:")))
                    return false;
            }
            rest = rest.substr(close + 1);
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view html(reinterpret_cast<const char*>(data), size);
    std::string out = brief::sanitize_html(html, "https://example.com/a/b.html");
    if (!safe(out)) __builtin_trap();
    // Sanitising the output again must stay safe too.
    if (!safe(brief::sanitize_html(out, "https://example.com/a/b.html"))) __builtin_trap();
    (void)brief::html_to_text(html);
    return 0;
}
