#pragma once
// What every page family shares: the job list a family adds to, and the helpers that shape
// page data (paths, JSON-LD blocks, briefing lists). In: the render context; out: jobs that
// append Outputs.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "render/context.h"
#include "render/render.h"

namespace brief::pages {

/// One unit of render work: appends its files and diagnostics.
using Job = std::function<void(std::vector<Output>&, Diagnostics&)>;

/// The jobs of one render. A week's briefing pages and its digest run as one group on one
/// thread (render.cpp), so the families say which job renders which briefing and week.
struct PageJobs {
    std::vector<Job> jobs;
    std::vector<std::size_t> briefing_job;  ///< by briefing index
    std::vector<std::size_t> week_job;      ///< by week index
    /// Adds a job; returns its index.
    std::size_t add(Job job) {
        jobs.push_back(std::move(job));
        return jobs.size() - 1;
    }
};

/// "/briefings/x/" -> "briefings/x/index.html".
std::string out_path(const std::string& url);
/// A schema.org BreadcrumbList of (name, url) pairs.
nlohmann::json breadcrumbs(const RenderContext& ctx,
                           const std::vector<std::pair<std::string, std::string>>& trail);
/// A schema.org FAQPage.
nlohmann::json faq_page(const std::vector<FaqEntry>& faq, const RenderContext& ctx);
/// A schema.org ItemList of (name, url) pairs.
nlohmann::json item_list(const RenderContext& ctx,
                         const std::vector<std::pair<std::string, std::string>>& items);
/// Sets the page's json_ld blocks.
void set_json_ld(ValueObject& d, const std::vector<nlohmann::json>& blocks);
/// A schema.org Article or NewsArticle for a document.
nlohmann::json article_ld(const RenderContext& ctx, const Entry& e);
/// Renders `layout` with `data` to the file of `url`.
void page(std::vector<Output>& out, Diagnostics& diags, const RenderContext& ctx,
          const std::string& layout, const std::string& url, Value data);
/// The list items of the briefings at `indices`, at most `limit`.
ValueList briefing_items(const RenderContext& ctx, const std::vector<std::size_t>& indices,
                         std::size_t limit = SIZE_MAX);
/// 0, 1, …, n-1.
std::vector<std::size_t> all_indices(std::size_t n);

}  // namespace brief::pages
