#pragma once
// Machine-readable outputs: Atom, RSS 2.0 and JSON Feed, the sitemap, robots.txt and the
// search index. XML is built with pugixml and JSON with nlohmann, never by pasting strings.

#include <vector>

#include "render/context.h"
#include "render/render.h"

namespace brief {

/// Appends feed.xml, rss.xml, feed.json, topics/<t>/feed.xml, weeks/feed.xml, sitemap.xml,
/// robots.txt and search-index.json to `out`.
void render_syndication(const RenderContext& ctx, std::vector<Output>& out);

}  // namespace brief
