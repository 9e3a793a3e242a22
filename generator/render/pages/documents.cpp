// Guides, pages (standards, about) and the alias redirect pages.
#include "render/pages/pages.h"

namespace brief::pages {

/// One job per guide and per page.
void add_guides_and_pages(RenderContext& ctx, PageJobs& jobs) {
    const Site& site = ctx.site;
    // Guides and pages.
    for (std::size_t i = 0; i < site.guides.size(); ++i) {
        jobs.add([&ctx, i](std::vector<Output>& out, Diagnostics& dg) {
            const Site& site = ctx.site;
            const std::string& site_lang = site.config->language;
            const Labels& L = ctx.theme.labels_for(site_lang);
            const Entry& e = site.guides[i];
            ValueObject d = ctx.page_base(e.doc->title, e.doc->summary, e.url, e.lang);
            d.set("doc", ctx.briefing_full(e, ctx.guide_html[i]));
            d.set("is_article", Value(true));
            std::vector<nlohmann::json> ld = {
                article_ld(ctx, e),
                breadcrumbs(ctx, {{L.get("home"), "/"}, {e.doc->title, e.url}})};
            if (!e.doc->faq.empty()) ld.push_back(faq_page(e.doc->faq, ctx));
            set_json_ld(d, ld);
            page(out, dg, ctx, "guide", e.url, std::move(d));
        });
    }
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        jobs.add([&ctx, i](std::vector<Output>& out, Diagnostics& dg) {
            const Site& site = ctx.site;
            const std::string& site_lang = site.config->language;
            const Labels& L = ctx.theme.labels_for(site_lang);
            const Entry& e = site.pages[i];
            ValueObject d = ctx.page_base(e.doc->title, e.doc->summary, e.url, e.lang);
            d.set("doc", ctx.briefing_full(e, ctx.page_html[i]));
            set_json_ld(d, {breadcrumbs(ctx, {{L.get("home"), "/"}, {e.doc->title, e.url}})});
            page(out, dg, ctx, "page", e.url, std::move(d));
        });
    }
}

/// Small redirect pages at each alias.
void add_aliases(RenderContext& ctx, PageJobs& jobs) {
    const Site& site = ctx.site;
    // Aliases: small redirect pages.
    for (const auto& a : site.aliases) {
        jobs.add([&ctx, &a](std::vector<Output>& out, Diagnostics& dg) {
            const Site& site = ctx.site;
            const std::string& site_lang = site.config->language;
            ValueObject d = ctx.page_base(site.config->title, "", a.target_url, site_lang);
            d.set("target", a.target_url);
            d.set("target_absolute", ctx.absolute(a.target_url));
            page(out, dg, ctx, "alias", a.path, std::move(d));
        });
    }
}

}  // namespace brief::pages
