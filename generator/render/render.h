#pragma once
// The render stage: Site -> Outputs (path -> bytes, in memory). Pages render in parallel;
// each page's bytes depend only on the Site, never on thread timing.

#include <string>
#include <vector>

#include "model/site.h"
#include "render/theme.h"
#include "util/diagnostic.h"

namespace brief {

/// One file of the site.
struct Output {
    std::string path;   ///< relative to the output folder: "briefings/x/index.html"
    std::string bytes;
};

/// How to render.
struct RenderOptions {
    unsigned jobs = 0;  ///< threads; 0 = one per core
};

/// Renders every page, feed and asset of the site, sorted by path.
std::vector<Output> render_site(const Site& site, const Theme& theme, const RenderOptions& options,
                                Diagnostics& diags);

}  // namespace brief
