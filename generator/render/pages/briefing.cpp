// A page for every briefing: its full data, related briefings and JSON-LD.
#include "render/pages/pages.h"

namespace brief::pages {

/// One job per briefing page, keyed by the briefing and its related list items.
void add_briefings(RenderContext& ctx, PageJobs& jobs) {
    const Site& site = ctx.site;
    // Briefings, guides and pages.
    jobs.briefing_job.resize(site.briefings.size());
    for (std::size_t i = 0; i < site.briefings.size(); ++i) {
        jobs.briefing_job[i] = jobs.add([&ctx, i](std::vector<Output>& out, Diagnostics& dg) {
            const Site& site = ctx.site;
            const std::string& site_lang = site.config->language;
            const Labels& L = ctx.theme.labels_for(site_lang);
            const Entry& e = site.briefings[i];
            // The page is made from the briefing and its related briefings' list items.
            Hasher inputs;
            inputs.add(ctx.site_key()).add(ctx.briefing_key(i));
            for (std::size_t r : e.related) inputs.add(ctx.item_key(r));
            ctx.emit_keyed(out, dg, "briefing", out_path(e.url), inputs.finish(), [&] {
                ValueObject d = ctx.page_base(e.doc->title, e.doc->summary, e.url, e.lang);
                d.set("doc", ctx.briefing_full_at(i));
                d.set("related", Value(briefing_items(ctx, e.related)));
                d.set("has_related", Value(!e.related.empty()));
                d.set("is_article", Value(true));
                std::vector<nlohmann::json> ld = {
                    article_ld(ctx, e), breadcrumbs(ctx, {{L.get("home"), "/"},
                                                          {L.get("all_briefings"), "/briefings/"},
                                                          {e.doc->title, e.url}})};
                if (!e.doc->faq.empty()) ld.push_back(faq_page(e.doc->faq, ctx));
                set_json_ld(d, ld);
                return d;
            });
        });
    }
}

}  // namespace brief::pages
