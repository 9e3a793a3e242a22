#pragma once
// The render stage: Site -> Outputs (path -> bytes, in memory). Pages render in parallel;
// each page's bytes depend only on the Site, never on thread timing.

#include <string>
#include <string_view>
#include <vector>

#include "model/site.h"
#include "render/theme.h"
#include "util/diagnostic.h"
#include "util/hash.h"

namespace brief {

/// One file of the site.
struct Output {
    std::string path;  ///< relative to the output folder: "briefings/x/index.html"
    std::string bytes;
};

class MarkdownCache;

/// Where rendered files go when they are not collected in memory (the writer, in a build).
class OutputSink {
  public:
    virtual ~OutputSink() = default;
    /// True when the file at `path`, last rendered from data with hash `key`, is still there
    /// untouched: the page need not be rendered again.
    virtual bool unchanged(const std::string& path, const Hash128& key) = 0;
    /// Keeps that file as it is.
    virtual void keep(const std::string& path) = 0;
    /// Takes one file; called from any render thread. `key` is empty when not known.
    virtual void put(const std::string& path, std::string_view bytes, const Hash128& key) = 0;
};

/// How to render.
struct RenderOptions {
    unsigned jobs = 0;  ///< threads; 0 = one per core
    /// When set, every file goes here as soon as it is rendered, and render_site returns the
    /// paths only (with empty bytes).
    OutputSink* sink = nullptr;
    /// With `sink`: what a page depends on besides its layout and data (the theme's files, the
    /// binary). When set, a page whose key the sink has seen unchanged is not rendered again.
    Hash128 page_salt;
    /// Rendered Markdown to reuse and fill; when null, render_site uses one of its own.
    MarkdownCache* markdown_cache = nullptr;
    /// Leave the render's memory to the process's end instead of freeing it (`brief build`).
    bool keep_memory = false;
    /// For tests: build each page's data afresh, without sharing what other pages show.
    bool deep_copy_data = false;
};

/// Renders every page, feed and asset of the site, sorted by path; the same Site and theme give
/// the same bytes whatever the number of threads.
std::vector<Output> render_site(const Site& site, const Theme& theme, const RenderOptions& options,
                                Diagnostics& diags);

}  // namespace brief
