#include "render/context.h"

#include <set>

#include "util/parallel.h"
#include "util/text.h"

namespace brief {
namespace {

// Puts each Markdown table in a box that scrolls sideways by itself (so a wide table never
// widens the page), focusable so keyboard users can scroll it, and named after its column
// headers so screen readers can tell the boxes apart.
std::string wrap_tables(const std::string& html) {
    std::string out;
    std::set<std::string> names;
    std::size_t pos = 0;
    for (std::size_t open; (open = html.find("<table>", pos)) != std::string::npos;) {
        std::size_t close = html.find("</table>", open);
        if (close == std::string::npos) break;
        close += 8;
        std::string name;
        std::size_t head_end = std::min(html.find("</thead>", open), close);
        for (std::size_t th = html.find("<th", open); th < head_end;
             th = html.find("<th", th + 3)) {
            if (html[th + 3] != '>' && html[th + 3] != ' ') continue;  // <thead>
            std::size_t end = html.find("</th>", th);
            if (end > head_end) break;
            bool in_tag = false;
            if (!name.empty()) name += ", ";
            for (std::size_t i = html.find('>', th) + 1; i < end; ++i) {
                if (html[i] == '<')
                    in_tag = true;
                else if (html[i] == '>')
                    in_tag = false;
                else if (!in_tag)
                    name += html[i] == '\n' ? ' ' : html[i];
            }
        }
        if (name.empty()) name = "table";
        for (const std::string base = name; !names.insert(name).second;)
            name = base + " (" + std::to_string(names.size() + 1) + ")";
        out.append(html, pos, open - pos);
        out += "<section class=\"table-wrap\" tabindex=\"0\" aria-label=\"" + name + "\">\n";
        out.append(html, open, close - open);
        out += "\n</section>";
        pos = close;
    }
    out.append(html, pos, std::string::npos);
    return out;
}

}  // namespace

RenderContext::RenderContext(const Site& s, const Theme& t, unsigned jobs, MarkdownCache* cache)
    : site(s), theme(t), cache_(cache ? cache : &own_cache_) {
    markdown.allow_html = s.config->allow_html;
    // The ids of the sections the layouts add around a body.
    markdown.reserved_ids = {"main",           "key-points",    "what-to-watch", "outlook",
                             "open-questions", "signals",       "tools",         "faq",
                             "score",          "sources",       "related",       "note",
                             "week-briefings", "week-signals",  "discovered",    "q",
                             "search-status",  "search-results"};
    Hasher salt;
    salt.add_u64(markdown.allow_html);
    for (const auto& id : markdown.reserved_ids) salt.add(id);
    block_salt_ = Hasher(salt).add("block").finish();
    inline_salt_ = Hasher(salt).add("inline").finish();
    auto render_all = [&](const std::vector<Entry>& entries, std::vector<std::string>& out) {
        out.resize(entries.size());
        parallel_for(entries.size(), jobs,
                     [&](std::size_t i) { out[i] = markdown_html(entries[i].doc->body); });
    };
    briefing_html.init(site.briefings.size(), [this](std::size_t i) {
        return markdown_html(site.briefings[i].doc->body);
    });
    // Bodies are rendered when a page needs them; one that no page renders this time is still
    // the site's, and the cache's compaction must keep it.
    if (cache)
        parallel_for(site.briefings.size(), jobs, [&](std::size_t i) {
            cache_->touch(Hasher().add(block_salt_).add(site.briefings[i].doc->body).finish(),
                          MarkdownCache::Kind::block);
        });
    render_all(site.guides, guide_html);
    render_all(site.pages, page_html);
    for (std::size_t i = 0; i < site.weeks.size(); ++i)
        if (site.weeks[i].note) week_note_html[i] = markdown_html(site.weeks[i].note->body);
    cache_->settle_blocks();
    for (const auto& [lang, labels] : theme.labels) {
        ValueObject obj;
        for (const auto& [k, v] : labels.text) obj.set(k, v);
        label_data.emplace(lang, Value(std::move(obj)));
    }
    share_data(jobs);
}

std::string RenderContext::absolute(const std::string& url) const {
    const std::string& base = site.config->base_url;
    if (url.starts_with("http://") || url.starts_with("https://")) return url;
    return base + url_encode_path(url.starts_with("/") ? url.substr(1) : url);
}

std::string RenderContext::display_date(const Timestamp& t, const std::string& lang) const {
    CivilDate d = site.config->timezone.localize(t.utc_seconds).local().date;
    return format_local_date(theme.labels_for(lang), d.year, d.month, d.day);
}

std::string RenderContext::iso_date(const Timestamp& t) const {
    return format_date(site.config->timezone.localize(t.utc_seconds).local().date);
}

std::string RenderContext::inline_html(const std::string& md) const {
    // Plain text is cheaper to escape than to look up.
    if (is_plain_inline(md)) return render_inline_markdown(md, markdown);
    Hash128 key = Hasher().add(inline_salt_).add(md).finish();
    if (auto hit = cache_->find(key, MarkdownCache::Kind::line)) return std::move(*hit);
    std::string html = render_inline_markdown(md, markdown);
    cache_->store(key, html, MarkdownCache::Kind::line);
    return html;
}

std::string RenderContext::layer_label(Layer layer, const std::string& lang) const {
    if (layer == Layer::none) return {};
    std::string key = std::string("layer_") + to_string(layer);
    for (auto& c : key)
        if (c == '-') c = '_';
    return theme.labels_for(lang).get(key);
}

std::string RenderContext::week_range(const IsoWeek& w, const std::string& lang) const {
    const Labels& l = theme.labels_for(lang);
    CivilDate mon = w.monday();
    CivilDate sun = civil_from_days(days_from_civil(mon) + 6);
    return format_local_date(l, mon.year, mon.month, mon.day) + " – " +
           format_local_date(l, sun.year, sun.month, sun.day);
}

std::string RenderContext::source_name(const std::string& id) const {
    auto it = site.source_names.find(id);
    return it == site.source_names.end() ? id : it->second;
}

ValueObject RenderContext::page_base(const std::string& title, const std::string& description,
                                     const std::string& url, const std::string& lang) const {
    const SiteConfig& cfg = *site.config;
    ValueObject d;
    d.set("site", site_data_);
    ValueList nav;
    for (const auto& n : cfg.nav) {
        ValueObject item;
        item.set("title", n.title);
        item.set("url", n.url);
        bool current = n.url == url || (n.url != "/" && url.starts_with(n.url));
        item.set("current", Value(current));
        nav.push_back(Value(std::move(item)));
    }
    d.set("nav", Value(std::move(nav)));
    if (const Value* t = labels_value(lang)) d.set("t", *t);
    // The header and footer are the site's, in the site's language, whatever the page's: on a
    // page in another language they carry their own lang and labels.
    if (const Value* t = labels_value(cfg.language)) d.set("site_t", *t);
    if (lang != cfg.language) d.set("chrome_lang", cfg.language);
    d.set("page_title", title);
    d.set("is_home", Value(url == "/"));
    d.set("description", description.empty() ? cfg.description : description);
    d.set("url", url);
    d.set("canonical", absolute(url));
    d.set("lang", lang);
    return d;
}

Value RenderContext::make_briefing_item(std::size_t index) const {
    const Entry& e = site.briefings[index];
    const Document& doc = *e.doc;
    ValueObject d;
    d.set("title", doc.title);
    d.set("url", e.url);
    d.set("summary", doc.summary);
    d.set("summary_generated", Value(doc.summary_generated));
    d.set("kind", to_string(doc.kind));
    d.set("kind_label", theme.labels_for(e.lang).get(std::string("kind_") + to_string(doc.kind)));
    d.set("lang", e.lang);
    d.set("other_lang", Value(e.lang != site.config->language));
    if (doc.date) {
        d.set("date", display_date(*doc.date, e.lang));
        d.set("date_iso", format_rfc3339(site.config->timezone.localize(doc.date->utc_seconds)));
    }
    ValueList topics;
    for (const auto& t : site.topics)
        for (const auto& name : doc.topics)
            if (t.name == name) {
                ValueObject o;
                o.set("name", t.name);
                o.set("url", t.url);
                topics.push_back(Value(std::move(o)));
            }
    d.set("has_topics", Value(!topics.empty()));
    d.set("topics", Value(std::move(topics)));
    return d;
}

namespace {

// Topics, entities and layer, each with its page.
void set_terms(const RenderContext& ctx, const Entry& e, ValueObject& d) {
    const Document& doc = *e.doc;
    auto term_list = [&](const std::vector<Term>& terms, const std::vector<std::string>& names) {
        ValueList out;
        for (const auto& name : names)
            for (const auto& t : terms)
                if (t.name == name) {
                    ValueObject o;
                    o.set("name", t.name);
                    o.set("url", t.url);
                    out.push_back(Value(std::move(o)));
                    break;
                }
        return Value(std::move(out));
    };
    d.set("topics", term_list(ctx.site.topics, doc.topics));
    d.set("entities", term_list(ctx.site.entities, doc.entities));
    d.set("has_topics", Value(!doc.topics.empty()));
    d.set("has_entities", Value(!doc.entities.empty()));
    if (doc.layer != Layer::none) {
        ValueObject l;
        l.set("name", to_string(doc.layer));
        l.set("label", ctx.layer_label(doc.layer, e.lang));
        d.set("layer", Value(std::move(l)));
    }
}

// Key points, what to watch, open questions, the outlook and the score.
void set_editorial(const RenderContext& ctx, const Entry& e, ValueObject& d) {
    const Document& doc = *e.doc;
    const Labels& labels = ctx.theme.labels_for(e.lang);
    auto md_list = [&](const std::vector<std::string>& lines) {
        ValueList out;
        for (const auto& l : lines) {
            ValueObject o;
            o.set("html", ctx.inline_html(l));
            out.push_back(Value(std::move(o)));
        }
        return Value(std::move(out));
    };
    d.set("key_points", md_list(doc.key_points));
    d.set("watch", md_list(doc.watch));
    d.set("open_questions", md_list(doc.open_questions));
    d.set("has_key_points", Value(!doc.key_points.empty()));
    d.set("has_watch", Value(!doc.watch.empty()));
    d.set("has_open_questions", Value(!doc.open_questions.empty()));
    ValueList outlook;
    for (const auto& o : doc.outlook) {
        ValueObject item;
        item.set("claim", ctx.inline_html(o.claim));
        std::string lk = std::string("likelihood_") + to_string(o.likelihood);
        for (auto& c : lk)
            if (c == '-') c = '_';
        item.set("likelihood", to_string(o.likelihood));
        item.set("likelihood_label", labels.get(lk));
        item.set("horizon_label", labels.get(std::string("horizon_") + to_string(o.horizon)));
        outlook.push_back(Value(std::move(item)));
    }
    d.set("outlook", Value(std::move(outlook)));
    d.set("has_outlook", Value(!doc.outlook.empty()));
    if (doc.score) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%g", *doc.score);
        d.set("score", std::string(buf));
        d.set("score_rationale", doc.score_rationale);
    }
}

// The signal table, the tool list and the FAQ.
void set_tables(const RenderContext& ctx, const Entry& e, ValueObject& d) {
    const Document& doc = *e.doc;
    ValueList signals;
    for (const auto& s : doc.signals) {
        ValueObject o;
        o.set("signal", ctx.inline_html(s.signal));
        o.set("why", ctx.inline_html(s.why));
        o.set("where", ctx.inline_html(s.where));
        signals.push_back(Value(std::move(o)));
    }
    d.set("signals", Value(std::move(signals)));
    d.set("has_signals", Value(!doc.signals.empty()));
    ValueList tools;
    for (const auto& t : doc.tools) {
        ValueObject o;
        o.set("purpose", t.purpose);
        o.set("name", t.name);
        o.set("url", t.url);
        o.set("note", ctx.inline_html(t.note));
        tools.push_back(Value(std::move(o)));
    }
    d.set("tools", Value(std::move(tools)));
    d.set("has_tools", Value(!doc.tools.empty()));
    ValueList faq;
    for (const auto& f : doc.faq) {
        ValueObject o;
        o.set("q", f.q);
        o.set("a", ctx.inline_html(f.a));
        faq.push_back(Value(std::move(o)));
    }
    d.set("faq", Value(std::move(faq)));
    d.set("has_faq", Value(!doc.faq.empty()));
}

// Sources (primary first), the item the briefing began from, and its translations.
void set_provenance(const RenderContext& ctx, const Entry& e, ValueObject& d) {
    const Document& doc = *e.doc;
    // Primary sources first, each group in the order the editor wrote them.
    ValueList sources;
    for (bool primary : {true, false})
        for (const auto& s : doc.sources) {
            if (s.primary != primary) continue;
            ValueObject o;
            o.set("title", s.title);
            o.set("publisher", s.publisher);
            o.set("url", s.url);
            o.set("primary", Value(s.primary));
            sources.push_back(Value(std::move(o)));
        }
    d.set("sources", Value(std::move(sources)));
    d.set("has_sources", Value(!doc.sources.empty()));
    if (!doc.discovered_from.empty()) {
        std::string url = doc.discovered_from, title = doc.discovered_from, feed;
        if (const ArchiveItem* item = ctx.discovered_item(doc)) {
            url = item->url;
            title = item->title;
            feed = ctx.source_name(item->source_id);
        }
        if (!url.starts_with("http://") && !url.starts_with("https://")) url.clear();
        d.set("discovered", ValueObject{{"feed", Value(std::move(feed))},
                                        {"title", Value(std::move(title))},
                                        {"url", Value(std::move(url))}});
    }
    ValueList translations;
    for (const auto& t : e.translations) {
        ValueObject o;
        o.set("lang", t.lang);
        o.set("url", t.url);
        o.set("title", t.title);
        o.set("absolute", ctx.absolute(t.url));
        translations.push_back(Value(std::move(o)));
    }
    d.set("translations", Value(std::move(translations)));
    d.set("has_translations", Value(!e.translations.empty()));
}

}  // namespace

Value RenderContext::make_briefing_full(const Entry& e, const std::string& body_html) const {
    const Document& doc = *e.doc;
    const Labels& labels = theme.labels_for(e.lang);
    ValueObject d;
    d.set("title", doc.title);
    d.set("lang", e.lang);
    d.set("url", e.url);
    d.set("summary", doc.summary);
    d.set("summary_generated", Value(doc.summary_generated));
    d.set("kind", to_string(doc.kind));
    d.set("kind_label", labels.get(std::string("kind_") + to_string(doc.kind)));
    d.set("body", wrap_tables(body_html));
    if (doc.date) {
        d.set("date", display_date(*doc.date, e.lang));
        d.set("date_iso", format_rfc3339(site.config->timezone.localize(doc.date->utc_seconds)));
    }
    if (doc.updated) {
        d.set("updated", display_date(*doc.updated, e.lang));
        d.set("updated_iso",
              format_rfc3339(site.config->timezone.localize(doc.updated->utc_seconds)));
    }
    if (e.week) {
        ValueObject w;
        w.set("label", e.week->str());
        w.set("url", "/weeks/" + e.week->str() + "/");
        d.set("week", Value(std::move(w)));
    }
    set_terms(*this, e, d);
    set_editorial(*this, e, d);
    set_tables(*this, e, d);
    set_provenance(*this, e, d);
    return d;
}

std::string json_ld(const nlohmann::json& j) {
    std::string s = j.dump();
    if (s.find('<') == std::string::npos) return s;
    std::string out;
    out.reserve(s.size() + 64);
    for (std::size_t pos = 0;;) {
        std::size_t lt = s.find('<', pos);
        out.append(s, pos, lt == std::string::npos ? std::string::npos : lt - pos);
        if (lt == std::string::npos) break;
        out += "\\u003c";
        pos = lt + 1;
    }
    return out;
}

}  // namespace brief
