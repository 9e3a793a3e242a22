#include <algorithm>
#include <charconv>

#include "feeds/charset.h"
#include "feeds/feed_dates.h"
#include "feeds/feed_reader.h"
#include "feeds/field_text.h"
#include "feeds/sanitize.h"
#include "feeds/xml_nodes.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {

namespace {

std::string repaired(std::string_view s) {
    if (auto fixed = undo_double_utf8(s)) return *fixed;
    return std::string(s);
}

bool http_or_relative(std::string_view url) {
    std::string scheme = effective_scheme(url);
    return scheme.empty() || scheme == "http" || scheme == "https";
}

}  // namespace

std::string plain_text(std::string_view s) {
    // Repaired first: the plain text drops the C1 controls Latin-1 double encoding leaves.
    std::string text = repaired(s);
    if (text.find_first_of("<&") == std::string::npos) return collapse_whitespace(text);
    return html_to_text(text);
}

std::string clean_line(std::string_view s) {
    return collapse_whitespace(repaired(s));
}

void add_category(std::vector<std::string>& categories, std::string_view c) {
    std::string v = clean_line(plain_text(c));
    if (v.empty() || v.size() > 200) return;
    if (std::find(categories.begin(), categories.end(), v) == categories.end())
        categories.push_back(v);
}

std::optional<std::int64_t> first_date(const pugi::xml_node& parent,
                                       std::initializer_list<DateField> fields) {
    for (const DateField& f : fields)
        if (pugi::xml_node n = xml::child(parent, f.name, f.ns))
            if (auto t = parse_feed_date(xml::raw_content(n, {}))) return t;
    return std::nullopt;
}

void FeedBuilder::summarise(FeedItem& item, const std::vector<SummarySource>& sources) const {
    SanitizedHtml chosen;
    for (const SummarySource& s : sources) {
        if (trim(s.html).empty()) continue;
        SanitizedHtml clean = sanitize_with_text(repaired(s.html), s.base);
        bool has_text = !clean.text.empty();
        if (has_text || chosen.html.empty()) chosen = std::move(clean);
        if (has_text) break;
    }
    item.summary_html = std::move(chosen.html);  // the sanitiser lets no control through
    item.summary_text = truncate_words(chosen.text, options_.summary_text_bytes);
}

void FeedBuilder::add_enclosure(FeedItem& item, std::string_view url, std::string_view base,
                                std::string_view type, std::string_view length) {
    if (trim(url).empty()) return;
    std::string resolved = url_without_controls(resolve_url(base, url));
    if (!is_http_url(resolved)) return;
    for (const auto& e : item.enclosures)
        if (e.url == resolved) return;
    FeedEnclosure e;
    e.url = std::move(resolved);
    e.type = clean_line(type);
    std::string_view digits = trim(length);
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec == std::errc() && end == digits.data() + digits.size()) e.length = n;
    item.enclosures.push_back(std::move(e));
}

void FeedBuilder::finish(FeedItem item, std::size_t index) {
    item.title = clean_line(item.title);
    item.author = clean_line(item.author);
    std::vector<std::string> categories;
    for (const auto& c : item.categories) {
        std::string v = clean_line(c);
        if (!v.empty() && std::find(categories.begin(), categories.end(), v) == categories.end())
            categories.push_back(std::move(v));
    }
    item.categories = std::move(categories);
    item.id = std::string(trim(strip_controls(item.id, false)));
    item.url = url_without_controls(trim(item.url));
    // A link is followed by readers: only http(s) survives (a relative one is kept when
    // there was no base to resolve it against).
    if (!http_or_relative(item.url)) {
        feed_.warnings.push_back("item " + std::to_string(index + 1) + ": link '" +
                                 truncate_words(item.url, 60) + "' is not http or https; dropped");
        if (item.id == item.url) item.id.clear();
        item.url.clear();
    }
    if (item.id.empty()) item.id = item.url;
    if (item.id.empty()) {
        feed_.warnings.push_back("item " + std::to_string(index + 1) +
                                 " has neither an id nor a link; skipped");
        return;
    }
    feed_.items.push_back(std::move(item));
}

}  // namespace brief
