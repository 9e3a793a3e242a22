// /sources.opml: the enabled sources as OPML 2.0, so a reader can follow the same feeds.
#include "feeds/opml.h"
#include "render/pages/pages.h"

namespace brief::pages {

/// /sources.opml.
void add_sources_opml(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics&) {
        std::vector<SourceConfig> sources;
        sources.reserve(ctx.site.sources.size());
        for (const auto& s : ctx.site.sources) sources.push_back(*s.config);
        out.push_back({"sources.opml", write_opml(ctx.site.config->title, sources)});
    });
}

}  // namespace brief::pages
