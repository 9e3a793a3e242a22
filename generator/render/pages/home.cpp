// The home page, the list of every briefing and the 404 page.
#include "render/pages/pages.h"

#include "render/pages/digests.h"

namespace brief::pages {

/// The home page and /briefings/.
void add_home(RenderContext& ctx, PageJobs& jobs) {
    // Home.
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
        ValueObject d = ctx.page_base(site.config->title, site.config->description, "/", site_lang);
        d.set("briefings", Value(briefing_items(ctx, all_indices(site.briefings.size()), 20)));
        d.set("has_more_briefings", Value(site.briefings.size() > 20));
        if (site.current_week) d.set("current_week", week_full(ctx, *site.current_week, site_lang));
        ValueList guides;
        for (const auto& g : site.guides) {
            ValueObject o;
            o.set("title", g.doc->title);
            o.set("url", g.url);
            o.set("summary", g.doc->summary);
            guides.push_back(Value(std::move(o)));
        }
        d.set("guides", Value(guides));
        d.set("has_guides", Value(!site.guides.empty()));
        ValueList top;
        for (std::size_t i = 0; i < site.signals.size() && top.size() < 6; ++i) {
            const auto& s = site.signals[i];
            if (!s.briefing) continue;
            ValueObject o;
            o.set("signal", ctx.inline_html(s.signal.signal));
            o.set("why", ctx.inline_html(s.signal.why));
            o.set("from_url", site.briefings[*s.briefing].url);
            o.set("from_title", site.briefings[*s.briefing].doc->title);
            top.push_back(Value(std::move(o)));
        }
        d.set("top_signals", Value(top));
        d.set("has_top_signals", Value(!top.empty()));
        set_json_ld(
            d, {nlohmann::json{{"@context", "https://schema.org"},
                               {"@type", "WebSite"},
                               {"name", site.config->title},
                               {"url", site.config->base_url},
                               {"inLanguage", site_lang},
                               {"potentialAction",
                                {{"@type", "SearchAction"},
                                 {"target", ctx.absolute("/search/") + "?q={search_term_string}"},
                                 {"query-input", "required name=search_term_string"}}}}});
        page(out, dg, ctx, "home", "/", std::move(d));
        // The full list of briefings.
        // The full list of briefings is made from their list items.
        Hasher inputs;
        inputs.add(ctx.site_key());
        for (std::size_t i = 0; i < site.briefings.size(); ++i) inputs.add(ctx.item_key(i));
        ctx.emit_keyed(out, dg, "briefings", "briefings/index.html", inputs.finish(), [&] {
            ValueObject all = ctx.page_base(L.get("all_briefings"), site.config->description,
                                            "/briefings/", site_lang);
            all.set("briefings", Value(briefing_items(ctx, all_indices(site.briefings.size()))));
            return all;
        });
    });
}

}  // namespace brief::pages
