// The feeds: Atom for the site, each topic and the weekly digests, RSS 2.0 and JSON Feed 1.1.
// XML is built with pugixml and JSON with nlohmann, never by pasting strings.
#include "render/pages/pages.h"

#include <pugixml.hpp>

#include <algorithm>
#include <optional>
#include <utility>

#include "render/pages/syndication.h"
#include "util/text.h"

namespace brief::pages {

namespace {

// Appends what pugixml writes to one string: a stringstream and its str() held the feed
// three times over, which is what a 20 MB briefing's feeds cost.
struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override {
        out.append(static_cast<const char*>(data), size);
    }
};

}  // namespace

std::string xml_string(const pugi::xml_document& doc) {
    StringWriter w;
    doc.save(w, "  ", pugi::format_default, pugi::encoding_utf8);
    return std::move(w.out);
}

void add_xml_declaration(pugi::xml_document& doc, const char* encoding) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = encoding;
}

std::int64_t updated_of(const Document& d) {
    if (d.updated) return d.updated->utc_seconds;
    return d.date ? d.date->utc_seconds : 0;
}

std::optional<std::int64_t> newest_of(const Site& site, const std::vector<std::size_t>& indices) {
    std::optional<std::int64_t> newest;
    for (std::size_t i : indices) {
        const Document& d = *site.briefings[i].doc;
        if (!d.updated && !d.date) continue;
        newest = std::max(newest.value_or(0), updated_of(d));
    }
    return newest;
}

// Atom for a list of briefings (indices into Site::briefings).

namespace {

// Feed readers show content away from the site, where "/briefings/x/" means nothing: every
// root-relative href and src of the rendered HTML becomes absolute.
std::string absolute_links(const RenderContext& ctx, const std::string& html) {
    std::string out;
    out.reserve(html.size() + 256);
    std::size_t pos = 0;
    while (true) {
        std::size_t href = html.find("href=\"/", pos);
        std::size_t src = html.find("src=\"/", pos);
        std::size_t at = std::min(href, src);
        if (at == std::string::npos) break;
        std::size_t value = at + (at == href ? 6 : 5);
        out.append(html, pos, value - pos);
        if (html.compare(value, 2, "//") != 0) {
            const std::string& base = ctx.site.config->base_url;
            out.append(base, 0, base.ends_with('/') ? base.size() - 1 : base.size());
        }
        pos = value;
    }
    out.append(html, pos, std::string::npos);
    return out;
}

// The newest date among some briefings, for a list page's lastmod.
std::string atom_feed(const RenderContext& ctx, const std::string& title,
                      const std::string& self_url, const std::string& html_url,
                      const std::vector<std::size_t>& indices) {
    const Site& site = ctx.site;
    const SiteConfig& cfg = *site.config;
    std::size_t n =
        std::min<std::size_t>(indices.size(), static_cast<std::size_t>(cfg.items_per_feed));
    pugi::xml_document doc;
    add_xml_declaration(doc, "utf-8");
    auto feed = doc.append_child("feed");
    feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
    feed.append_attribute("xml:lang") = cfg.language.c_str();
    feed.append_child("title").text() = title.c_str();
    if (!cfg.description.empty()) feed.append_child("subtitle").text() = cfg.description.c_str();
    feed.append_child("id").text() = ctx.absolute(self_url).c_str();
    auto self = feed.append_child("link");
    self.append_attribute("rel") = "self";
    self.append_attribute("type") = "application/atom+xml";
    self.append_attribute("href") = ctx.absolute(self_url).c_str();
    auto alt = feed.append_child("link");
    alt.append_attribute("rel") = "alternate";
    alt.append_attribute("type") = "text/html";
    alt.append_attribute("href") = ctx.absolute(html_url).c_str();
    std::int64_t newest = 0;
    for (std::size_t k = 0; k < n; ++k)
        newest = std::max(newest, updated_of(*site.briefings[indices[k]].doc));
    if (newest == 0) newest = site.build_time;
    feed.append_child("updated").text() = format_rfc3339_utc(newest).c_str();
    auto author = feed.append_child("author");
    author.append_child("name").text() = (cfg.author.empty() ? cfg.title : cfg.author).c_str();
    for (std::size_t k = 0; k < n; ++k) {
        const Entry& e = site.briefings[indices[k]];
        const Document& d = *e.doc;
        auto entry = feed.append_child("entry");
        entry.append_child("title").text() = d.title.c_str();
        auto link = entry.append_child("link");
        link.append_attribute("rel") = "alternate";
        link.append_attribute("type") = "text/html";
        link.append_attribute("href") = ctx.absolute(e.url).c_str();
        entry.append_child("id").text() = ctx.absolute(e.url).c_str();
        if (d.date)
            entry.append_child("published").text() =
                format_rfc3339_utc(d.date->utc_seconds).c_str();
        entry.append_child("updated").text() = format_rfc3339_utc(updated_of(d)).c_str();
        if (!e.lang.empty()) entry.append_attribute("xml:lang") = e.lang.c_str();
        for (const auto& t : d.topics)
            entry.append_child("category").append_attribute("term") = t.c_str();
        if (!d.summary.empty()) entry.append_child("summary").text() = d.summary.c_str();
        auto content = entry.append_child("content");
        content.append_attribute("type") = "html";
        content.text() = absolute_links(ctx, *ctx.briefing_html.get(indices[k])).c_str();
    }
    return xml_string(doc);
}

/// RSS 2.0 of the newest `n` briefings.
std::string rss_feed(const RenderContext& ctx, std::size_t n) {
    const Site& site = ctx.site;
    const SiteConfig& cfg = *site.config;
    pugi::xml_document doc;
    add_xml_declaration(doc, "utf-8");
    auto rss = doc.append_child("rss");
    rss.append_attribute("version") = "2.0";
    rss.append_attribute("xmlns:atom") = "http://www.w3.org/2005/Atom";
    auto ch = rss.append_child("channel");
    ch.append_child("title").text() = cfg.title.c_str();
    ch.append_child("link").text() = cfg.base_url.c_str();
    ch.append_child("description").text() =
        (cfg.description.empty() ? cfg.title : cfg.description).c_str();
    ch.append_child("language").text() = cfg.language.c_str();
    auto self = ch.append_child("atom:link");
    self.append_attribute("href") = ctx.absolute("/rss.xml").c_str();
    self.append_attribute("rel") = "self";
    self.append_attribute("type") = "application/rss+xml";
    std::int64_t newest = site.build_time;
    if (!site.briefings.empty()) newest = updated_of(*site.briefings[0].doc);
    ch.append_child("lastBuildDate").text() = format_rfc822(Timestamp{newest, 0}).c_str();
    for (std::size_t k = 0; k < n; ++k) {
        const Entry& e = site.briefings[k];
        auto item = ch.append_child("item");
        item.append_child("title").text() = e.doc->title.c_str();
        item.append_child("link").text() = ctx.absolute(e.url).c_str();
        auto guid = item.append_child("guid");
        guid.append_attribute("isPermaLink") = "true";
        guid.text() = ctx.absolute(e.url).c_str();
        if (e.doc->date)
            item.append_child("pubDate").text() =
                format_rfc822(Timestamp{e.doc->date->utc_seconds, 0}).c_str();
        for (const auto& t : e.doc->topics) item.append_child("category").text() = t.c_str();
        item.append_child("description").text() =
            absolute_links(ctx, *ctx.briefing_html.get(k)).c_str();
    }
    return xml_string(doc);
}

/// JSON Feed 1.1 of the newest `n` briefings.
std::string json_feed(const RenderContext& ctx, std::size_t n) {
    const Site& site = ctx.site;
    const SiteConfig& cfg = *site.config;
    nlohmann::ordered_json feed = {{"version", "https://jsonfeed.org/version/1.1"},
                                   {"title", cfg.title},
                                   {"home_page_url", cfg.base_url},
                                   {"feed_url", ctx.absolute("/feed.json")},
                                   {"language", cfg.language}};
    if (!cfg.description.empty()) feed["description"] = cfg.description;
    feed["authors"] =
        nlohmann::ordered_json::array({{{"name", cfg.author.empty() ? cfg.title : cfg.author}}});
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < n; ++k) {
        const Entry& e = site.briefings[k];
        nlohmann::ordered_json item = {
            {"id", ctx.absolute(e.url)},
            {"url", ctx.absolute(e.url)},
            {"title", e.doc->title},
            {"content_html", absolute_links(ctx, *ctx.briefing_html.get(k))}};
        if (!e.doc->summary.empty()) item["summary"] = e.doc->summary;
        if (e.doc->date) item["date_published"] = format_rfc3339_utc(e.doc->date->utc_seconds);
        item["date_modified"] = format_rfc3339_utc(updated_of(*e.doc));
        if (!e.doc->topics.empty()) item["tags"] = e.doc->topics;
        item["language"] = e.lang;
        items.push_back(item);
    }
    feed["items"] = items;
    return feed.dump(2) + "\n";
}

/// The weekly digests as Atom, newest first.
std::string weeks_feed(const RenderContext& ctx) {
    const Site& site = ctx.site;
    const SiteConfig& cfg = *site.config;
    pugi::xml_document doc;
    add_xml_declaration(doc, "utf-8");
    auto feed = doc.append_child("feed");
    feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
    feed.append_attribute("xml:lang") = cfg.language.c_str();
    const Labels& L = ctx.theme.labels_for(cfg.language);
    feed.append_child("title").text() = (cfg.title + ": " + L.get("weeks")).c_str();
    feed.append_child("id").text() = ctx.absolute("/weeks/feed.xml").c_str();
    auto self = feed.append_child("link");
    self.append_attribute("rel") = "self";
    self.append_attribute("href") = ctx.absolute("/weeks/feed.xml").c_str();
    auto alt = feed.append_child("link");
    alt.append_attribute("rel") = "alternate";
    alt.append_attribute("href") = ctx.absolute("/weeks/").c_str();
    auto week_time = [&](const WeekDigest& w) {
        // A digest is updated when its newest briefing or its note was, and not before
        // its week began; never by the build time, so that rebuilding changes nothing.
        std::int64_t monday = days_from_civil(w.week.monday()) * 86400;
        std::int64_t t = monday - static_cast<std::int64_t>(cfg.timezone.offset_at(monday)) * 60;
        for (std::size_t bi : w.briefings) t = std::max(t, updated_of(*site.briefings[bi].doc));
        if (w.note) t = std::max(t, updated_of(*w.note));
        return t;
    };
    std::int64_t newest = site.weeks.empty() ? site.build_time : week_time(site.weeks.back());
    feed.append_child("updated").text() = format_rfc3339_utc(newest).c_str();
    feed.append_child("author").append_child("name").text() =
        (cfg.author.empty() ? cfg.title : cfg.author).c_str();
    std::size_t count = 0;
    for (std::size_t wi = site.weeks.size();
         wi-- > 0 && count < static_cast<std::size_t>(cfg.items_per_feed); ++count) {
        const WeekDigest& w = site.weeks[wi];
        auto entry = feed.append_child("entry");
        entry.append_child("title").text() = (L.get("week_of") + " " + w.week.str()).c_str();
        auto link = entry.append_child("link");
        link.append_attribute("rel") = "alternate";
        link.append_attribute("href") = ctx.absolute(w.url).c_str();
        entry.append_child("id").text() = ctx.absolute(w.url).c_str();
        entry.append_child("updated").text() = format_rfc3339_utc(week_time(w)).c_str();
        std::string html;
        if (auto it = ctx.week_note_html.find(wi); it != ctx.week_note_html.end())
            html += absolute_links(ctx, it->second);
        html += "<ul>";
        for (std::size_t bi : w.briefings) {
            const Entry& e = site.briefings[bi];
            html +=
                "<li><a href=\"" + ctx.absolute(e.url) + "\">" + html_escape(e.doc->title) + "</a>";
            if (!e.doc->summary.empty()) html += ": " + html_escape(e.doc->summary);
            html += "</li>";
        }
        html += "</ul>";
        auto content = entry.append_child("content");
        content.append_attribute("type") = "html";
        content.text() = html.c_str();
    }
    return xml_string(doc);
}

}  // namespace

/// feed.xml, rss.xml, feed.json, topics/<t>/feed.xml and weeks/feed.xml.
void add_syndication(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics&) {
        const Site& site = ctx.site;
        const SiteConfig& cfg = *site.config;
        out.push_back({"feed.xml", atom_feed(ctx, cfg.title, "/feed.xml", "/",
                                             all_indices(site.briefings.size()))});
        for (const auto& t : site.topics)
            out.push_back(
                {t.url.substr(1) + "feed.xml", atom_feed(ctx, cfg.title + ": " + t.name,
                                                         t.url + "feed.xml", t.url, t.briefings)});
        const std::size_t n = std::min<std::size_t>(site.briefings.size(),
                                                    static_cast<std::size_t>(cfg.items_per_feed));
        out.push_back({"rss.xml", rss_feed(ctx, n)});
        out.push_back({"feed.json", json_feed(ctx, n)});
        out.push_back({"weeks/feed.xml", weeks_feed(ctx)});
    });
}

}  // namespace brief::pages
