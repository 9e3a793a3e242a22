#pragma once
// Shared state of one render: the Site, the theme, each document's HTML (rendered once),
// and helpers that turn model values into template data (Values; what many pages show, such
// as a briefing's list item, the site and the labels, is built once and shared by pointer).

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/site.h"
#include "render/markdown.h"
#include "render/markdown_cache.h"
#include "render/render.h"
#include "render/theme.h"
#include "render/value.h"

namespace brief {

/// Body HTML by document index, each rendered (or taken from the Markdown cache) on first use;
/// release() lets go of one that no page still to come needs, and a later get() renders it
/// again. Safe from several threads.
class LazyHtml {
  public:
    using Render = std::function<std::string(std::size_t)>;
    void init(std::size_t n, Render render) {
        html_.assign(n, nullptr);
        render_ = std::move(render);
    }
    std::shared_ptr<const std::string> get(std::size_t i) const {
        std::lock_guard<std::mutex> lock(mu_[i % kStripes]);
        if (!html_[i]) html_[i] = std::make_shared<const std::string>(render_(i));
        return html_[i];
    }
    void release(std::size_t i) const {
        std::lock_guard<std::mutex> lock(mu_[i % kStripes]);
        html_[i].reset();
    }

  private:
    static constexpr std::size_t kStripes = 64;
    mutable std::vector<std::shared_ptr<const std::string>> html_;
    mutable std::mutex mu_[kStripes];
    Render render_;
};

/// Everything a page renderer reads; built once, then shared read-only by all threads.
struct RenderContext {
    const Site& site;
    const Theme& theme;
    /// Briefing body HTML, by Site::briefings index, rendered when a page first needs it (a
    /// page kept from the last build needs none). A week's bodies are let go once its pages
    /// are done, except those the feeds and the home page still need.
    LazyHtml briefing_html;
    std::vector<std::string> guide_html;
    std::vector<std::string> page_html;
    std::map<std::size_t, std::string> week_note_html;  ///< by Site::weeks index
    std::map<std::string, Value> label_data;            ///< "t" object per language
    MarkdownOptions markdown;
    /// Where pages go instead of the job's output list, and the salt of their keys (see
    /// RenderOptions).
    OutputSink* sink = nullptr;
    Hash128 page_salt;
    bool deep_copy_data = false;  ///< see RenderOptions

    /// Renders every document's Markdown (through `cache` when given, else a cache of its
    /// own) and builds the shared data, on `jobs` threads.
    RenderContext(const Site& s, const Theme& t, unsigned jobs, MarkdownCache* cache = nullptr);

    /// base_url + url (url starts with '/').
    std::string absolute(const std::string& url) const;
    /// A date in the site's time zone, formatted for `lang`.
    std::string display_date(const Timestamp& t, const std::string& lang) const;
    /// "2026-05-14" in the site's time zone.
    std::string iso_date(const Timestamp& t) const;
    /// Inline Markdown -> HTML (for list items and table cells).
    std::string inline_html(const std::string& markdown) const;
    /// The data every page has: site, nav, labels, page title/description/url/lang, feeds.
    ValueObject page_base(const std::string& title, const std::string& description,
                          const std::string& url, const std::string& lang) const;
    /// A briefing as a list item: title, url, date, summary, kind, topics (built on first use,
    /// then shared).
    Value briefing_item(std::size_t index) const;
    /// Full briefing data (for the briefing page, guides and pages).
    Value briefing_full(const Entry& e, const std::string& body_html) const;
    /// briefing_full of briefing i with its own body; for a briefing of a week, built once for
    /// its page and its week's digest (they render in one job group) and kept until
    /// release_full(i).
    Value briefing_full_at(std::size_t i) const;
    /// Lets go of what briefing_full_at(i) kept.
    void release_full(std::size_t i) const;
    /// Block Markdown -> HTML, rendered once (for bodies and notes).
    std::string markdown_html(const std::string& markdown) const;
    /// Renders a page with `layout` and hands it to `out`, or to the sink; with a sink and a
    /// salt, a page whose output is unchanged is kept without rendering.
    void emit_page(std::vector<Output>& out, Diagnostics& diags, const std::string& layout,
                   const std::string& path, Value data) const;
    /// Like emit_page, for a page whose data `make` builds from what `inputs` hashes: with a
    /// sink and a salt, a page whose inputs are unchanged is kept without even building its
    /// data.
    void emit_keyed(std::vector<Output>& out, Diagnostics& diags, const std::string& layout,
                    const std::string& path, const Hash128& inputs,
                    const std::function<Value()>& make) const;
    /// True when emit_keyed can skip pages (a sink and a salt).
    bool keyed() const { return sink && !page_salt.empty() && !deep_copy_data; }
    /// What briefing_full(briefing i) is made from: its file, URL, language, week,
    /// translations, term URLs and the archive item it began from (the theme, site.yaml and
    /// the binary are in the page salt).
    const Hash128& briefing_key(std::size_t i) const { return briefing_keys_[i]; }
    /// What briefing_item(i) is made from: the briefing's file, URL, language and topic URLs.
    const Hash128& item_key(std::size_t i) const { return item_keys_[i]; }
    /// What every page's shared data is made from: the site object (with the build year) and
    /// the sources' names.
    const Hash128& site_key() const { return site_key_; }
    /// The archive item a document names in discovered_from (by id, URL or canonical URL).
    const ArchiveItem* discovered_item(const Document& doc) const;
    /// The paths emit_page handed to the sink.
    std::vector<std::string> sink_paths() const;
    /// The label of a layer ("Silicon roadmap"), in `lang`.
    std::string layer_label(Layer layer, const std::string& lang) const;
    /// "Mon 16 – Sun 22 Nov 2026"-style range of a week, in `lang`.
    std::string week_range(const IsoWeek& w, const std::string& lang) const;
    /// A source's display name for an archive item.
    std::string source_name(const std::string& source_id) const;

  private:
    Value make_briefing_item(std::size_t index) const;
    Value make_briefing_full(const Entry& e, const std::string& body_html) const;
    void share_data(unsigned jobs);
    const Value* labels_value(const std::string& lang) const;

    MarkdownCache own_cache_;
    MarkdownCache* cache_ = nullptr;
    Hash128 block_salt_, inline_salt_;
    std::unique_ptr<std::once_flag[]> item_once_;  // items are built on first use
    mutable std::vector<Value> items_;             // by briefing index
    static constexpr std::size_t kFullStripes = 64;
    mutable std::vector<Value> full_;  // briefing_full_at, by briefing index
    mutable std::mutex full_mu_[kFullStripes];
    std::vector<Hash128> item_keys_;
    Value site_data_;
    std::vector<Hash128> briefing_keys_;
    Hash128 site_key_;
    mutable std::mutex paths_mu_;
    mutable std::vector<std::string> sink_paths_;
};

/// Serialises JSON-LD safely for a <script> element ("</" cannot close it).
std::string json_ld(const nlohmann::json& j);

}  // namespace brief
