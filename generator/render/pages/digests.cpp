// A digest for every ISO week, and the archive of weeks.
#include "render/pages/pages.h"

#include <map>
#include "render/pages/digests.h"

namespace brief::pages {

namespace {

// A week's discovered items grouped by source, sources by name; each says which briefing
// covers it.
Value item_groups(const RenderContext& ctx, const WeekDigest& w, const std::string& lang) {
    const Site& site = ctx.site;
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t ii : w.items)
        groups[ctx.source_name((*site.archive)[ii].source_id)].push_back(ii);
    ValueList group_list;
    for (const auto& [name, items] : groups) {
        ValueObject g;
        g.set("source", name);
        ValueList list;
        for (std::size_t ii : items) {
            const ArchiveItem& item = (*site.archive)[ii];
            ValueObject o;
            o.set("title", item.title.empty() ? item.url : item.title);
            o.set("url", item.url);
            o.set("publisher", name);
            o.set("summary", item.summary_text);
            Timestamp t = site.config->timezone.localize(item.sort_time());
            o.set("date", ctx.display_date(t, lang));
            o.set("date_iso", format_rfc3339(t));
            if (auto c = site.covered.find(ii); c != site.covered.end()) {
                o.set("covered_url", site.briefings[c->second].url);
                o.set("covered_title", site.briefings[c->second].doc->title);
                o.set("covered", Value(true));
            }
            ValueList kw;
            for (const auto& m : item.matched) kw.push_back(Value(m));
            o.set("matched", Value(kw));
            list.push_back(Value(std::move(o)));
        }
        g.set("items", Value(list));
        group_list.push_back(Value(std::move(g)));
    }
    return Value(group_list);
}

}  // namespace

ValueObject week_summary(const RenderContext& ctx, std::size_t wi, const std::string& lang) {
    const WeekDigest& w = ctx.site.weeks[wi];
    const Labels& l = ctx.theme.labels_for(lang);
    ValueObject d;
    d.set("label", w.week.str());
    d.set("url", w.url);
    d.set("range", ctx.week_range(w.week, lang));
    d.set("briefing_count", std::to_string(w.briefings.size()));
    d.set("item_count", std::to_string(w.items.size()));
    d.set("has_note", Value(w.note != nullptr));
    std::string tally = std::to_string(w.briefings.size()) + " " +
                        l.get(w.briefings.size() == 1 ? "briefing" : "briefings") + " · " +
                        std::to_string(w.items.size()) + " " +
                        l.get(w.items.size() == 1 ? "discovered_item" : "discovered_items");
    if (w.note) tally += " · " + l.get("weekly_note");
    d.set("tally", tally);
    if (w.note) d.set("note_title", w.note->title);
    return d;
}

ValueObject week_full(const RenderContext& ctx, std::size_t wi, const std::string& lang) {
    const Site& site = ctx.site;
    const WeekDigest& w = site.weeks[wi];
    ValueObject d = week_summary(ctx, wi, lang);
    if (w.note) {
        d.set("note_body", ctx.week_note_html.at(wi));
        ValueList more, less;
        for (const auto& m : w.note->more_usable) {
            ValueObject o;
            o.set("html", ctx.inline_html(m));
            more.push_back(Value(std::move(o)));
        }
        for (const auto& m : w.note->less_reliable) {
            ValueObject o;
            o.set("html", ctx.inline_html(m));
            less.push_back(Value(std::move(o)));
        }
        d.set("more_usable", Value(more));
        d.set("less_reliable", Value(less));
        d.set("has_more_usable", Value(!more.empty()));
        d.set("has_less_reliable", Value(!less.empty()));
    }
    ValueList briefings;
    for (std::size_t bi : w.briefings) briefings.push_back(ctx.briefing_full_at(bi));
    d.set("briefings", Value(briefings));
    d.set("has_briefings", Value(!w.briefings.empty()));
    d.set("item_groups", item_groups(ctx, w, lang));
    d.set("has_items", Value(!w.items.empty()));
    ValueList signals;
    for (std::size_t bi : w.briefings)
        for (const auto& s : site.briefings[bi].doc->signals) {
            ValueObject o;
            o.set("signal", ctx.inline_html(s.signal));
            o.set("why", ctx.inline_html(s.why));
            o.set("where", ctx.inline_html(s.where));
            o.set("from_url", site.briefings[bi].url);
            o.set("from_title", site.briefings[bi].doc->title);
            signals.push_back(Value(std::move(o)));
        }
    d.set("signals", Value(signals));
    d.set("has_signals", Value(!signals.empty()));
    if (w.prev) {
        ValueObject p;
        p.set("label", site.weeks[*w.prev].week.str());
        p.set("url", site.weeks[*w.prev].url);
        d.set("prev", Value(p));
    }
    if (w.next) {
        ValueObject n;
        n.set("label", site.weeks[*w.next].week.str());
        n.set("url", site.weeks[*w.next].url);
        d.set("next", Value(n));
    }
    return d;
}

/// One job per weekly digest (keyed by what it is made from) and one for /weeks/.
void add_digests(RenderContext& ctx, PageJobs& jobs) {
    const Site& site = ctx.site;
    // Weekly digests and their archive.
    jobs.week_job.resize(site.weeks.size());
    for (std::size_t wi = 0; wi < site.weeks.size(); ++wi) {
        jobs.week_job[wi] = jobs.add([&ctx, wi](std::vector<Output>& out, Diagnostics& dg) {
            const Site& site = ctx.site;
            const std::string& site_lang = site.config->language;
            const Labels& L = ctx.theme.labels_for(site_lang);
            const WeekDigest& w = site.weeks[wi];
            // The digest is made from its note, its briefings in full, its discovered items
            // (and the briefings that cover them) and its neighbours.
            Hasher inputs;
            inputs.add(ctx.site_key()).add(w.week.str()).add(w.url);
            if (w.note) inputs.add(w.note->source_hash);
            for (std::size_t bi : w.briefings) inputs.add(ctx.briefing_key(bi));
            inputs.add_u64(w.briefings.size());
            for (std::size_t ii : w.items) {
                const ArchiveItem& item = (*site.archive)[ii];
                inputs.add(item.source_id).add(item.title).add(item.url).add(item.summary_text);
                inputs.add_u64(static_cast<std::uint64_t>(item.sort_time()));
                for (const auto& m : item.matched) inputs.add(m);
                inputs.add_u64(item.matched.size());
                if (auto c = site.covered.find(ii); c != site.covered.end())
                    inputs.add(ctx.briefing_key(c->second));
                inputs.add_u64(0);
            }
            for (const auto& n : {w.prev, w.next})
                inputs.add(n ? site.weeks[*n].week.str() + site.weeks[*n].url : "-");
            ctx.emit_keyed(out, dg, "week", out_path(w.url), inputs.finish(), [&] {
                std::string title = L.get("week_of") + " " + w.week.str();
                std::string desc = w.note && !w.note->summary.empty()
                                       ? w.note->summary
                                       : ctx.week_range(w.week, site_lang);
                ValueObject d = ctx.page_base(title, desc, w.url, site_lang);
                d.set("week", week_full(ctx, wi, site_lang));
                std::vector<std::pair<std::string, std::string>> items;
                for (std::size_t bi : w.briefings)
                    items.push_back({site.briefings[bi].doc->title, site.briefings[bi].url});
                set_json_ld(d,
                            {item_list(ctx, items), breadcrumbs(ctx, {{L.get("home"), "/"},
                                                                      {L.get("weeks"), "/weeks/"},
                                                                      {w.week.str(), w.url}})});
                return d;
            });
        });
    }
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
        ValueObject d = ctx.page_base(L.get("weeks"), L.get("weeks_intro"), "/weeks/", site_lang);
        ValueList years;
        std::map<int, ValueList, std::greater<>> by_year;
        for (std::size_t wi = site.weeks.size(); wi-- > 0;)
            by_year[site.weeks[wi].week.year].push_back(week_summary(ctx, wi, site_lang));
        for (auto& [year, list] : by_year) {
            ValueObject y;
            y.set("year", std::to_string(year));
            y.set("weeks", Value(list));
            years.push_back(Value(std::move(y)));
        }
        d.set("years", Value(years));
        page(out, dg, ctx, "weeks", "/weeks/", std::move(d));
    });
}

}  // namespace brief::pages
