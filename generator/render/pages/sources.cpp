// The watched feeds (/sources/) and, in draft builds, the editor's inbox.
#include "render/pages/pages.h"

namespace brief::pages {

/// /sources/, and /inbox/ when the site has one.
void add_sources_and_inbox(RenderContext& ctx, PageJobs& jobs) {
    const Site& site = ctx.site;
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        auto [site, site_lang, L] = scope(ctx);
        Data d = ctx.page_base(L.get("sources"), L.get("sources_intro"), "/sources/", site_lang);
        DataList rows;
        for (const auto& s : site.sources) {
            DataObject o;
            o["name"] = s.config->name;
            o["url"] = s.config->url;
            o["kind"] = L.get("source_kind_" + [&] {
                std::string k = s.config->kind;
                for (auto& c : k)
                    if (c == '-') c = '_';
                return k;
            }());
            o["lang"] = s.config->lang;
            o["enabled"] = Data(s.config->enabled);
            o["recent"] = std::to_string(s.items_last_four_weeks);
            o["total"] = std::to_string(s.items_total);
            if (s.state && s.state->last_success) {
                Timestamp t = site.config->timezone.localize(*s.state->last_success);
                o["last_success"] = ctx.display_date(t, site_lang);
                o["last_success_iso"] = format_rfc3339(t);
            }
            if (s.state && !s.state->last_error.empty()) o["last_error"] = s.state->last_error;
            rows.push_back(Data(o));
        }
        d.set("sources", Data(rows));
        d.set("has_sources", Data(!rows.empty()));
        page(out, dg, ctx, "sources", "/sources/", d);
    });

    // The editor's inbox, only in draft builds.
    if (site.inbox) {
        jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
            auto [site, site_lang, L] = scope(ctx);
            Data d = ctx.page_base(L.get("inbox"), L.get("inbox_intro"), "/inbox/", site_lang);
            DataList items;
            for (std::size_t i : *site.inbox) {
                const ArchiveItem& item = (*site.archive)[i];
                DataObject o;
                o["id"] = item.id;
                o["title"] = item.title.empty() ? item.url : item.title;
                o["url"] = item.url;
                o["source"] = ctx.source_name(item.source_id);
                o["summary"] = item.summary_text;
                Timestamp t = site.config->timezone.localize(item.sort_time());
                o["date"] = ctx.display_date(t, site_lang);
                o["date_iso"] = format_rfc3339(t);
                std::string matched;
                for (const auto& m : item.matched) matched += (matched.empty() ? "" : ", ") + m;
                o["matched"] = matched;
                items.push_back(Data(o));
            }
            d.set("items", Data(items));
            d.set("has_items", Data(!site.inbox->empty()));
            page(out, dg, ctx, "inbox", "/inbox/", d);
        });
    }
}

}  // namespace brief::pages
