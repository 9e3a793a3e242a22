#pragma once
// The site's page families. Each adds the jobs that render its pages to a PageJobs list; in
// goes the render context (the Site, the theme, the rendered Markdown), out come jobs that
// append Outputs. render_site (render/render.cpp) calls them in this order and runs the jobs.

#include "render/pages/common.h"

namespace brief::pages {

/// The home page and /briefings/.
void add_home(RenderContext& ctx, PageJobs& jobs);
/// One page per briefing.
void add_briefings(RenderContext& ctx, PageJobs& jobs);
/// One page per guide and per page.
void add_guides_and_pages(RenderContext& ctx, PageJobs& jobs);
/// One digest per ISO week, and /weeks/.
void add_digests(RenderContext& ctx, PageJobs& jobs);
/// /topics/, /entities/ and one page per term.
void add_taxonomies(RenderContext& ctx, PageJobs& jobs);
/// /signals/, /tools/ and /faq/.
void add_boards(RenderContext& ctx, PageJobs& jobs);
/// /sources/.
void add_sources(RenderContext& ctx, PageJobs& jobs);
/// /inbox/, in draft builds only.
void add_inbox(RenderContext& ctx, PageJobs& jobs);
/// /sources.opml, the enabled sources for a feed reader.
void add_sources_opml(RenderContext& ctx, PageJobs& jobs);
/// Redirect pages at every alias.
void add_aliases(RenderContext& ctx, PageJobs& jobs);
/// /search/, its index, and the 404 page.
void add_search(RenderContext& ctx, PageJobs& jobs);
/// The Atom, RSS and JSON feeds.
void add_syndication(RenderContext& ctx, PageJobs& jobs);
/// sitemap.xml and robots.txt.
void add_sitemap_and_robots(RenderContext& ctx, PageJobs& jobs);
/// The theme's static files.
void add_static(RenderContext& ctx, PageJobs& jobs);

}  // namespace brief::pages
