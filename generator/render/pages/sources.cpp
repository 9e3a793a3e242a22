// The watched feeds (/sources/).
#include "render/pages/pages.h"

namespace brief::pages {

/// /sources/.
void add_sources(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
        ValueObject d =
            ctx.page_base(L.get("sources"), L.get("sources_intro"), "/sources/", site_lang);
        ValueList rows;
        for (const auto& s : site.sources) {
            ValueObject o;
            o.set("name", s.config->name);
            o.set("url", s.config->url);
            o.set("kind", L.get("source_kind_" + [&] {
                std::string k = s.config->kind;
                for (auto& c : k)
                    if (c == '-') c = '_';
                return k;
            }()));
            o.set("lang", s.config->lang);
            o.set("enabled", Value(s.config->enabled));
            o.set("recent", std::to_string(s.items_last_four_weeks));
            o.set("total", std::to_string(s.items_total));
            if (s.state && s.state->last_success) {
                Timestamp t = site.config->timezone.localize(*s.state->last_success);
                o.set("last_success", ctx.display_date(t, site_lang));
                o.set("last_success_iso", format_rfc3339(t));
            }
            if (s.state && !s.state->last_error.empty()) o.set("last_error", s.state->last_error);
            o.set("gone", Value(s.state && s.state->gone_since));
            if (s.state && s.state->gone_since) {
                Timestamp t = site.config->timezone.localize(*s.state->gone_since);
                o.set("gone_since", ctx.display_date(t, site_lang));
                o.set("gone_since_iso", format_rfc3339(t));
            }
            rows.push_back(Value(std::move(o)));
        }
        d.set("sources", Value(rows));
        d.set("has_sources", Value(!rows.empty()));
        page(out, dg, ctx, "sources", "/sources/", std::move(d));
    });
}

}  // namespace brief::pages
