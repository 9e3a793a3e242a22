#include "render/render.h"

#include <algorithm>
#include <functional>
#include <set>

#include "render/context.h"
#include "render/syndication.h"
#include "util/keep_alive.h"
#include "util/parallel.h"
#include "util/text.h"

namespace brief {
namespace {

using Job = std::function<void(std::vector<Output>&, Diagnostics&)>;

std::string out_path(const std::string& url) {
    // "/briefings/x/" -> "briefings/x/index.html"
    std::string p = url.starts_with("/") ? url.substr(1) : url;
    if (p.empty() || p.back() == '/') p += "index.html";
    return p;
}

nlohmann::json breadcrumbs(const RenderContext& ctx,
                           const std::vector<std::pair<std::string, std::string>>& trail) {
    nlohmann::json list = nlohmann::json::array();
    int pos = 1;
    for (const auto& [name, url] : trail)
        list.push_back({{"@type", "ListItem"},
                        {"position", pos++},
                        {"name", name},
                        {"item", ctx.absolute(url)}});
    return {
        {"@context", "https://schema.org"}, {"@type", "BreadcrumbList"}, {"itemListElement", list}};
}

nlohmann::json faq_page(const std::vector<FaqEntry>& faq, const RenderContext& ctx) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& f : faq)
        items.push_back(
            {{"@type", "Question"},
             {"name", f.q},
             {"acceptedAnswer", {{"@type", "Answer"}, {"text", ctx.inline_html(f.a)}}}});
    return {{"@context", "https://schema.org"}, {"@type", "FAQPage"}, {"mainEntity", items}};
}

nlohmann::json item_list(const RenderContext& ctx,
                         const std::vector<std::pair<std::string, std::string>>& items) {
    nlohmann::json list = nlohmann::json::array();
    int pos = 1;
    for (const auto& [name, url] : items)
        list.push_back({{"@type", "ListItem"},
                        {"position", pos++},
                        {"name", name},
                        {"url", ctx.absolute(url)}});
    return {{"@context", "https://schema.org"}, {"@type", "ItemList"}, {"itemListElement", list}};
}

void set_json_ld(Data& d, const std::vector<nlohmann::json>& blocks) {
    DataList list;
    for (const auto& b : blocks) {
        DataObject o;
        o["json"] = json_ld(b);
        list.push_back(Data(o));
    }
    d.set("json_ld", Data(list));
}

nlohmann::json article_ld(const RenderContext& ctx, const Entry& e) {
    const Document& doc = *e.doc;
    const SiteConfig& cfg = *ctx.site.config;
    nlohmann::json j = {
        {"@context", "https://schema.org"},
        {"@type", doc.kind == Kind::news ? "NewsArticle" : "Article"},
        {"headline", doc.title},
        {"inLanguage", e.lang},
        {"mainEntityOfPage", ctx.absolute(e.url)},
        {"url", ctx.absolute(e.url)},
        {"author",
         {{"@type", "Organization"}, {"name", cfg.author.empty() ? cfg.title : cfg.author}}},
        {"publisher", {{"@type", "Organization"}, {"name", cfg.title}, {"url", cfg.base_url}}}};
    if (!doc.summary.empty()) j["description"] = doc.summary;
    if (doc.date) j["datePublished"] = format_rfc3339(cfg.timezone.localize(doc.date->utc_seconds));
    if (doc.updated)
        j["dateModified"] = format_rfc3339(cfg.timezone.localize(doc.updated->utc_seconds));
    else if (doc.date)
        j["dateModified"] = j["datePublished"];
    nlohmann::json citations = nlohmann::json::array();
    for (const auto& s : doc.sources) {
        if (!s.primary) continue;
        nlohmann::json c = {{"@type", "CreativeWork"}, {"name", s.title}, {"url", s.url}};
        if (!s.publisher.empty())
            c["publisher"] = {{"@type", "Organization"}, {"name", s.publisher}};
        citations.push_back(c);
    }
    if (!citations.empty()) j["citation"] = citations;
    if (!doc.topics.empty()) j["keywords"] = doc.topics;
    return j;
}

void page(std::vector<Output>& out, Diagnostics& diags, const RenderContext& ctx,
          const std::string& layout, const std::string& url, const Data& data) {
    ctx.emit_page(out, diags, layout, out_path(url), data);
}

DataList briefing_items(const RenderContext& ctx, const std::vector<std::size_t>& indices,
                        std::size_t limit = SIZE_MAX) {
    DataList list;
    for (std::size_t k = 0; k < indices.size() && k < limit; ++k)
        list.push_back(ctx.briefing_item(indices[k]));
    return list;
}

std::vector<std::size_t> all_indices(std::size_t n) {
    std::vector<std::size_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = i;
    return v;
}

Data week_summary(const RenderContext& ctx, std::size_t wi, const std::string& lang) {
    const WeekDigest& w = ctx.site.weeks[wi];
    const Labels& l = ctx.theme.labels_for(lang);
    Data d;
    d.set("label", w.week.str());
    d.set("url", w.url);
    d.set("range", ctx.week_range(w.week, lang));
    d.set("briefing_count", std::to_string(w.briefings.size()));
    d.set("item_count", std::to_string(w.items.size()));
    d.set("has_note", Data(w.note != nullptr));
    std::string tally = std::to_string(w.briefings.size()) + " " +
                        l.get(w.briefings.size() == 1 ? "briefing" : "briefings") + " · " +
                        std::to_string(w.items.size()) + " " +
                        l.get(w.items.size() == 1 ? "discovered_item" : "discovered_items");
    if (w.note) tally += " · " + l.get("weekly_note");
    d.set("tally", tally);
    if (w.note) d.set("note_title", w.note->title);
    return d;
}

Data week_full(const RenderContext& ctx, std::size_t wi, const std::string& lang) {
    const Site& site = ctx.site;
    const WeekDigest& w = site.weeks[wi];
    Data d = week_summary(ctx, wi, lang);
    if (w.note) {
        d.set("note_body", ctx.week_note_html.at(wi));
        DataList more, less;
        for (const auto& m : w.note->more_usable) {
            DataObject o;
            o["html"] = ctx.inline_html(m);
            more.push_back(Data(o));
        }
        for (const auto& m : w.note->less_reliable) {
            DataObject o;
            o["html"] = ctx.inline_html(m);
            less.push_back(Data(o));
        }
        d.set("more_usable", Data(more));
        d.set("less_reliable", Data(less));
        d.set("has_more_usable", Data(!more.empty()));
        d.set("has_less_reliable", Data(!less.empty()));
    }
    DataList briefings;
    for (std::size_t bi : w.briefings) briefings.push_back(ctx.briefing_full_at(bi));
    d.set("briefings", Data(briefings));
    d.set("has_briefings", Data(!w.briefings.empty()));
    // Discovered items grouped by source, sources by name.
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t ii : w.items)
        groups[ctx.source_name((*site.archive)[ii].source_id)].push_back(ii);
    DataList group_list;
    for (const auto& [name, items] : groups) {
        DataObject g;
        g["source"] = name;
        DataList list;
        for (std::size_t ii : items) {
            const ArchiveItem& item = (*site.archive)[ii];
            DataObject o;
            o["title"] = item.title.empty() ? item.url : item.title;
            o["url"] = item.url;
            o["publisher"] = name;
            o["summary"] = item.summary_text;
            Timestamp t = site.config->timezone.localize(item.sort_time());
            o["date"] = ctx.display_date(t, lang);
            o["date_iso"] = format_rfc3339(t);
            if (auto c = site.covered.find(ii); c != site.covered.end()) {
                o["covered_url"] = site.briefings[c->second].url;
                o["covered_title"] = site.briefings[c->second].doc->title;
                o["covered"] = Data(true);
            }
            DataList kw;
            for (const auto& m : item.matched) kw.push_back(Data(m));
            o["matched"] = Data(kw);
            list.push_back(Data(o));
        }
        g["items"] = Data(list);
        group_list.push_back(Data(g));
    }
    d.set("item_groups", Data(group_list));
    d.set("has_items", Data(!w.items.empty()));
    DataList signals;
    for (std::size_t bi : w.briefings)
        for (const auto& s : site.briefings[bi].doc->signals) {
            DataObject o;
            o["signal"] = ctx.inline_html(s.signal);
            o["why"] = ctx.inline_html(s.why);
            o["where"] = ctx.inline_html(s.where);
            o["from_url"] = site.briefings[bi].url;
            o["from_title"] = site.briefings[bi].doc->title;
            signals.push_back(Data(o));
        }
    d.set("signals", Data(signals));
    d.set("has_signals", Data(!signals.empty()));
    if (w.prev) {
        DataObject p;
        p["label"] = site.weeks[*w.prev].week.str();
        p["url"] = site.weeks[*w.prev].url;
        d.set("prev", Data(p));
    }
    if (w.next) {
        DataObject n;
        n["label"] = site.weeks[*w.next].week.str();
        n["url"] = site.weeks[*w.next].url;
        d.set("next", Data(n));
    }
    return d;
}

}  // namespace

std::vector<Output> render_site(const Site& site, const Theme& theme, const RenderOptions& options,
                                Diagnostics& diags) {
    // A process that ends after the build need not free a few hundred thousand small blocks.
    FreeUnlessExiting<RenderContext> owned_ctx(options.keep_memory, site, theme, options.jobs,
                                               options.markdown_cache);
    RenderContext& ctx = *owned_ctx;
    ctx.sink = options.sink;
    ctx.page_salt = options.page_salt;
    // Hashes of the shared data only serve page keys.
    ctx.shared.set_hashing(options.sink && !options.page_salt.empty());
    ctx.deep_copy_data = options.deep_copy_data;
    const std::string& site_lang = site.config->language;
    const Labels& L = theme.labels_for(site_lang);
    std::vector<Job> jobs;

    // Home.
    jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
        Data d = ctx.page_base(site.config->title, site.config->description, "/", site_lang);
        d.set("briefings", Data(briefing_items(ctx, all_indices(site.briefings.size()), 20)));
        d.set("has_more_briefings", Data(site.briefings.size() > 20));
        if (site.current_week) d.set("current_week", week_full(ctx, *site.current_week, site_lang));
        DataList guides;
        for (const auto& g : site.guides) {
            DataObject o;
            o["title"] = g.doc->title;
            o["url"] = g.url;
            o["summary"] = g.doc->summary;
            guides.push_back(Data(o));
        }
        d.set("guides", Data(guides));
        d.set("has_guides", Data(!site.guides.empty()));
        DataList top;
        for (std::size_t i = 0; i < site.signals.size() && top.size() < 6; ++i) {
            const auto& s = site.signals[i];
            if (!s.briefing) continue;
            DataObject o;
            o["signal"] = ctx.inline_html(s.signal.signal);
            o["why"] = ctx.inline_html(s.signal.why);
            o["from_url"] = site.briefings[*s.briefing].url;
            o["from_title"] = site.briefings[*s.briefing].doc->title;
            top.push_back(Data(o));
        }
        d.set("top_signals", Data(top));
        d.set("has_top_signals", Data(!top.empty()));
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
        page(out, dg, ctx, "home", "/", d);
        // The full list of briefings.
        // The full list of briefings is made from their list items.
        Hasher inputs;
        inputs.add(ctx.site_key());
        for (std::size_t i = 0; i < site.briefings.size(); ++i) inputs.add(ctx.item_key(i));
        ctx.emit_keyed(out, dg, "briefings", "briefings/index.html", inputs.finish(), [&] {
            Data all = ctx.page_base(L.get("all_briefings"), site.config->description,
                                     "/briefings/", site_lang);
            all.set("briefings", Data(briefing_items(ctx, all_indices(site.briefings.size()))));
            return all;
        });
    });

    // Briefings, guides and pages.
    std::vector<std::size_t> briefing_job(site.briefings.size());
    for (std::size_t i = 0; i < site.briefings.size(); ++i) {
        briefing_job[i] = jobs.size();
        jobs.push_back([&, i](std::vector<Output>& out, Diagnostics& dg) {
            const Entry& e = site.briefings[i];
            // The page is made from the briefing and its related briefings' list items.
            Hasher inputs;
            inputs.add(ctx.site_key()).add(ctx.briefing_key(i));
            for (std::size_t r : e.related) inputs.add(ctx.item_key(r));
            ctx.emit_keyed(out, dg, "briefing", out_path(e.url), inputs.finish(), [&] {
                Data d = ctx.page_base(e.doc->title, e.doc->summary, e.url, e.lang);
                d.set("doc", ctx.briefing_full_at(i));
                d.set("related", Data(briefing_items(ctx, e.related)));
                d.set("has_related", Data(!e.related.empty()));
                d.set("is_article", Data(true));
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
    for (std::size_t i = 0; i < site.guides.size(); ++i) {
        jobs.push_back([&, i](std::vector<Output>& out, Diagnostics& dg) {
            const Entry& e = site.guides[i];
            Data d = ctx.page_base(e.doc->title, e.doc->summary, e.url, e.lang);
            d.set("doc", ctx.briefing_full(e, ctx.guide_html[i]));
            d.set("is_article", Data(true));
            std::vector<nlohmann::json> ld = {
                article_ld(ctx, e),
                breadcrumbs(ctx, {{L.get("home"), "/"}, {e.doc->title, e.url}})};
            if (!e.doc->faq.empty()) ld.push_back(faq_page(e.doc->faq, ctx));
            set_json_ld(d, ld);
            page(out, dg, ctx, "guide", e.url, d);
        });
    }
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        jobs.push_back([&, i](std::vector<Output>& out, Diagnostics& dg) {
            const Entry& e = site.pages[i];
            Data d = ctx.page_base(e.doc->title, e.doc->summary, e.url, e.lang);
            d.set("doc", ctx.briefing_full(e, ctx.page_html[i]));
            set_json_ld(d, {breadcrumbs(ctx, {{L.get("home"), "/"}, {e.doc->title, e.url}})});
            page(out, dg, ctx, "page", e.url, d);
        });
    }

    // Weekly digests and their archive.
    std::vector<std::size_t> week_job(site.weeks.size());
    for (std::size_t wi = 0; wi < site.weeks.size(); ++wi) {
        week_job[wi] = jobs.size();
        jobs.push_back([&, wi](std::vector<Output>& out, Diagnostics& dg) {
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
                Data d = ctx.page_base(title, desc, w.url, site_lang);
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
    jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
        Data d = ctx.page_base(L.get("weeks"), L.get("weeks_intro"), "/weeks/", site_lang);
        DataList years;
        std::map<int, DataList, std::greater<>> by_year;
        for (std::size_t wi = site.weeks.size(); wi-- > 0;)
            by_year[site.weeks[wi].week.year].push_back(week_summary(ctx, wi, site_lang));
        for (auto& [year, list] : by_year) {
            DataObject y;
            y["year"] = std::to_string(year);
            y["weeks"] = Data(list);
            years.push_back(Data(y));
        }
        d.set("years", Data(years));
        page(out, dg, ctx, "weeks", "/weeks/", d);
    });

    // Taxonomies.
    for (bool topics : {true, false}) {
        const std::vector<Term>& terms = topics ? site.topics : site.entities;
        const std::string base = topics ? "/topics/" : "/entities/";
        const std::string name = L.get(topics ? "topics" : "entities");
        jobs.push_back([&, topics, base, name](std::vector<Output>& out, Diagnostics& dg) {
            Data d = ctx.page_base(name, L.get(topics ? "topics_intro" : "entities_intro"), base,
                                   site_lang);
            DataList list;
            std::vector<std::pair<std::string, std::string>> items;
            for (const auto& t : terms) {
                DataObject o;
                o["name"] = t.name;
                o["url"] = t.url;
                o["count"] = std::to_string(t.briefings.size());
                list.push_back(Data(o));
                items.push_back({t.name, t.url});
            }
            d.set("terms", Data(list));
            d.set("taxonomy", name);
            d.set("other_url", topics ? "/entities/" : "/topics/");
            d.set("other_name", L.get(topics ? "entities" : "topics"));
            set_json_ld(d, {item_list(ctx, items)});
            page(out, dg, ctx, "terms", base, d);
        });
        for (std::size_t ti = 0; ti < terms.size(); ++ti) {
            jobs.push_back([&, ti, topics, base, name](std::vector<Output>& out, Diagnostics& dg) {
                const Term& t = terms[ti];
                // A term page is made from its briefings' list items.
                Hasher inputs;
                inputs.add(ctx.site_key()).add(t.name).add(t.url).add(base);
                for (std::size_t bi : t.briefings) inputs.add(ctx.item_key(bi));
                ctx.emit_keyed(out, dg, "term", out_path(t.url), inputs.finish(), [&] {
                    Data d = ctx.page_base(t.name, name + ": " + t.name, t.url, site_lang);
                    d.set("term", t.name);
                    d.set("taxonomy", name);
                    d.set("taxonomy_url", base);
                    d.set("briefings", Data(briefing_items(ctx, t.briefings)));
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

    // Boards.
    jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
        // The board is made from every signal, its layer and the briefing it came from.
        Hasher inputs;
        inputs.add(ctx.site_key());
        for (const auto& s : site.signals) {
            inputs.add(s.signal.signal).add(s.signal.why).add(s.signal.where);
            inputs.add_u64(static_cast<std::uint64_t>(s.layer));
            if (s.briefing)
                inputs.add(site.briefings[*s.briefing].url)
                    .add(site.briefings[*s.briefing].doc->title);
            inputs.add_u64(s.briefing.has_value());
        }
        ctx.emit_keyed(out, dg, "signals", "signals/index.html", inputs.finish(), [&] {
            Data d =
                ctx.page_base(L.get("signals"), L.get("signals_intro"), "/signals/", site_lang);
            auto signal_row = [&](const BoardSignal& s) {
                DataObject o;
                o["signal"] = ctx.inline_html(s.signal.signal);
                o["why"] = ctx.inline_html(s.signal.why);
                o["where"] = ctx.inline_html(s.signal.where);
                if (s.briefing) {
                    o["from_url"] = site.briefings[*s.briefing].url;
                    o["from_title"] = site.briefings[*s.briefing].doc->title;
                }
                return Data(std::move(o));
            };
            DataList layers;
            for (const auto& lname : layer_names()) {
                Layer layer = parse_layer(lname);
                DataList rows;
                for (const auto& s : site.signals) {
                    if (s.layer != layer) continue;
                    rows.push_back(signal_row(s));
                }
                if (rows.empty()) continue;
                DataObject g;
                g["id"] = lname;
                g["label"] = ctx.layer_label(layer, site_lang);
                g["rows"] = Data(rows);
                g["count"] = std::to_string(rows.size());
                layers.push_back(Data(g));
            }
            // Signals whose briefing names no layer still belong on the board.
            DataList other;
            for (const auto& s : site.signals) {
                if (s.layer != Layer::none) continue;
                other.push_back(signal_row(s));
            }
            if (!other.empty()) {
                DataObject g;
                g["id"] = "other";
                g["label"] = L.get("layer_other");
                g["rows"] = Data(other);
                g["count"] = std::to_string(other.size());
                layers.push_back(Data(g));
            }
            d.set("layers", Data(layers));
            d.set("count", std::to_string(site.signals.size()));
            return d;
        });
    });
    jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
        // The board is made from every tool and the page it came from.
        Hasher inputs;
        inputs.add(ctx.site_key());
        for (const auto& t : site.tools) {
            inputs.add(t.tool.purpose).add(t.tool.name).add(t.tool.url).add(t.tool.note);
            const Entry* from = t.briefing ? &site.briefings[*t.briefing]
                                : t.guide  ? &site.guides[*t.guide]
                                           : nullptr;
            inputs.add(from ? from->url + "\n" + from->doc->title : "-");
        }
        ctx.emit_keyed(out, dg, "tools", "tools/index.html", inputs.finish(), [&] {
            Data d = ctx.page_base(L.get("tools"), L.get("tools_intro"), "/tools/", site_lang);
            DataList groups;
            std::string current;
            DataList rows;
            auto flush = [&] {
                if (rows.empty()) return;
                DataObject g;
                g["purpose"] = current.empty() ? L.get("tools_other") : current;
                g["id"] = slugify(current.empty() ? "other" : current);
                g["rows"] = Data(rows);
                groups.push_back(Data(g));
                rows = DataList{};
            };
            for (const auto& t : site.tools) {
                if (t.tool.purpose != current) {
                    flush();
                    current = t.tool.purpose;
                }
                DataObject o;
                o["name"] = t.tool.name;
                o["url"] = t.tool.url;
                o["note"] = ctx.inline_html(t.tool.note);
                if (t.briefing) {
                    o["from_url"] = site.briefings[*t.briefing].url;
                    o["from_title"] = site.briefings[*t.briefing].doc->title;
                } else if (t.guide) {
                    o["from_url"] = site.guides[*t.guide].url;
                    o["from_title"] = site.guides[*t.guide].doc->title;
                }
                rows.push_back(Data(o));
            }
            flush();
            d.set("groups", Data(groups));
            return d;
        });
    });
    jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
        // The board is made from every FAQ entry and where it came from.
        Hasher inputs;
        inputs.add(ctx.site_key());
        for (const auto& f : site.faq)
            inputs.add(f.entry.q).add(f.entry.a).add(f.topic).add(f.page_url).add(f.page_title);
        ctx.emit_keyed(out, dg, "faq", "faq/index.html", inputs.finish(), [&] {
            Data d = ctx.page_base(L.get("faq"), L.get("faq_intro"), "/faq/", site_lang);
            DataList groups;
            std::vector<FaqEntry> all;
            for (std::size_t i = 0; i < site.faq.size();) {
                std::size_t j = i;
                DataList entries;
                while (j < site.faq.size() && site.faq[j].topic == site.faq[i].topic) {
                    DataObject o;
                    o["q"] = site.faq[j].entry.q;
                    o["a"] = ctx.inline_html(site.faq[j].entry.a);
                    o["from_url"] = site.faq[j].page_url;
                    o["from_title"] = site.faq[j].page_title;
                    entries.push_back(Data(o));
                    all.push_back(site.faq[j].entry);
                    ++j;
                }
                DataObject g;
                g["topic"] = site.faq[i].topic.empty() ? L.get("faq_general") : site.faq[i].topic;
                g["id"] = slugify(site.faq[i].topic.empty() ? "general" : site.faq[i].topic);
                g["entries"] = Data(entries);
                groups.push_back(Data(g));
                i = j;
            }
            d.set("groups", Data(groups));
            set_json_ld(d, {faq_page(all, ctx)});
            return d;
        });
    });
    jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
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
        jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
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

    // Aliases: small redirect pages.
    for (const auto& a : site.aliases) {
        jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
            Data d = ctx.page_base(site.config->title, "", a.target_url, site_lang);
            d.set("target", a.target_url);
            d.set("target_absolute", ctx.absolute(a.target_url));
            page(out, dg, ctx, "alias", a.path, d);
        });
    }

    // 404, search page, and the machine-readable outputs.
    jobs.push_back([&](std::vector<Output>& out, Diagnostics& dg) {
        Data d = ctx.page_base(L.get("not_found"), "", "/404.html", site_lang);
        d.set("briefings", Data(briefing_items(ctx, all_indices(site.briefings.size()), 5)));
        ctx.emit_page(out, dg, "404", "404.html", d);
        Data s = ctx.page_base(L.get("search"), L.get("search_intro"), "/search/", site_lang);
        page(out, dg, ctx, "search", "/search/", s);
    });
    jobs.push_back([&](std::vector<Output>& out, Diagnostics&) { render_syndication(ctx, out); });

    // Static assets.
    jobs.push_back([&](std::vector<Output>& out, Diagnostics&) {
        for (const auto& [rel, file] : theme.files->under("static/", ""))
            out.push_back({rel, file->bytes});
    });

    std::vector<std::vector<Output>> outputs(jobs.size());
    std::vector<Diagnostics> local(jobs.size());
    // A week's briefing pages and its digest run as one group on one thread, so each
    // briefing's full data is built once for both and dropped when the group is done.
    std::vector<std::vector<std::size_t>> groups;
    std::vector<bool> grouped(jobs.size(), false);
    for (std::size_t wi = 0; wi < site.weeks.size(); ++wi) {
        std::vector<std::size_t> g;
        for (std::size_t bi : site.weeks[wi].briefings) g.push_back(briefing_job[bi]);
        g.push_back(week_job[wi]);
        for (std::size_t j : g) grouped[j] = true;
        groups.push_back(std::move(g));
    }
    for (std::size_t j = 0; j < jobs.size(); ++j)
        if (!grouped[j]) groups.push_back({j});
    // Bodies read after the week groups: the feeds' and the home page's.
    std::vector<char> pinned(site.briefings.size(), 0);
    const auto per_feed = static_cast<std::size_t>(std::max(0, site.config->items_per_feed));
    for (std::size_t i = 0; i < std::min(per_feed, pinned.size()); ++i) pinned[i] = 1;
    for (const auto& t : site.topics)
        for (std::size_t k = 0; k < std::min(per_feed, t.briefings.size()); ++k)
            pinned[t.briefings[k]] = 1;
    if (site.current_week)
        for (std::size_t bi : site.weeks[*site.current_week].briefings) pinned[bi] = 1;
    // Every page of a build without page keys is rendered, so every briefing's list item is
    // needed: building them all first keeps these long-lived blocks together instead of
    // scattered among the pages' short-lived ones, which would pin freed memory.
    if (!ctx.keyed())
        parallel_for(site.briefings.size(), options.jobs,
                     [&](std::size_t i) { ctx.briefing_item(i); });
    parallel_for(groups.size(), options.jobs, [&](std::size_t g) {
        for (std::size_t i : groups[g]) {
            jobs[i](outputs[i], local[i]);
            // With a sink, files leave as soon as their job is done; only the paths stay.
            if (options.sink)
                for (auto& o : outputs[i]) {
                    options.sink->put(o.path, o.bytes, {});
                    std::string().swap(o.bytes);
                }
        }
        ctx.shared.end_job();
        if (g < site.weeks.size())  // the first groups are the weeks, in order
            for (std::size_t bi : site.weeks[g].briefings)
                if (!pinned[bi]) ctx.briefing_html.release(bi);
    });
    std::vector<Output> all;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        diags.append(local[i]);
        for (auto& o : outputs[i]) all.push_back(std::move(o));
    }
    for (auto& path : ctx.sink_paths()) all.push_back({std::move(path), {}});
    std::stable_sort(all.begin(), all.end(),
                     [](const Output& a, const Output& b) { return a.path < b.path; });
    // Two outputs at one path (an alias over a page, say) would silently lose one.
    for (std::size_t i = 1; i < all.size(); ++i) {
        if (all[i].path == all[i - 1].path) {
            Diagnostic d;
            d.file = all[i].path;
            d.message = "two pages would be written to /" + all[i].path;
            d.hint = "an alias or slug collides with another page; change one of them";
            diags.add(std::move(d));
        }
    }
    return all;
}

}  // namespace brief
