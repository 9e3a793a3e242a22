// The editor's inbox (/inbox/), in draft builds only: one entry a story, with the other feeds
// that carried it.
#include "render/pages/pages.h"

namespace brief::pages {

namespace {

// The fields an inbox item and an "also in" item share.
ValueObject inbox_item(const RenderContext& ctx, std::size_t i) {
    const Site& site = ctx.site;
    const ArchiveItem& item = (*site.archive)[i];
    ValueObject o;
    o.set("id", item.id);
    o.set("title", item.title.empty() ? item.url : item.title);
    o.set("url", item.url);
    o.set("source", ctx.source_name(item.source_id));
    Timestamp t = site.config->timezone.localize(item.sort_time());
    o.set("date", ctx.display_date(t, site.config->language));
    o.set("date_iso", format_rfc3339(t));
    return o;
}

Value inbox_entry(const RenderContext& ctx, const InboxEntry& entry) {
    const ArchiveItem& item = (*ctx.site.archive)[entry.lead];
    ValueObject o = inbox_item(ctx, entry.lead);
    o.set("summary", item.summary_text);
    std::string matched;
    for (const auto& m : item.matched) matched += (matched.empty() ? "" : ", ") + m;
    o.set("matched", matched);
    ValueList also;
    for (std::size_t i : entry.also) {
        ValueObject a = inbox_item(ctx, i);
        a.set("first", Value(also.empty()));
        also.push_back(Value(std::move(a)));
    }
    o.set("also_in", Value(also));
    o.set("has_also_in", Value(!entry.also.empty()));
    return Value(std::move(o));
}

}  // namespace

/// /inbox/ when the site has one.
void add_inbox(RenderContext& ctx, PageJobs& jobs) {
    if (!ctx.site.inbox) return;
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
        ValueObject d = ctx.page_base(L.get("inbox"), L.get("inbox_intro"), "/inbox/", site_lang);
        ValueList items;
        for (const InboxEntry& entry : *site.inbox) items.push_back(inbox_entry(ctx, entry));
        d.set("items", Value(items));
        d.set("has_items", Value(!site.inbox->empty()));
        page(out, dg, ctx, "inbox", "/inbox/", std::move(d));
    });
}

}  // namespace brief::pages
