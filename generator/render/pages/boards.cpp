// The site-wide boards gathered from every briefing and data file: signals, tools, FAQ.
#include "render/pages/pages.h"

#include "util/text.h"

namespace brief::pages {

namespace {

// /signals/: every signal, grouped by the layer a builder watches.
void signals_board(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
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
            ValueObject d =
                ctx.page_base(L.get("signals"), L.get("signals_intro"), "/signals/", site_lang);
            auto signal_row = [&](const BoardSignal& s) {
                ValueObject o;
                o.set("signal", ctx.inline_html(s.signal.signal));
                o.set("why", ctx.inline_html(s.signal.why));
                o.set("where", ctx.inline_html(s.signal.where));
                if (s.briefing) {
                    o.set("from_url", site.briefings[*s.briefing].url);
                    o.set("from_title", site.briefings[*s.briefing].doc->title);
                }
                return Value(std::move(o));
            };
            ValueList layers;
            for (const auto& lname : layer_names()) {
                Layer layer = parse_layer(lname);
                ValueList rows;
                for (const auto& s : site.signals) {
                    if (s.layer != layer) continue;
                    rows.push_back(signal_row(s));
                }
                if (rows.empty()) continue;
                ValueObject g;
                g.set("id", lname);
                g.set("label", ctx.layer_label(layer, site_lang));
                g.set("rows", Value(rows));
                g.set("count", std::to_string(rows.size()));
                layers.push_back(Value(std::move(g)));
            }
            // Signals whose briefing names no layer still belong on the board.
            ValueList other;
            for (const auto& s : site.signals) {
                if (s.layer != Layer::none) continue;
                other.push_back(signal_row(s));
            }
            if (!other.empty()) {
                ValueObject g;
                g.set("id", "other");
                g.set("label", L.get("layer_other"));
                g.set("rows", Value(other));
                g.set("count", std::to_string(other.size()));
                layers.push_back(Value(std::move(g)));
            }
            d.set("layers", Value(layers));
            d.set("count", std::to_string(site.signals.size()));
            return d;
        });
    });
}

// /tools/: every tool, grouped by purpose.
void tools_board(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
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
            ValueObject d =
                ctx.page_base(L.get("tools"), L.get("tools_intro"), "/tools/", site_lang);
            ValueList groups;
            std::string current;
            ValueList rows;
            auto flush = [&] {
                if (rows.empty()) return;
                ValueObject g;
                g.set("purpose", current.empty() ? L.get("tools_other") : current);
                g.set("id", slugify(current.empty() ? "other" : current));
                g.set("rows", Value(rows));
                groups.push_back(Value(std::move(g)));
                rows = ValueList{};
            };
            for (const auto& t : site.tools) {
                if (t.tool.purpose != current) {
                    flush();
                    current = t.tool.purpose;
                }
                ValueObject o;
                o.set("name", t.tool.name);
                o.set("url", t.tool.url);
                o.set("note", ctx.inline_html(t.tool.note));
                if (t.briefing) {
                    o.set("from_url", site.briefings[*t.briefing].url);
                    o.set("from_title", site.briefings[*t.briefing].doc->title);
                } else if (t.guide) {
                    o.set("from_url", site.guides[*t.guide].url);
                    o.set("from_title", site.guides[*t.guide].doc->title);
                }
                rows.push_back(Value(std::move(o)));
            }
            flush();
            d.set("groups", Value(groups));
            return d;
        });
    });
}

// /faq/: every FAQ entry, grouped by topic, with FAQPage JSON-LD.
void faq_board(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics& dg) {
        const Site& site = ctx.site;
        const std::string& site_lang = site.config->language;
        const Labels& L = ctx.theme.labels_for(site_lang);
        // The board is made from every FAQ entry and where it came from.
        Hasher inputs;
        inputs.add(ctx.site_key());
        for (const auto& f : site.faq)
            inputs.add(f.entry.q).add(f.entry.a).add(f.topic).add(f.page_url).add(f.page_title);
        ctx.emit_keyed(out, dg, "faq", "faq/index.html", inputs.finish(), [&] {
            ValueObject d = ctx.page_base(L.get("faq"), L.get("faq_intro"), "/faq/", site_lang);
            ValueList groups;
            std::vector<FaqEntry> all;
            for (std::size_t i = 0; i < site.faq.size();) {
                std::size_t j = i;
                ValueList entries;
                while (j < site.faq.size() && site.faq[j].topic == site.faq[i].topic) {
                    ValueObject o;
                    o.set("q", site.faq[j].entry.q);
                    o.set("a", ctx.inline_html(site.faq[j].entry.a));
                    o.set("from_url", site.faq[j].page_url);
                    o.set("from_title", site.faq[j].page_title);
                    entries.push_back(Value(std::move(o)));
                    all.push_back(site.faq[j].entry);
                    ++j;
                }
                ValueObject g;
                g.set("topic",
                      site.faq[i].topic.empty() ? L.get("faq_general") : site.faq[i].topic);
                g.set("id", slugify(site.faq[i].topic.empty() ? "general" : site.faq[i].topic));
                g.set("entries", Value(entries));
                groups.push_back(Value(std::move(g)));
                i = j;
            }
            d.set("groups", Value(groups));
            set_json_ld(d, {faq_page(all, ctx)});
            return d;
        });
    });
}

}  // namespace

/// The /signals/, /tools/ and /faq/ boards, each keyed by what it lists.
void add_boards(RenderContext& ctx, PageJobs& jobs) {
    signals_board(ctx, jobs);
    tools_board(ctx, jobs);
    faq_board(ctx, jobs);
}

}  // namespace brief::pages
