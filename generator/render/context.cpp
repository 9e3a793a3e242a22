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
            cache_->touch(Hasher().add(block_salt_).add(site.briefings[i].doc->body).finish());
        });
    render_all(site.guides, guide_html);
    render_all(site.pages, page_html);
    for (std::size_t i = 0; i < site.weeks.size(); ++i)
        if (site.weeks[i].note) week_note_html[i] = markdown_html(site.weeks[i].note->body);
    cache_->settle_blocks();
    for (const auto& [lang, labels] : theme.labels) {
        DataObject obj;
        for (const auto& [k, v] : labels.text) obj[k] = v;
        label_data.emplace(lang, Data(obj));
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
    if (auto hit = cache_->find(key)) return std::move(*hit);
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

Data RenderContext::page_base(const std::string& title, const std::string& description,
                              const std::string& url, const std::string& lang) const {
    const SiteConfig& cfg = *site.config;
    Data d;
    d.set("site", SharedData::ref(site_id_));
    DataList nav;
    for (const auto& n : cfg.nav) {
        DataObject item;
        item["title"] = n.title;
        item["url"] = n.url;
        bool current = n.url == url || (n.url != "/" && url.starts_with(n.url));
        item["current"] = Data(current);
        nav.push_back(Data(item));
    }
    d.set("nav", Data(nav));
    if (auto id = label_id(lang); id != SIZE_MAX) d.set("t", SharedData::ref(id));
    // The header and footer are the site's, in the site's language, whatever the page's: on a
    // page in another language they carry their own lang and labels.
    if (auto id = label_id(cfg.language); id != SIZE_MAX) d.set("site_t", SharedData::ref(id));
    if (lang != cfg.language) d.set("chrome_lang", cfg.language);
    d.set("page_title", title);
    d.set("is_home", Data(url == "/"));
    d.set("description", description.empty() ? cfg.description : description);
    d.set("url", url);
    d.set("canonical", absolute(url));
    d.set("lang", lang);
    return d;
}

Data RenderContext::make_briefing_item(std::size_t index) const {
    const Entry& e = site.briefings[index];
    const Document& doc = *e.doc;
    Data d;
    put(d, "title", doc.title);
    put(d, "url", e.url);
    put(d, "summary", doc.summary);
    put(d, "summary_generated", Data(doc.summary_generated));
    put(d, "kind", to_string(doc.kind));
    put(d, "kind_label", theme.labels_for(e.lang).get(std::string("kind_") + to_string(doc.kind)));
    put(d, "lang", e.lang);
    put(d, "other_lang", Data(e.lang != site.config->language));
    if (doc.date) {
        put(d, "date", display_date(*doc.date, e.lang));
        put(d, "date_iso", format_rfc3339(site.config->timezone.localize(doc.date->utc_seconds)));
    }
    DataList topics;
    for (const auto& t : site.topics)
        for (const auto& name : doc.topics)
            if (t.name == name) {
                DataObject o;
                o["name"] = t.name;
                o["url"] = t.url;
                topics.push_back(make_data(std::move(o)));
            }
    put(d, "has_topics", Data(!topics.empty()));
    put(d, "topics", make_data(std::move(topics)));
    return d;
}

Data RenderContext::make_briefing_full(const Entry& e, const std::string& body_html) const {
    const Document& doc = *e.doc;
    const Labels& labels = theme.labels_for(e.lang);
    Data d;
    put(d, "title", doc.title);
    put(d, "lang", e.lang);
    put(d, "url", e.url);
    put(d, "summary", doc.summary);
    put(d, "summary_generated", Data(doc.summary_generated));
    put(d, "kind", to_string(doc.kind));
    put(d, "kind_label", labels.get(std::string("kind_") + to_string(doc.kind)));
    put(d, "body", wrap_tables(body_html));
    if (doc.date) {
        put(d, "date", display_date(*doc.date, e.lang));
        put(d, "date_iso", format_rfc3339(site.config->timezone.localize(doc.date->utc_seconds)));
    }
    if (doc.updated) {
        put(d, "updated", display_date(*doc.updated, e.lang));
        put(d, "updated_iso",
            format_rfc3339(site.config->timezone.localize(doc.updated->utc_seconds)));
    }
    if (e.week) {
        DataObject w;
        w["label"] = e.week->str();
        w["url"] = "/weeks/" + e.week->str() + "/";
        put(d, "week", make_data(std::move(w)));
    }
    auto term_list = [&](const std::vector<Term>& terms, const std::vector<std::string>& names) {
        DataList out;
        for (const auto& name : names)
            for (const auto& t : terms)
                if (t.name == name) {
                    DataObject o;
                    o["name"] = t.name;
                    o["url"] = t.url;
                    out.push_back(make_data(std::move(o)));
                    break;
                }
        return make_data(std::move(out));
    };
    put(d, "topics", term_list(site.topics, doc.topics));
    put(d, "entities", term_list(site.entities, doc.entities));
    put(d, "has_topics", Data(!doc.topics.empty()));
    put(d, "has_entities", Data(!doc.entities.empty()));
    if (doc.layer != Layer::none) {
        DataObject l;
        l["name"] = to_string(doc.layer);
        l["label"] = layer_label(doc.layer, e.lang);
        put(d, "layer", make_data(std::move(l)));
    }
    auto md_list = [&](const std::vector<std::string>& lines) {
        DataList out;
        for (const auto& l : lines) {
            DataObject o;
            o["html"] = inline_html(l);
            out.push_back(make_data(std::move(o)));
        }
        return make_data(std::move(out));
    };
    put(d, "key_points", md_list(doc.key_points));
    put(d, "watch", md_list(doc.watch));
    put(d, "open_questions", md_list(doc.open_questions));
    put(d, "has_key_points", Data(!doc.key_points.empty()));
    put(d, "has_watch", Data(!doc.watch.empty()));
    put(d, "has_open_questions", Data(!doc.open_questions.empty()));
    DataList outlook;
    for (const auto& o : doc.outlook) {
        DataObject item;
        item["claim"] = inline_html(o.claim);
        std::string lk = std::string("likelihood_") + to_string(o.likelihood);
        for (auto& c : lk)
            if (c == '-') c = '_';
        item["likelihood"] = to_string(o.likelihood);
        item["likelihood_label"] = labels.get(lk);
        item["horizon_label"] = labels.get(std::string("horizon_") + to_string(o.horizon));
        outlook.push_back(make_data(std::move(item)));
    }
    put(d, "outlook", make_data(std::move(outlook)));
    put(d, "has_outlook", Data(!doc.outlook.empty()));
    if (doc.score) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%g", *doc.score);
        put(d, "score", std::string(buf));
        put(d, "score_rationale", doc.score_rationale);
    }
    DataList signals;
    for (const auto& s : doc.signals) {
        DataObject o;
        o["signal"] = inline_html(s.signal);
        o["why"] = inline_html(s.why);
        o["where"] = inline_html(s.where);
        signals.push_back(make_data(std::move(o)));
    }
    put(d, "signals", make_data(std::move(signals)));
    put(d, "has_signals", Data(!doc.signals.empty()));
    DataList tools;
    for (const auto& t : doc.tools) {
        DataObject o;
        o["purpose"] = t.purpose;
        o["name"] = t.name;
        o["url"] = t.url;
        o["note"] = inline_html(t.note);
        tools.push_back(make_data(std::move(o)));
    }
    put(d, "tools", make_data(std::move(tools)));
    put(d, "has_tools", Data(!doc.tools.empty()));
    DataList faq;
    for (const auto& f : doc.faq) {
        DataObject o;
        o["q"] = f.q;
        o["a"] = inline_html(f.a);
        faq.push_back(make_data(std::move(o)));
    }
    put(d, "faq", make_data(std::move(faq)));
    put(d, "has_faq", Data(!doc.faq.empty()));
    // Primary sources first, each group in the order the editor wrote them.
    DataList sources;
    for (bool primary : {true, false})
        for (const auto& s : doc.sources) {
            if (s.primary != primary) continue;
            DataObject o;
            o["title"] = s.title;
            o["publisher"] = s.publisher;
            o["url"] = s.url;
            o["primary"] = Data(s.primary);
            sources.push_back(make_data(std::move(o)));
        }
    put(d, "sources", make_data(std::move(sources)));
    put(d, "has_sources", Data(!doc.sources.empty()));
    if (!doc.discovered_from.empty()) {
        DataObject from;
        from["url"] = doc.discovered_from;
        from["title"] = doc.discovered_from;
        from["feed"] = std::string{};
        if (const ArchiveItem* item = discovered_item(doc)) {
            from["url"] = item->url;
            from["title"] = item->title;
            from["feed"] = source_name(item->source_id);
        }
        if (!(from["url"].is_string() && (from["url"].string_value().starts_with("http://") ||
                                          from["url"].string_value().starts_with("https://"))))
            from["url"] = std::string{};
        put(d, "discovered", make_data(std::move(from)));
    }
    DataList translations;
    for (const auto& t : e.translations) {
        DataObject o;
        o["lang"] = t.lang;
        o["url"] = t.url;
        o["title"] = t.title;
        o["absolute"] = absolute(t.url);
        translations.push_back(make_data(std::move(o)));
    }
    put(d, "translations", make_data(std::move(translations)));
    put(d, "has_translations", Data(!e.translations.empty()));
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
