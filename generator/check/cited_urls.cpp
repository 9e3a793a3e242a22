#include "check/cited_urls.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <tuple>

#include "check/html_scan.h"
#include "check/link_cache.h"
#include "check/links.h"
#include "render/markdown.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {
namespace {

std::int64_t wall_clock() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void add_markdown_links(const std::string& markdown, bool allow_html, std::set<std::string>& urls) {
    if (markdown.empty()) return;
    MarkdownOptions options;
    options.allow_html = allow_html;
    for (const HtmlLink& l : scan_html(render_markdown(markdown, options).html).links)
        if (is_http_url(l.url)) urls.insert(l.url);
}

std::set<std::string> document_urls(const Document& d, bool allow_html) {
    std::set<std::string> urls;
    for (const auto& s : d.sources) urls.insert(std::string(trim(s.url)));
    for (const auto& t : d.tools) {
        urls.insert(std::string(trim(t.url)));
        add_markdown_links(t.note, allow_html, urls);
    }
    urls.insert(std::string(trim(d.discovered_from)));
    add_markdown_links(d.body, allow_html, urls);
    add_markdown_links(d.summary, allow_html, urls);
    add_markdown_links(d.score_rationale, allow_html, urls);
    for (const auto* list :
         {&d.key_points, &d.watch, &d.open_questions, &d.more_usable, &d.less_reliable})
        for (const auto& line : *list) add_markdown_links(line, allow_html, urls);
    for (const auto& s : d.signals) {
        add_markdown_links(s.why, allow_html, urls);
        add_markdown_links(s.where, allow_html, urls);
    }
    for (const auto& f : d.faq) add_markdown_links(f.a, allow_html, urls);
    for (const auto& o : d.outlook) add_markdown_links(o.claim, allow_html, urls);
    std::erase_if(urls, [](const std::string& u) { return !is_http_url(u); });
    return urls;
}

std::string external_hint(const LinkStatus& s, const ExternalCheckOptions& options) {
    if (!s.error.empty()) {
        if (s.error.starts_with("timed out"))
            return "the publisher may be slow or down; raise --timeout (now " +
                   std::to_string(options.timeout_seconds) + " s) or check it in a browser";
        return "check the address in a browser; if the site is gone, link to an archived copy";
    }
    if (s.status == 404 || s.status == 410)
        return "the page is gone or moved: find its new address, or link to an archived copy "
               "(https://web.archive.org/)";
    if (s.status == 401 || s.status == 403)
        return "the publisher refuses this request (a login, or no robots); open it in a browser "
               "to confirm";
    if (s.status >= 500) return "the publisher's server failed; run the check again later";
    return {};
}

}  // namespace

void report_external(const std::vector<LinkStatus>& results, const UrlUses& where,
                     const ExternalCheckOptions& options, Diagnostics& out, CheckSummary& summary) {
    for (const LinkStatus& s : results) {
        Diagnostic d;
        if (s.redirected()) {
            ++summary.redirected;
            d.severity = Severity::warning;
            d.message = s.url + " redirects to " + s.final_url + " (" +
                        status_text(s.first_status) + "); link to the final address";
        } else if (s.ok()) {
            continue;
        } else if (s.error.empty() && s.status == 429) {
            d.severity = Severity::warning;
            d.message = s.url + " answered " + status_text(s.status) + "; not checked this time";
            d.hint = "the publisher limits requests; lower --per-host or check again later";
        } else {
            ++summary.broken;
            d.severity = Severity::error;
            d.message = s.error.empty() ? s.url + " answered " + status_text(s.status)
                                        : s.url + " did not answer: " + s.error;
            d.hint = external_hint(s, options);
        }
        auto it = where.find(s.url);
        if (it == where.end()) continue;
        for (const SourcePosition& p : it->second) {
            Diagnostic at = d;
            at.file = p.file;
            at.line = p.line;
            at.column = p.column;
            at.source_line = p.source_line;
            out.add(std::move(at));
        }
    }
}

// Every http(s) URL the content cites (documents, tools and signals data), with each place it
// is written, sorted and without repeats.
UrlUses external_uses(const Site& site, const Content& content, const UrlIndex& sources) {
    std::vector<const Document*> docs;
    for (const auto* entries : {&site.briefings, &site.guides, &site.pages})
        for (const Entry& e : *entries) docs.push_back(e.doc);
    for (const Document& w : content.weeks) docs.push_back(&w);

    UrlUses where;  // url -> places written
    auto add_use = [&](const std::string& url, const std::string& file) {
        if (!internal_target("/", url, content.site.base_url).empty()) return;  // our own site
        auto positions = sources.find_in(file, url);
        if (positions.empty()) positions.push_back({file, 0, 0, {}});
        auto& list = where[url];
        list.insert(list.end(), positions.begin(), positions.end());
    };
    for (const Document* d : docs)
        for (const auto& url : document_urls(*d, content.site.allow_html)) add_use(url, d->path);
    std::set<std::string> data_urls;
    for (const Tool& tool : content.data_tools) {
        if (is_http_url(trim(tool.url))) data_urls.insert(std::string(trim(tool.url)));
        add_markdown_links(tool.note, content.site.allow_html, data_urls);
    }
    for (const auto& url : data_urls) add_use(url, "content/data/tools.yaml");
    std::set<std::string> signal_urls;
    for (const Signal& signal : content.data_signals) {
        add_markdown_links(signal.why, content.site.allow_html, signal_urls);
        add_markdown_links(signal.where, content.site.allow_html, signal_urls);
    }
    for (const auto& url : signal_urls) add_use(url, "content/data/signals.yaml");
    for (auto& [url, list] : where) {
        std::sort(list.begin(), list.end(), [](const SourcePosition& a, const SourcePosition& b) {
            return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
        });
        list.erase(std::unique(list.begin(), list.end(),
                               [](const SourcePosition& a, const SourcePosition& b) {
                                   return std::tie(a.file, a.line, a.column) ==
                                          std::tie(b.file, b.line, b.column);
                               }),
                   list.end());
    }
    return where;
}

// Asks every URL not answered recently (the link cache), records the answers, and returns
// every status, cached or new.
std::vector<LinkStatus> ask_external(const CheckRequest& req, const UrlUses& where,
                                     CheckResult& result) {
    CheckSummary& summary = result.summary;
    const std::int64_t now = req.clock != 0 ? req.clock : wall_clock();
    const std::int64_t max_age = std::int64_t{req.cache_hours} * 3600;
    const auto cache_file = link_cache_path(req.source);
    std::string cache_warning;
    LinkCache cache = read_link_cache(cache_file, cache_warning);
    if (!cache_warning.empty())
        result.diagnostics.add(
            {".brief-cache/links.json", 0, 0, Severity::warning, cache_warning, {}, {}});

    std::vector<LinkStatus> results;
    std::vector<std::string> to_ask;
    for (const auto& [url, _] : where) {
        if (auto hit = cached_status(cache, url, now, max_age)) {
            results.push_back(std::move(*hit));
            ++summary.from_cache;
        } else {
            to_ask.push_back(url);
        }
    }
    std::vector<LinkStatus> asked =
        check_external_links(to_ask, req.external_options, req.progress);
    std::set<std::string> hosts;
    for (auto& s : asked) {
        s.checked_at = now;
        if (s.status > 0) ++summary.answered;
        hosts.insert(split_url(s.url).authority.value_or(""));
    }
    summary.requested = asked.size();
    // One host down is a broken link; every host silent is a machine without a network.
    summary.offline = summary.answered == 0 && hosts.size() >= 2;
    summary.external_urls = where.size();
    summary.external_checked = true;
    update_link_cache(cache, asked, now, max_age);
    if (std::string error = write_link_cache(cache_file, cache); !error.empty())
        result.diagnostics.add({".brief-cache/links.json",
                                0,
                                0,
                                Severity::warning,
                                "cannot write the link cache: " + error,
                                {},
                                {}});
    results.insert(results.end(), std::make_move_iterator(asked.begin()),
                   std::make_move_iterator(asked.end()));
    return results;
}

}  // namespace brief
