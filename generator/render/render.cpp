#include "render/render.h"

#include <algorithm>

#include "render/context.h"
#include "render/pages/pages.h"
#include "util/keep_alive.h"
#include "util/parallel.h"

namespace brief {
namespace {

using pages::PageJobs;

// A week's briefing pages and its digest run as one group on one thread, so each briefing's
// full data is built once for both and dropped when the group is done. The weeks come first,
// in order; every other job is a group of its own.
std::vector<std::vector<std::size_t>> job_groups(const Site& site, const PageJobs& jobs) {
    std::vector<std::vector<std::size_t>> groups;
    std::vector<bool> grouped(jobs.jobs.size(), false);
    for (std::size_t wi = 0; wi < site.weeks.size(); ++wi) {
        std::vector<std::size_t> g;
        for (std::size_t bi : site.weeks[wi].briefings) g.push_back(jobs.briefing_job[bi]);
        g.push_back(jobs.week_job[wi]);
        for (std::size_t j : g) grouped[j] = true;
        groups.push_back(std::move(g));
    }
    for (std::size_t j = 0; j < jobs.jobs.size(); ++j)
        if (!grouped[j]) groups.push_back({j});
    return groups;
}

// Briefings whose rendered bodies are read after their week's group is done: the feeds' and
// the home page's.
std::vector<char> pinned_bodies(const Site& site) {
    std::vector<char> pinned(site.briefings.size(), 0);
    const auto per_feed = static_cast<std::size_t>(std::max(0, site.config->items_per_feed));
    for (std::size_t i = 0; i < std::min(per_feed, pinned.size()); ++i) pinned[i] = 1;
    for (const auto& t : site.topics)
        for (std::size_t k = 0; k < std::min(per_feed, t.briefings.size()); ++k)
            pinned[t.briefings[k]] = 1;
    if (site.current_week)
        for (std::size_t bi : site.weeks[*site.current_week].briefings) pinned[bi] = 1;
    return pinned;
}

// Runs every job, a group per thread at a time; with a sink, files leave as soon as their job
// is done and only the paths stay.
void run_jobs(RenderContext& ctx, const PageJobs& jobs, const RenderOptions& options,
              std::vector<std::vector<Output>>& outputs, std::vector<Diagnostics>& local) {
    const Site& site = ctx.site;
    const auto groups = job_groups(site, jobs);
    const auto pinned = pinned_bodies(site);
    // Every page of a build without page keys is rendered, so every briefing's list item is
    // needed: building them all first keeps these long-lived blocks together instead of
    // scattered among the pages' short-lived ones, which would pin freed memory.
    if (!ctx.keyed())
        parallel_for(site.briefings.size(), options.jobs,
                     [&](std::size_t i) { ctx.briefing_item(i); });
    parallel_for(groups.size(), options.jobs, [&](std::size_t g) {
        for (std::size_t i : groups[g]) {
            jobs.jobs[i](outputs[i], local[i]);
            if (options.sink)
                for (auto& o : outputs[i]) {
                    options.sink->put(o.path, o.bytes, {});
                    std::string().swap(o.bytes);
                }
        }
        if (g < site.weeks.size())
            for (std::size_t bi : site.weeks[g].briefings) {
                ctx.release_full(bi);
                if (!pinned[bi]) ctx.briefing_html.release(bi);
            }
    });
}

// Every job's outputs in path order; two outputs at one path are an error.
std::vector<Output> collect(RenderContext& ctx, std::vector<std::vector<Output>>& outputs,
                            std::vector<Diagnostics>& local, Diagnostics& diags) {
    std::vector<Output> all;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        diags.append(local[i]);
        for (auto& o : outputs[i]) all.push_back(std::move(o));
    }
    for (auto& path : ctx.sink_paths()) all.push_back({std::move(path), {}});
    std::stable_sort(all.begin(), all.end(),
                     [](const Output& a, const Output& b) { return a.path < b.path; });
    // Two outputs at one path (an alias over a page, say) would silently lose one.
    for (std::size_t i = 1; i < all.size(); ++i) {
        if (all[i].path == all[i - 1].path) {
            Diagnostic d;
            d.file = all[i].path;
            d.message = "two pages would be written to /" + all[i].path;
            d.hint = "an alias or slug collides with another page; change one of them";
            diags.add(std::move(d));
        }
    }
    return all;
}

}  // namespace

std::vector<Output> render_site(const Site& site, const Theme& theme, const RenderOptions& options,
                                Diagnostics& diags) {
    // A process that ends after the build need not free a few hundred thousand small blocks.
    FreeUnlessExiting<RenderContext> owned_ctx(options.keep_memory, site, theme, options.jobs,
                                               options.markdown_cache);
    RenderContext& ctx = *owned_ctx;
    ctx.sink = options.sink;
    ctx.page_salt = options.page_salt;
    ctx.deep_copy_data = options.deep_copy_data;

    // The site's page families, each adding the jobs of its pages.
    PageJobs jobs;
    pages::add_home(ctx, jobs);
    pages::add_briefings(ctx, jobs);
    pages::add_guides_and_pages(ctx, jobs);
    pages::add_digests(ctx, jobs);
    pages::add_taxonomies(ctx, jobs);
    pages::add_boards(ctx, jobs);
    pages::add_sources(ctx, jobs);
    pages::add_inbox(ctx, jobs);
    pages::add_sources_opml(ctx, jobs);
    pages::add_aliases(ctx, jobs);
    pages::add_search(ctx, jobs);
    pages::add_syndication(ctx, jobs);
    pages::add_sitemap_and_robots(ctx, jobs);
    pages::add_static(ctx, jobs);

    std::vector<std::vector<Output>> outputs(jobs.jobs.size());
    std::vector<Diagnostics> local(jobs.jobs.size());
    run_jobs(ctx, jobs, options, outputs, local);
    return collect(ctx, outputs, local, diags);
}

}  // namespace brief
