// The theme's static files (styles, scripts, icons), published under /static/.
#include "render/pages/pages.h"

namespace brief::pages {

/// Every file of the theme's static/ folder, as it is.
void add_static(RenderContext& ctx, PageJobs& jobs) {
    jobs.add([&ctx](std::vector<Output>& out, Diagnostics&) {
        for (const auto& [rel, file] : ctx.theme.files->under("static/", ""))
            out.push_back({rel, file->bytes});
    });
}

}  // namespace brief::pages
