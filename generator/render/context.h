#pragma once
// Shared state of one render: the Site, the theme, each document's HTML (rendered once),
// and helpers that turn model values into template data.

#include <map>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "model/site.h"
#include "render/markdown.h"
#include "render/theme.h"

namespace brief {

using Data = kainjow::mustache::data;
using DataList = kainjow::mustache::list;
using DataObject = kainjow::mustache::object;

/// Everything a page renderer reads; built once, then shared read-only by all threads.
struct RenderContext {
    const Site& site;
    const Theme& theme;
    std::vector<std::string> briefing_html;  ///< body HTML, by Site::briefings index
    std::vector<std::string> guide_html;
    std::vector<std::string> page_html;
    std::map<std::size_t, std::string> week_note_html;  ///< by Site::weeks index
    std::map<std::string, Data> label_data;             ///< "t" object per language
    MarkdownOptions markdown;

    RenderContext(const Site& s, const Theme& t, unsigned jobs);

    /// base_url + url (url starts with '/').
    std::string absolute(const std::string& url) const;
    /// A date in the site's time zone, formatted for `lang`.
    std::string display_date(const Timestamp& t, const std::string& lang) const;
    /// "2026-05-14" in the site's time zone.
    std::string iso_date(const Timestamp& t) const;
    /// Inline Markdown -> HTML (for list items and table cells).
    std::string inline_html(const std::string& markdown) const;
    /// The data every page has: site, nav, labels, page title/description/url/lang, feeds.
    Data page_base(const std::string& title, const std::string& description,
                   const std::string& url, const std::string& lang) const;
    /// A briefing as a list item: title, url, date, summary, kind, topics.
    Data briefing_item(std::size_t index) const;
    /// Full briefing data (for the briefing page and digests).
    Data briefing_full(const Entry& e, const std::string& body_html) const;
    /// The label of a layer ("Silicon roadmap"), in `lang`.
    std::string layer_label(Layer layer, const std::string& lang) const;
    /// "Mon 16 – Sun 22 Nov 2026"-style range of a week, in `lang`.
    std::string week_range(const IsoWeek& w, const std::string& lang) const;
    /// A source's display name for an archive item.
    std::string source_name(const std::string& source_id) const;
};

/// Serialises JSON-LD safely for a <script> element ("</" cannot close it).
std::string json_ld(const nlohmann::json& j);

}  // namespace brief
