// Topic and entity pages: the lists of terms and a page for each term.
#include "render/pages/pages.h"

namespace brief::pages {

/// The /topics/ and /entities/ lists and one job per term page.
void add_taxonomies(RenderContext& ctx, PageJobs& jobs) {
    const Site& site = ctx.site;
    const std::string& site_lang = site.config->language;
    const Labels& L = ctx.theme.labels_for(site_lang);
    for (bool topics : {true, false}) {
        const std::vector<Term>* terms = topics ? &site.topics : &site.entities;
        const std::string base = topics ? "/topics/" : "/entities/";
        const std::string name = L.get(topics ? "topics" : "entities");
        jobs.add([&ctx, terms, topics, base, name](std::vector<Output>& out, Diagnostics& dg) {
            const Site& site = ctx.site;
            const std::string& site_lang = site.config->language;
            const Labels& L = ctx.theme.labels_for(site_lang);
            ValueObject d = ctx.page_base(name, L.get(topics ? "topics_intro" : "entities_intro"),
                                          base, site_lang);
            ValueList list;
            std::vector<std::pair<std::string, std::string>> items;
            for (const auto& t : *terms) {
                ValueObject o;
                o.set("name", t.name);
                o.set("url", t.url);
                o.set("count", std::to_string(t.briefings.size()));
                list.push_back(Value(std::move(o)));
                items.push_back({t.name, t.url});
            }
            d.set("terms", Value(list));
            d.set("taxonomy", name);
            d.set("other_url", topics ? "/entities/" : "/topics/");
            d.set("other_name", L.get(topics ? "entities" : "topics"));
            set_json_ld(d, {item_list(ctx, items)});
            page(out, dg, ctx, "terms", base, std::move(d));
        });
        for (std::size_t ti = 0; ti < terms->size(); ++ti) {
            jobs.add([&ctx, terms, ti, topics, base, name](std::vector<Output>& out,
                                                           Diagnostics& dg) {
                const Site& site = ctx.site;
                const std::string& site_lang = site.config->language;
                const Labels& L = ctx.theme.labels_for(site_lang);
                const Term& t = (*terms)[ti];
                // A term page is made from its briefings' list items.
                Hasher inputs;
                inputs.add(ctx.site_key()).add(t.name).add(t.url).add(base);
                for (std::size_t bi : t.briefings) inputs.add(ctx.item_key(bi));
                ctx.emit_keyed(out, dg, "term", out_path(t.url), inputs.finish(), [&] {
                    ValueObject d = ctx.page_base(t.name, name + ": " + t.name, t.url, site_lang);
                    d.set("term", t.name);
                    d.set("taxonomy", name);
                    d.set("taxonomy_url", base);
                    d.set("briefings", Value(briefing_items(ctx, t.briefings)));
                    d.set("count", std::to_string(t.briefings.size()));
                    if (topics) d.set("feed_url", t.url + "feed.xml");
                    std::vector<std::pair<std::string, std::string>> items;
                    for (std::size_t bi : t.briefings)
                        items.push_back({site.briefings[bi].doc->title, site.briefings[bi].url});
                    set_json_ld(
                        d,
                        {item_list(ctx, items),
                         breadcrumbs(ctx, {{L.get("home"), "/"}, {name, base}, {t.name, t.url}})});
                    return d;
                });
            });
        }
    }
}

}  // namespace brief::pages
