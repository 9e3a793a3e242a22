#include "render/pages/common.h"

namespace brief::pages {

std::string out_path(const std::string& url) {
    // "/briefings/x/" -> "briefings/x/index.html"
    std::string p = url.starts_with("/") ? url.substr(1) : url;
    if (p.empty() || p.back() == '/') p += "index.html";
    return p;
}

nlohmann::json breadcrumbs(const RenderContext& ctx,
                           const std::vector<std::pair<std::string, std::string>>& trail) {
    nlohmann::json list = nlohmann::json::array();
    int pos = 1;
    for (const auto& [name, url] : trail)
        list.push_back({{"@type", "ListItem"},
                        {"position", pos++},
                        {"name", name},
                        {"item", ctx.absolute(url)}});
    return {
        {"@context", "https://schema.org"}, {"@type", "BreadcrumbList"}, {"itemListElement", list}};
}

nlohmann::json faq_page(const std::vector<FaqEntry>& faq, const RenderContext& ctx) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& f : faq)
        items.push_back(
            {{"@type", "Question"},
             {"name", f.q},
             {"acceptedAnswer", {{"@type", "Answer"}, {"text", ctx.inline_html(f.a)}}}});
    return {{"@context", "https://schema.org"}, {"@type", "FAQPage"}, {"mainEntity", items}};
}

nlohmann::json item_list(const RenderContext& ctx,
                         const std::vector<std::pair<std::string, std::string>>& items) {
    nlohmann::json list = nlohmann::json::array();
    int pos = 1;
    for (const auto& [name, url] : items)
        list.push_back({{"@type", "ListItem"},
                        {"position", pos++},
                        {"name", name},
                        {"url", ctx.absolute(url)}});
    return {{"@context", "https://schema.org"}, {"@type", "ItemList"}, {"itemListElement", list}};
}

void set_json_ld(ValueObject& d, const std::vector<nlohmann::json>& blocks) {
    ValueList list;
    for (const auto& b : blocks) {
        ValueObject o;
        o.set("json", json_ld(b));
        list.push_back(Value(std::move(o)));
    }
    d.set("json_ld", Value(list));
}

nlohmann::json article_ld(const RenderContext& ctx, const Entry& e) {
    const Document& doc = *e.doc;
    const SiteConfig& cfg = *ctx.site.config;
    nlohmann::json j = {
        {"@context", "https://schema.org"},
        {"@type", doc.kind == Kind::news ? "NewsArticle" : "Article"},
        {"headline", doc.title},
        {"inLanguage", e.lang},
        {"mainEntityOfPage", ctx.absolute(e.url)},
        {"url", ctx.absolute(e.url)},
        {"author",
         {{"@type", "Organization"}, {"name", cfg.author.empty() ? cfg.title : cfg.author}}},
        {"publisher", {{"@type", "Organization"}, {"name", cfg.title}, {"url", cfg.base_url}}}};
    if (!doc.summary.empty()) j["description"] = doc.summary;
    if (doc.date) j["datePublished"] = format_rfc3339(cfg.timezone.localize(doc.date->utc_seconds));
    if (doc.updated)
        j["dateModified"] = format_rfc3339(cfg.timezone.localize(doc.updated->utc_seconds));
    else if (doc.date)
        j["dateModified"] = j["datePublished"];
    nlohmann::json citations = nlohmann::json::array();
    for (const auto& s : doc.sources) {
        if (!s.primary) continue;
        nlohmann::json c = {{"@type", "CreativeWork"}, {"name", s.title}, {"url", s.url}};
        if (!s.publisher.empty())
            c["publisher"] = {{"@type", "Organization"}, {"name", s.publisher}};
        citations.push_back(c);
    }
    if (!citations.empty()) j["citation"] = citations;
    if (!doc.topics.empty()) j["keywords"] = doc.topics;
    return j;
}

void page(std::vector<Output>& out, Diagnostics& diags, const RenderContext& ctx,
          const std::string& layout, const std::string& url, Value data) {
    ctx.emit_page(out, diags, layout, out_path(url), std::move(data));
}

ValueList briefing_items(const RenderContext& ctx, const std::vector<std::size_t>& indices,
                         std::size_t limit) {
    ValueList list;
    for (std::size_t k = 0; k < indices.size() && k < limit; ++k)
        list.push_back(ctx.briefing_item(indices[k]));
    return list;
}

std::vector<std::size_t> all_indices(std::size_t n) {
    std::vector<std::size_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = i;
    return v;
}

}  // namespace brief::pages
