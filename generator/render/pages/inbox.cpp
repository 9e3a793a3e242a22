// The editor's inbox (/inbox/), in draft builds only.
#include "render/pages/pages.h"

namespace brief::pages {

/// /inbox/ when the site has one.
void add_inbox(RenderContext& ctx, PageJobs& jobs) {
    if (!ctx.site.inbox) return;
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
        ValueObject d = ctx.page_base(L.get("inbox"), L.get("inbox_intro"), "/inbox/", site_lang);
        ValueList items;
        for (std::size_t i : *site.inbox) {
            const ArchiveItem& item = (*site.archive)[i];
            ValueObject o;
            o.set("id", item.id);
            o.set("title", item.title.empty() ? item.url : item.title);
            o.set("url", item.url);
            o.set("source", ctx.source_name(item.source_id));
            o.set("summary", item.summary_text);
            Timestamp t = site.config->timezone.localize(item.sort_time());
            o.set("date", ctx.display_date(t, site_lang));
            o.set("date_iso", format_rfc3339(t));
            std::string matched;
            for (const auto& m : item.matched) matched += (matched.empty() ? "" : ", ") + m;
            o.set("matched", matched);
            items.push_back(Value(std::move(o)));
        }
        d.set("items", Value(items));
        d.set("has_items", Value(!site.inbox->empty()));
        page(out, dg, ctx, "inbox", "/inbox/", std::move(d));
    });
}

}  // namespace brief::pages
