// Full-text search: the /search/ page and its index; and the 404 page, which offers the newest
// briefings.
#include "render/pages/pages.h"

#include <nlohmann/json.hpp>

namespace brief::pages {
namespace {

// Compact arrays, one entry per briefing, guide and page.
std::string search_index(const RenderContext& ctx) {
    const Site& site = ctx.site;
    nlohmann::ordered_json idx = nlohmann::ordered_json::array();
    for (const auto* list : {&site.briefings, &site.guides, &site.pages})
        for (const auto& e : *list) {
            // "k": topics and entities, so a search for a company (华为, Huawei) finds its
            // pages.
            std::vector<std::string> keys = e.doc->topics;
            keys.insert(keys.end(), e.doc->entities.begin(), e.doc->entities.end());
            nlohmann::ordered_json item = {{"t", e.doc->title},
                                           {"u", e.url},
                                           {"s", e.doc->summary},
                                           {"k", keys},
                                           {"l", e.lang}};
            if (e.doc->date) item["d"] = ctx.iso_date(*e.doc->date);
            idx.push_back(item);
        }
    return idx.dump() + "\n";
}

}  // namespace

/// /search/, its index and the 404 page.
void add_search(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
        ValueObject d = ctx.page_base(L.get("not_found"), "", "/404.html", site_lang);
        d.set("briefings", Value(briefing_items(ctx, all_indices(site.briefings.size()), 5)));
        ctx.emit_page(out, dg, "404", "404.html", std::move(d));
        ValueObject s =
            ctx.page_base(L.get("search"), L.get("search_intro"), "/search/", site_lang);
        page(out, dg, ctx, "search", "/search/", std::move(s));
        out.push_back({"search-index.json", search_index(ctx)});
    });
}

}  // namespace brief::pages
