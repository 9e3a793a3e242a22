#include "model/site.h"

#include <algorithm>
#include <limits>
#include <set>
#include <unordered_map>

#include "util/text.h"

namespace brief {
namespace {

// Newest first, then slug: a total order whatever the file order was.
bool newest_first(const Entry& a, const Entry& b) {
    std::int64_t da = a.doc->date ? a.doc->date->utc_seconds : INT64_MIN;
    std::int64_t db = b.doc->date ? b.doc->date->utc_seconds : INT64_MIN;
    if (da != db) return da > db;
    if (a.doc->slug != b.doc->slug) return a.doc->slug < b.doc->slug;
    return a.doc->path < b.doc->path;
}

std::optional<IsoWeek> week_of(const std::optional<Timestamp>& t, const TimeZone& zone) {
    if (!t) return std::nullopt;
    return iso_week(zone.localize(t->utc_seconds).local().date);
}

std::string section_prefix(Section s) {
    switch (s) {
        case Section::briefing:
            return "/briefings/";
        case Section::guide:
            return "/guides/";
        case Section::page:
            return "/";
        case Section::week:
            return "/weeks/";
    }
    return "/";
}

}  // namespace

std::map<std::string, std::string> term_slugs(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::map<std::string, std::string> out;
    std::set<std::string> used;
    for (const auto& n : names) {
        std::string base = slugify(n);
        if (base.empty()) base = "term";
        std::string s = base;
        for (int i = 2; used.count(s); ++i) s = base + "-" + std::to_string(i);
        used.insert(s);
        out[n] = s;
    }
    return out;
}

std::vector<std::vector<std::size_t>> compute_related(const std::vector<Entry>& briefings,
                                                      std::size_t count) {
    constexpr std::size_t kWindow = 64;  // neighbours per term on each side of a briefing
    std::vector<std::vector<std::size_t>> out(briefings.size());
    if (count == 0) return out;
    // Postings: term -> briefing indices in site order (newest first).
    std::unordered_map<std::string, std::vector<std::size_t>> postings;
    std::vector<std::vector<std::pair<std::string, int>>> terms(briefings.size());
    for (std::size_t i = 0; i < briefings.size(); ++i) {
        std::set<std::string> seen;
        for (const auto& e : briefings[i].doc->entities)
            if (seen.insert("e:" + e).second) terms[i].push_back({"e:" + e, 3});
        for (const auto& t : briefings[i].doc->topics)
            if (seen.insert("t:" + t).second) terms[i].push_back({"t:" + t, 2});
        for (const auto& [term, w] : terms[i]) postings[term].push_back(i);
    }
    // Scores in a dense array, reset through the list of entries touched.
    std::vector<int> score_of(briefings.size(), 0);
    std::vector<std::size_t> touched;
    std::vector<std::pair<std::size_t, int>> score;
    for (std::size_t i = 0; i < briefings.size(); ++i) {
        for (std::size_t j : touched) score_of[j] = 0;
        touched.clear();
        for (const auto& [term, weight] : terms[i]) {
            const auto& list = postings[term];
            auto pos = std::lower_bound(list.begin(), list.end(), i) - list.begin();
            std::size_t lo = pos > static_cast<std::ptrdiff_t>(kWindow) ? pos - kWindow : 0;
            std::size_t hi = std::min(list.size(), static_cast<std::size_t>(pos) + kWindow + 1);
            for (std::size_t k = lo; k < hi; ++k) {
                std::size_t j = list[k];
                if (j == i) continue;
                if (score_of[j] == 0) touched.push_back(j);
                score_of[j] += weight;
            }
        }
        score.clear();
        for (std::size_t j : touched) score.push_back({j, score_of[j]});
        std::vector<std::pair<int, std::size_t>> ranked;
        ranked.reserve(score.size());
        for (auto [j, s] : score) {
            if (briefings[i].doc->layer != Layer::none &&
                briefings[j].doc->layer == briefings[i].doc->layer)
                s += 1;
            ranked.push_back({s, j});
        }
        // Higher score first; on a tie the lower index (newer, then slug) wins.
        auto better = [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        };
        std::size_t n = std::min(count, ranked.size());
        std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n),
                          ranked.end(), better);
        for (std::size_t k = 0; k < n; ++k) out[i].push_back(ranked[k].second);
    }
    return out;
}

namespace {

// See Site::stable_until. Every use of the build time in the model and the render is listed
// here; a moment too early only costs a rebuild, a moment too late would serve stale pages.
std::int64_t stable_until(const Content& content, const std::vector<ArchiveItem>& archive,
                          const ModelOptions& options) {
    const std::int64_t now = options.now;
    std::int64_t until = std::numeric_limits<std::int64_t>::max();
    auto after = [&](std::int64_t t) {
        if (t > now) until = std::min(until, t);
    };
    // A briefing dated after the build time comes due.
    if (!options.future)
        for (const auto& doc : content.documents)
            if (doc.date && (!doc.draft || options.drafts)) after(doc.date->utc_seconds);
    // The current week (the home page's digest) and the footer's year: local midnights, taken
    // 14 hours early so that no time zone offset can make them late.
    constexpr std::int64_t kMaxOffset = 14 * 3600;
    const CivilDate today = content.site.timezone.localize(now).local().date;
    after((days_from_civil(iso_week(today).monday()) + 7) * 86400 - kMaxOffset);
    after(days_from_civil(CivilDate{today.year + 1, 1, 1}) * 86400 - kMaxOffset);
    // Items entering or leaving the sources page's four weeks and the inbox's 14 days.
    for (const auto& item : archive) {
        after(item.sort_time());
        after(item.sort_time() + 28 * 86400 + 1);
        if (options.drafts) after(item.sort_time() + 14 * 86400 + 1);
    }
    return until;
}

}  // namespace

namespace {

// Every document this build publishes, as an entry of its section, each section in its order.
void add_entries(Site& site, const Content& content, const ModelOptions& options) {
    const TimeZone& zone = content.site.timezone;
    for (const auto& doc : content.documents) {
        if (doc.draft && !options.drafts) continue;
        if (doc.date && doc.date->utc_seconds > options.now && !options.future) continue;
        Entry e;
        e.doc = &doc;
        e.url = section_prefix(doc.section) + doc.slug + "/";
        e.lang = doc.lang.empty() ? content.site.language : doc.lang;
        e.week = week_of(doc.date, zone);
        if (doc.section == Section::briefing)
            site.briefings.push_back(std::move(e));
        else if (doc.section == Section::guide)
            site.guides.push_back(std::move(e));
        else
            site.pages.push_back(std::move(e));
    }
    std::sort(site.briefings.begin(), site.briefings.end(), newest_first);
    std::sort(site.guides.begin(), site.guides.end(), newest_first);
    std::sort(site.pages.begin(), site.pages.end(),
              [](const Entry& a, const Entry& b) { return a.doc->slug < b.doc->slug; });
}

// A page's address may not collide with a site-wide page.
void check_reserved_slugs(const Site& site, Diagnostics& diags) {
    static const std::set<std::string> reserved = {"briefings", "guides",  "weeks", "topics",
                                                   "entities",  "signals", "tools", "faq",
                                                   "sources",   "search",  "inbox", "static"};
    for (const auto& p : site.pages) {
        if (reserved.count(p.doc->slug)) {
            Diagnostic d;
            d.file = p.doc->path;
            d.line = 1;
            d.column = 1;
            d.message = "the page slug '" + p.doc->slug + "' is taken by a site-wide page (/" +
                        p.doc->slug + "/)";
            d.hint = "give the page another slug (slug: …)";
            diags.add(std::move(d));
        }
    }
}

// Entries sharing a translation_key link to each other.
void link_translations(Site& site) {
    std::map<std::string, std::vector<Entry*>> by_key;
    for (auto* list : {&site.briefings, &site.guides, &site.pages})
        for (auto& e : *list)
            if (!e.doc->translation_key.empty()) by_key[e.doc->translation_key].push_back(&e);
    for (auto& [key, group] : by_key) {
        for (Entry* e : group)
            for (Entry* other : group)
                if (other != e)
                    e->translations.push_back({other->lang, other->url, other->doc->title});
        for (Entry* e : group)
            std::sort(e->translations.begin(), e->translations.end(),
                      [](const Translation& a, const Translation& b) {
                          return std::tie(a.lang, a.url) < std::tie(b.lang, b.url);
                      });
    }
}

// Every week with a briefing, an archive item or a note, in order, and the current one.
void add_weeks(Site& site, const Content& content, const std::vector<ArchiveItem>& archive,
               const ModelOptions& options) {
    const TimeZone& zone = content.site.timezone;
    std::map<IsoWeek, WeekDigest> weeks;
    auto digest = [&](const IsoWeek& w) -> WeekDigest& {
        auto& d = weeks[w];
        d.week = w;
        d.url = "/weeks/" + w.str() + "/";
        return d;
    };
    for (std::size_t i = 0; i < site.briefings.size(); ++i)
        if (site.briefings[i].week) digest(*site.briefings[i].week).briefings.push_back(i);
    for (std::size_t i = archive.size(); i-- > 0;) {
        IsoWeek w = iso_week(zone.localize(archive[i].sort_time()).local().date);
        digest(w).items.push_back(i);
    }
    for (const auto& note : content.weeks) {
        if (note.draft && !options.drafts) continue;
        if (auto w = IsoWeek::parse(note.slug)) digest(*w).note = &note;
    }
    for (auto& [w, d] : weeks) site.weeks.push_back(std::move(d));
    for (std::size_t i = 0; i < site.weeks.size(); ++i) {
        if (i > 0) site.weeks[i].prev = i - 1;
        if (i + 1 < site.weeks.size()) site.weeks[i].next = i + 1;
    }
    if (!site.weeks.empty()) {
        IsoWeek now_week = iso_week(zone.localize(options.now).local().date);
        std::size_t pick = site.weeks.size() - 1;
        for (std::size_t i = 0; i < site.weeks.size(); ++i)
            if (site.weeks[i].week <= now_week) pick = i;
        site.current_week = pick;
    }
}

// The site-wide boards: signals, tools and FAQ entries from every briefing, guide and data file.
void add_boards(Site& site, const Content& content) {
    for (std::size_t i = 0; i < site.briefings.size(); ++i)
        for (const auto& s : site.briefings[i].doc->signals)
            site.signals.push_back({s, site.briefings[i].doc->layer, i});
    // A standing signal that a briefing already lists shows once, as the briefing's row (which
    // links to its evidence).
    std::set<std::string> listed;
    for (const auto& b : site.signals) listed.insert(to_lower_ascii(b.signal.signal));
    for (const auto& s : content.data_signals)
        if (!listed.count(to_lower_ascii(s.signal)))
            site.signals.push_back({s, s.layer, std::nullopt});
    for (const auto& t : content.data_tools) site.tools.push_back({t, std::nullopt, std::nullopt});
    for (std::size_t i = 0; i < site.guides.size(); ++i)
        for (const auto& t : site.guides[i].doc->tools) site.tools.push_back({t, std::nullopt, i});
    for (std::size_t i = 0; i < site.briefings.size(); ++i)
        for (const auto& t : site.briefings[i].doc->tools)
            site.tools.push_back({t, i, std::nullopt});
    std::stable_sort(
        site.tools.begin(), site.tools.end(), [](const BoardTool& a, const BoardTool& b) {
            return std::tie(a.tool.purpose, a.tool.name) < std::tie(b.tool.purpose, b.tool.name);
        });
    for (const auto* list : {&site.guides, &site.briefings})
        for (const auto& e : *list)
            for (const auto& f : e.doc->faq)
                site.faq.push_back({f,
                                    e.doc->topics.empty() ? std::string{} : e.doc->topics.front(),
                                    e.url, e.doc->title});
    std::stable_sort(site.faq.begin(), site.faq.end(),
                     [](const BoardFaq& a, const BoardFaq& b) { return a.topic < b.topic; });
}

// Each watched source with its state and how many items it brought.
void add_sources(Site& site, const std::vector<SourceConfig>& sources,
                 const std::map<std::string, SourceState>& state,
                 const std::vector<ArchiveItem>& archive, const ModelOptions& options) {
    const std::int64_t four_weeks_ago = options.now - 28 * 86400;
    for (const auto& s : sources) site.source_names[s.id] = s.name;
    for (const auto& s : sources) {
        SourceSummary sum;
        sum.config = &s;
        if (auto it = state.find(s.id); it != state.end()) sum.state = it->second;
        for (const auto& item : archive) {
            if (item.source_id != s.id) continue;
            ++sum.items_total;
            if (item.sort_time() >= four_weeks_ago && item.sort_time() <= options.now)
                ++sum.items_last_four_weeks;
        }
        site.sources.push_back(sum);
    }
}

// A redirect page at every alias, sorted by path.
void add_aliases(Site& site) {
    for (const auto* list : {&site.briefings, &site.guides, &site.pages})
        for (const auto& e : *list)
            for (auto a : e.doc->aliases) {
                if (a.back() != '/' && a.find('.', a.rfind('/')) == std::string::npos) a += '/';
                site.aliases.push_back({a, e.url});
            }
    std::sort(site.aliases.begin(), site.aliases.end(),
              [](const Alias& a, const Alias& b) { return a.path < b.path; });
}

}  // namespace

Site build_site(const Content& content, const std::vector<ArchiveItem>& archive,
                const std::vector<SourceConfig>& sources,
                const std::map<std::string, SourceState>& state, const ModelOptions& options,
                Diagnostics& diags) {
    Site site;
    site.config = &content.site;
    site.build_time = options.now;
    site.archive = &archive;
    site.archive_index = ArchiveIndex(archive);

    add_entries(site, content, options);
    check_reserved_slugs(site, diags);
    link_translations(site);
    // Taxonomies.
    auto build_terms = [&](bool topics) {
        std::vector<std::string> names;
        for (const auto& b : site.briefings)
            for (const auto& n : topics ? b.doc->topics : b.doc->entities) names.push_back(n);
        auto slugs = term_slugs(names);
        std::vector<Term> terms;
        std::map<std::string, std::size_t> index;
        for (const auto& [name, slug] : slugs) {
            index[name] = terms.size();
            terms.push_back({name, slug, (topics ? "/topics/" : "/entities/") + slug + "/", {}});
        }
        for (std::size_t i = 0; i < site.briefings.size(); ++i) {
            std::set<std::string> once;
            for (const auto& n :
                 topics ? site.briefings[i].doc->topics : site.briefings[i].doc->entities)
                if (once.insert(n).second) terms[index[n]].briefings.push_back(i);
        }
        return terms;
    };
    site.topics = build_terms(true);
    site.entities = build_terms(false);

    // Related briefings.
    auto related =
        compute_related(site.briefings, static_cast<std::size_t>(content.site.related_count));
    for (std::size_t i = 0; i < site.briefings.size(); ++i)
        site.briefings[i].related = std::move(related[i]);

    // Archive coverage: the story a briefing's discovered_from names (id, URL or canonical URL).
    std::vector<std::string_view> discovered_from;
    for (const auto& b : site.briefings) discovered_from.push_back(b.doc->discovered_from);
    site.covered = covering_briefings(discovered_from, site.archive_index);

    add_weeks(site, content, archive, options);
    add_boards(site, content);
    add_sources(site, sources, state, archive, options);
    if (options.drafts)
        site.inbox = inbox_entries(archive, site.archive_index, content.documents, options.now, 14);
    site.stable_until = stable_until(content, archive, options);
    // Without briefings the feeds' dates fall back to the build time itself.
    if (site.briefings.empty()) site.stable_until = options.now;

    add_aliases(site);
    return site;
}

}  // namespace brief
