#include "check/links.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "util/diagnostic.h"
#include "util/parallel.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {

namespace {

// Relative links are resolved against this stand-in origin, then it is cut off again.
constexpr std::string_view kOrigin = "http://brief.invalid";

std::string host_of(const UrlParts& u) {
    if (!u.authority) return {};
    std::string host = *u.authority;
    if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
    host = to_lower_ascii(host);
    if (u.scheme == "http" && host.ends_with(":80")) host.resize(host.size() - 3);
    if (u.scheme == "https" && host.ends_with(":443")) host.resize(host.size() - 4);
    return host;
}

// nearest() allows a third of the word to differ; addresses share long prefixes
// ("/briefings/"), so only a typo-sized difference is a useful hint here.
std::string near_address(const std::string& target, const std::vector<std::string>& addresses) {
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const auto& a : addresses) {
        std::size_t d = edit_distance(target, a);
        if (d < best_distance) {
            best_distance = d;
            best = a;
        }
    }
    return best_distance <= std::max<std::size_t>(2, target.size() / 8) ? best : std::string{};
}

bool is_html(std::string_view path) {
    return path.ends_with(".html") || path.ends_with(".htm");
}

struct Page {
    std::size_t output = 0;  // index into outputs
    std::string url;
    HtmlScan scan;
    std::unordered_set<std::string> ids;
};

class SiteIndex {
  public:
    SiteIndex(const std::vector<Output>& outputs, const std::vector<Page>& pages) : pages_(pages) {
        for (std::size_t i = 0; i < outputs.size(); ++i) files_.emplace(outputs[i].path, i);
        for (std::size_t p = 0; p < pages.size(); ++p) page_of_output_[pages[p].output] = p;
    }

    // The output (an index into outputs) that serves `path` ("/a/b/"), or npos.
    std::size_t find(std::string_view path) const {
        std::string rel(path.starts_with('/') ? path.substr(1) : path);
        if (rel.empty() || rel.ends_with('/')) return lookup(rel + "index.html");
        if (std::size_t found = lookup(rel); found != npos) return found;
        return lookup(rel + "/index.html");  // servers redirect a folder to its slash
    }

    // The scanned page for output `index`, or nullptr when it is not HTML.
    const Page* page(std::size_t output_index) const {
        auto it = page_of_output_.find(output_index);
        return it == page_of_output_.end() ? nullptr : &pages_[it->second];
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  private:
    std::size_t lookup(const std::string& rel) const {
        auto it = files_.find(rel);
        return it == files_.end() ? npos : it->second;
    }

    const std::vector<Page>& pages_;
    std::unordered_map<std::string, std::size_t> files_;
    std::unordered_map<std::size_t, std::size_t> page_of_output_;
};

bool has_id(const Page& page, const std::string& raw, const std::string& decoded) {
    // "#top" scrolls to the top of any HTML page (HTML § "scroll to the fragment").
    if (to_lower_ascii(decoded) == "top") return true;
    return page.ids.count(decoded) > 0 || page.ids.count(raw) > 0;
}

void check_page(const Page& page, const SiteIndex& index, std::string_view base_url,
                std::vector<BrokenLink>& broken, std::size_t& count) {
    for (const HtmlLink& link : page.scan.links) {
        if (link.element == "base") continue;
        std::string target = internal_target(page.url, link.url, base_url);
        if (target.empty()) continue;
        ++count;
        std::string_view path = target;
        std::string_view raw_fragment;
        if (auto hash = path.find('#'); hash != std::string_view::npos) {
            raw_fragment = path.substr(hash + 1);
            path = path.substr(0, hash);
        }
        path = path.substr(0, path.find('?'));  // a static site serves the same file
        std::size_t found = index.find(path);
        std::string decoded_path =
            path.find('%') == std::string_view::npos ? std::string(path) : percent_decode(path);
        if (found == SiteIndex::npos && decoded_path != path) found = index.find(decoded_path);
        if (found == SiteIndex::npos) {
            broken.push_back({page.url,
                              link,
                              decoded_path,
                              percent_decode(raw_fragment),
                              LinkFault::no_page,
                              {},
                              {}});
            continue;
        }
        if (raw_fragment.empty()) continue;
        const Page* to = index.page(found);
        std::string fragment = percent_decode(raw_fragment);
        if (!to || has_id(*to, std::string(raw_fragment), fragment)) continue;
        broken.push_back({page.url, link, to->url, fragment, LinkFault::no_anchor, {}, {}});
    }
}

}  // namespace

std::string page_url_for(std::string_view output_path) {
    std::string url = "/" + std::string(output_path);
    if (url.ends_with("/index.html"))
        url.resize(url.size() - std::string_view("index.html").size());
    return url;
}

std::string internal_target(std::string_view page_url, std::string_view href,
                            std::string_view base_url) {
    std::string_view h = trim(href);
    if (h.empty()) return {};  // the page itself
    // Most links a theme writes are plain root-relative paths: nothing to resolve.
    if (h.size() > 1 && h[0] == '/' && h[1] != '/' && h.find("/.") == std::string_view::npos &&
        h.find_first_of(" \t\n\\") == std::string_view::npos)
        return std::string(h);
    UrlParts base = split_url(base_url);
    std::string scheme = effective_scheme(h);
    std::string ref;
    if (!scheme.empty() || h.starts_with("//")) {
        if (!scheme.empty() && scheme != "http" && scheme != "https") return {};
        UrlParts u = split_url(h);
        if (!u.scheme) u.scheme = base.scheme;
        if (host_of(u) != host_of(base) || host_of(u).empty()) return {};
        // A base URL with a path ("https://x.github.io/brief/") is the site's root.
        std::string prefix = base.path.empty() ? "/" : base.path;
        if (!prefix.ends_with('/')) prefix += '/';
        std::string path = u.path.empty() ? "/" : u.path;
        if (!(path + "/").starts_with(prefix) && !path.starts_with(prefix)) return {};
        u.path = path.size() >= prefix.size() ? "/" + path.substr(prefix.size()) : "/";
        u.scheme.reset();
        u.authority.reset();
        ref = join_url(u);
    } else {
        ref = std::string(h);
    }
    std::string resolved = resolve_url(std::string(kOrigin) + std::string(page_url), ref);
    if (!resolved.starts_with(kOrigin)) return {};
    resolved.erase(0, kOrigin.size());
    if (resolved.empty() || resolved.front() != '/') resolved.insert(resolved.begin(), '/');
    return resolved;
}

InternalLinkReport check_internal_links(const std::vector<Output>& outputs,
                                        std::string_view base_url, unsigned jobs) {
    std::vector<Page> pages;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (!is_html(outputs[i].path)) continue;
        Page p;
        p.output = i;
        p.url = page_url_for(outputs[i].path);
        pages.push_back(std::move(p));
    }
    parallel_for(pages.size(), jobs, [&](std::size_t i) {
        Page& p = pages[i];
        p.scan = scan_html(outputs[p.output].bytes);
        p.ids.insert(p.scan.ids.begin(), p.scan.ids.end());
    });

    SiteIndex index(outputs, pages);
    std::vector<std::vector<BrokenLink>> broken(pages.size());
    std::vector<std::size_t> counts(pages.size(), 0);
    parallel_for(pages.size(), jobs, [&](std::size_t i) {
        check_page(pages[i], index, base_url, broken[i], counts[i]);
    });

    InternalLinkReport report;
    report.pages = pages.size();
    std::vector<std::string> addresses;
    addresses.reserve(outputs.size());
    for (const auto& o : outputs) addresses.push_back(page_url_for(o.path));
    std::map<std::string, std::string> page_hints;  // one nearest() search per missing address
    for (std::size_t i = 0; i < pages.size(); ++i) {
        report.links += counts[i];
        for (BrokenLink& b : broken[i]) {
            if (b.fault == LinkFault::no_page) {
                auto [it, fresh] = page_hints.try_emplace(b.target);
                if (fresh) it->second = near_address(b.target, addresses);
                b.suggestion = it->second;
            } else if (std::size_t to = index.find(b.target); to != SiteIndex::npos) {
                if (const Page* target = index.page(to)) {
                    b.suggestion = nearest(b.fragment, target->scan.ids);
                    const auto& h = target->scan.heading_ids;
                    b.headings.assign(h.begin(), h.begin() + std::min<std::size_t>(h.size(), 5));
                }
            }
            report.broken.push_back(std::move(b));
        }
    }
    return report;
}

}  // namespace brief
