// The sitemap (every page, with the time it last changed) and robots.txt.
#include "render/pages/pages.h"

#include <pugixml.hpp>

#include "render/pages/syndication.h"

namespace brief::pages {
namespace {

std::string sitemap(const RenderContext& ctx) {
    const Site& site = ctx.site;
    pugi::xml_document doc;
    add_xml_declaration(doc, "UTF-8");
    auto urlset = doc.append_child("urlset");
    urlset.append_attribute("xmlns") = "http://www.sitemaps.org/schemas/sitemap/0.9";
    auto add = [&](const std::string& url, std::optional<std::int64_t> lastmod) {
        auto u = urlset.append_child("url");
        u.append_child("loc").text() = ctx.absolute(url).c_str();
        if (lastmod) u.append_child("lastmod").text() = format_rfc3339_utc(*lastmod).c_str();
    };
    std::optional<std::int64_t> newest;
    if (!site.briefings.empty()) newest = updated_of(*site.briefings[0].doc);
    add("/", newest);
    add("/briefings/", newest);
    for (const auto* list : {&site.briefings, &site.guides, &site.pages})
        for (const auto& e : *list) {
            std::optional<std::int64_t> lm;
            if (e.doc->updated || e.doc->date) lm = updated_of(*e.doc);
            add(e.url, lm);
        }
    add("/weeks/", newest);
    for (const auto& w : site.weeks) add(w.url, newest_of(site, w.briefings));
    add("/topics/", newest);
    for (const auto& t : site.topics) add(t.url, newest_of(site, t.briefings));
    add("/entities/", newest);
    for (const auto& t : site.entities) add(t.url, newest_of(site, t.briefings));
    for (const char* p : {"/signals/", "/tools/", "/faq/", "/sources/", "/search/"})
        add(p, std::nullopt);
    return xml_string(doc);
}

}  // namespace

/// sitemap.xml and robots.txt.
void add_sitemap_and_robots(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics&) {
        out.push_back({"sitemap.xml", sitemap(ctx)});
        out.push_back({"robots.txt", "User-agent: *\nAllow: /\n\nSitemap: " +
                                         ctx.absolute("/sitemap.xml") + "\n"});
    });
}

}  // namespace brief::pages
