#include "check/check.h"

#include <algorithm>
#include <map>

#include "check/cited_urls.h"
#include "check/html_scan.h"
#include "check/links.h"
#include "check/locate.h"
#include "content/loader.h"
#include "model/site.h"
#include "util/stage_timer.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {

namespace {

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool leaves_page_root(std::string_view href) {
    return !effective_scheme(href).empty() || href.starts_with("//");
}

// True for links that mean the same on every page: "/x/", "https://site/x/".
bool site_absolute(std::string_view href) {
    href = trim(href);
    return href.starts_with('/') || leaves_page_root(href);
}

std::string without_query_and_fragment(std::string_view href) {
    return std::string(href.substr(0, href.find_first_of("?#")));
}

std::string describe(const BrokenLink& b) {
    std::string shown = percent_decode(trim(b.link.url));
    if (b.fault == LinkFault::no_anchor)
        return "anchor #" + b.fragment + " not found in " + b.target;
    std::string path = without_query_and_fragment(shown);
    if (path.starts_with('/') && !path.starts_with("//") && path == b.target)
        return "link to " + shown + " does not resolve: no page has that address";
    if (leaves_page_root(shown))
        return "link to " + shown + " does not resolve: no page of this site has the address " +
               b.target;
    return "link to " + shown + " does not resolve: from " + b.page + " it leads to " + b.target +
           ", and no page has that address";
}

std::string fix_hint(const BrokenLink& b, bool from_content) {
    if (!b.suggestion.empty())
        return b.fault == LinkFault::no_anchor ? "did you mean #" + b.suggestion + "?"
                                               : "did you mean " + b.suggestion + "?";
    if (!from_content) return {};
    if (b.fault == LinkFault::no_anchor) {
        std::string out =
            "a heading's id is its text as a slug ('## Export rules' is #export-rules)";
        if (!b.headings.empty()) {
            out += "; the headings there are";
            for (std::size_t i = 0; i < b.headings.size(); ++i)
                out += (i == 0 ? " #" : ", #") + b.headings[i];
            if (b.headings.size() >= 5) out += ", …";
        }
        return out;
    }
    if (!site_absolute(b.link.url))
        return "write links from the site root (/briefings/<slug>/) so they work on every page "
               "that shows them";
    return {};
}

// Of several places that write the same URL, those whose line also holds the link's text
// ("[the rules](../rules/)" for <a>the rules</a>); all of them when none does.
void prefer_written_with(std::vector<SourcePosition>& found, const std::string& text) {
    if (text.empty()) return;
    std::vector<SourcePosition> with;
    for (const auto& p : found)
        if (p.source_line.find(text) != std::string::npos) with.push_back(p);
    if (!with.empty()) found = std::move(with);
}

// Where a link on a page was written: the page's own document, any content file, a theme
// template, or nowhere we can see (the theme computed it).
class LinkLocator {
  public:
    enum class Origin { content, theme_file, theme };

    struct Found {
        Origin origin = Origin::theme;
        std::vector<SourcePosition> positions;
    };

    LinkLocator(const UrlIndex& content, std::vector<SourceText> theme,
                const std::map<std::string, std::string>& page_files)
        : content_(content), theme_(std::move(theme)), page_files_(page_files) {}

    Found locate(const std::string& page, const HtmlLink& link) {
        const std::string& href = link.url;
        if (auto own = page_files_.find(page); own != page_files_.end()) {
            auto positions = content_.find_in(own->second, href);
            if (!positions.empty()) return {Origin::content, std::move(positions)};
        }
        if (site_absolute(href)) {
            if (auto found = in_content(href); !found.empty()) return {Origin::content, found};
            if (auto found = in_theme(href); !found.empty()) return {Origin::theme_file, found};
            return {};
        }
        // A relative or #fragment link on a page other than its document's is more likely the
        // theme's ("#main") than some other document's.
        if (auto found = in_theme(href); !found.empty()) return {Origin::theme_file, found};
        auto found = in_content(href);
        prefer_written_with(found, link.text);
        if (found.empty()) return {};
        const std::string first_file = found.front().file;
        std::erase_if(found, [&](const SourcePosition& p) { return p.file != first_file; });
        return {Origin::content, found};
    }

  private:
    std::vector<SourcePosition> in_content(const std::string& href) {
        auto [it, fresh] = content_cache_.try_emplace(href);
        if (fresh) it->second = content_.find(href);
        return it->second;
    }
    std::vector<SourcePosition> in_theme(const std::string& href) {
        auto [it, fresh] = theme_cache_.try_emplace(href);
        if (fresh)
            for (const auto& t : theme_) {
                auto found = find_url(t, href);
                it->second.insert(it->second.end(), found.begin(), found.end());
            }
        return it->second;
    }

    const UrlIndex& content_;
    std::vector<SourceText> theme_;
    const std::map<std::string, std::string>& page_files_;
    std::map<std::string, std::vector<SourcePosition>> content_cache_, theme_cache_;
};

// One diagnostic and every page where its link was seen.
struct LinkGroup {
    Diagnostic diagnostic;
    LinkLocator::Origin origin = LinkLocator::Origin::theme;
    BrokenLink first;
    std::vector<std::string> pages;
    int html_line = 0;
};

std::string pages_hint(const std::vector<std::string>& pages, const std::string& prefix) {
    if (pages.empty()) return {};
    std::string out = prefix + pages.front();
    if (pages.size() > 1) out += " and " + plural(pages.size() - 1, "other page", "other pages");
    return out;
}

void report_internal(const InternalLinkReport& report, LinkLocator& locator,
                     const std::map<std::string, std::string>& page_files, Diagnostics& out,
                     CheckSummary& summary) {
    std::map<std::string, std::string> file_pages;  // document file -> its own page
    for (const auto& [page, file] : page_files) file_pages.emplace(file, page);

    std::vector<LinkGroup> groups;
    std::map<std::tuple<std::string, int, int, std::string>, std::size_t> index;
    auto group_for = [&](const std::tuple<std::string, int, int, std::string>& key) -> LinkGroup* {
        auto [it, fresh] = index.try_emplace(key, groups.size());
        if (fresh) groups.emplace_back();
        return &groups[it->second];
    };
    for (const BrokenLink& b : report.broken) {
        std::string message = describe(b);
        // A relative link leads somewhere else on every page that shows it: one diagnostic for
        // the place it was written, not one per page.
        std::string same = b.fault == LinkFault::no_page && !site_absolute(b.link.url)
                               ? "relative " + b.link.url
                               : message;
        auto found = locator.locate(b.page, b.link);
        if (found.positions.empty()) {
            // A template that computes a link ("{{url}}#comments") breaks it on every page of
            // that layout: one diagnostic, naming the first page.
            if (b.fault == LinkFault::no_anchor)
                same = "#" + b.fragment + (b.target == b.page ? " on its own page" : " elsewhere");
            LinkGroup* g = group_for({"", 0, 0, same});
            if (g->pages.empty()) {
                g->diagnostic.file = "site page " + b.page + " (from the theme)";
                g->diagnostic.message = message;
                g->origin = LinkLocator::Origin::theme;
                g->first = b;
                g->html_line = b.link.line;
            }
            if (g->pages.empty() || g->pages.back() != b.page) g->pages.push_back(b.page);
            continue;
        }
        for (const SourcePosition& p : found.positions) {
            LinkGroup* g = group_for({p.file, p.line, p.column, same});
            if (g->pages.empty()) {
                g->diagnostic.file = p.file;
                g->diagnostic.line = p.line;
                g->diagnostic.column = p.column;
                g->diagnostic.source_line = p.source_line;
                g->diagnostic.message = message;
                g->origin = found.origin;
                g->first = b;
            }
            if (g->pages.empty() || g->pages.back() != b.page) g->pages.push_back(b.page);
        }
    }
    for (LinkGroup& g : groups) {
        std::string context;
        switch (g.origin) {
            case LinkLocator::Origin::content: {
                auto own = file_pages.find(g.diagnostic.file);
                bool only_own = own != file_pages.end() && g.pages.size() == 1 &&
                                g.pages.front() == own->second;
                if (!only_own) context = pages_hint(g.pages, "seen on ");
                break;
            }
            case LinkLocator::Origin::theme_file:
                context = pages_hint(g.pages, "the theme writes it; seen on ");
                break;
            case LinkLocator::Origin::theme: {
                context = "the theme writes it, on line " + std::to_string(g.html_line) +
                          " of the built page";
                if (g.pages.size() > 1)
                    context +=
                        "; also on " + plural(g.pages.size() - 1, "other page", "other pages");
                break;
            }
        }
        // The fix first, then where the link was seen: "did you mean /weeks/? (seen on …)".
        std::string fix = fix_hint(g.first, g.origin == LinkLocator::Origin::content);
        g.diagnostic.hint =
            fix.empty() || context.empty() ? fix + context : fix + " (" + context + ")";
        g.diagnostic.severity = Severity::error;
        out.add(std::move(g.diagnostic));
        ++summary.broken;
    }
}

}  // namespace

CheckResult run_check(const CheckRequest& req) {
    CheckResult result;
    CheckSummary& summary = result.summary;

    BuildRequest build;
    build.source = req.source;
    build.drafts = req.drafts;
    build.future = req.future;
    build.strict = true;
    build.jobs = req.jobs;
    build.now = req.build_time;
    build.write = false;
    BuildResult built = run_build(build);
    result.diagnostics.append(built.diagnostics);
    result.stages = built.stages;
    summary.content_errors = built.diagnostics.error_count();
    if (built.outputs.empty()) return result;  // the build stopped before rendering

    // The model again (without the feed archive: it adds no documents) to know which page
    // each document became; run_build keeps its Site to itself.
    Diagnostics scratch;
    Content content = load_content(req.source, req.jobs, scratch);
    ModelOptions model_options;
    model_options.drafts = req.drafts;
    model_options.future = req.future;
    model_options.now = req.build_time;
    const std::vector<ArchiveItem> no_archive;
    Site site = build_site(content, no_archive, {}, {}, model_options, scratch);
    std::map<std::string, std::string> page_files;
    for (const auto* entries : {&site.briefings, &site.guides, &site.pages})
        for (const Entry& e : *entries) page_files.emplace(e.url, e.doc->path);
    for (const WeekDigest& w : site.weeks)
        if (w.note) page_files.emplace(w.url, w.note->path);
    UrlIndex sources(read_content_sources(req.source));

    {
        StageTimer t(result.stages, "links");
        InternalLinkReport report =
            check_internal_links(built.outputs, content.site.base_url, req.jobs);
        summary.links_checked = true;
        summary.pages = report.pages;
        summary.internal_links = report.links;
        const ThemeFiles theme = load_theme_files(req.source, embedded_theme(), scratch);
        LinkLocator locator(sources, theme_sources(theme), page_files);
        report_internal(report, locator, page_files, result.diagnostics, summary);
    }

    if (req.external) {
        StageTimer t(result.stages, "external");
        const UrlUses where = external_uses(site, content, sources);
        std::vector<LinkStatus> results = ask_external(req, where, result);
        report_external(results, where, req.external_options, result.diagnostics, summary);
    }
    result.diagnostics.sort();
    return result;
}

std::string summary_line(const CheckSummary& s) {
    std::string out;
    if (!s.links_checked) {
        out = "links not checked: the site did not build";
    } else {
        out = "checked " + plural(s.pages, "page", "pages") + ": " +
              plural(s.internal_links, "internal link", "internal links");
        if (s.external_checked)
            out += ", " + plural(s.external_urls, "external URL", "external URLs") + " (" +
                   std::to_string(s.from_cache) + " from cache)";
        out += "; " + std::to_string(s.broken) + " broken, " + std::to_string(s.redirected) +
               " redirected";
    }
    if (s.content_errors > 0)
        out += "; " + plural(s.content_errors, "content error", "content errors");
    if (s.offline)
        out += "\nnone of the " + plural(s.requested, "external URL", "external URLs") +
               " asked answered at all: is this machine offline? (exit 3)";
    return out;
}

}  // namespace brief
