#pragma once
// The model stage: Documents + archive -> Site. Pure: no I/O, no clock (the build time comes
// in through ModelOptions), and every order is total, so the same input gives the same Site.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/document.h"
#include "content/loader.h"
#include "feeds/archive.h"
#include "feeds/fetch_state.h"
#include "feeds/sources.h"
#include "model/archive_index.h"
#include "model/inbox.h"
#include "util/dates.h"
#include "util/diagnostic.h"

namespace brief {

/// What the build was asked for.
struct ModelOptions {
    bool drafts = false;   ///< include drafts
    bool future = false;   ///< include documents dated after `now`
    std::int64_t now = 0;  ///< the build time (SOURCE_DATE_EPOCH or the clock), UTC seconds
};

/// Another language version of a page.
struct Translation {
    std::string lang;
    std::string url;
    std::string title;
};

/// A document that becomes a page.
struct Entry {
    const Document* doc = nullptr;
    std::string url;                   ///< "/briefings/slug/"
    std::string lang;                  ///< the document's lang, or the site's
    std::optional<IsoWeek> week;       ///< the ISO week of its date, in the site's time zone
    std::vector<std::size_t> related;  ///< indices into Site::briefings
    std::vector<Translation> translations;
};

/// A topic or an entity, with the briefings that carry it.
struct Term {
    std::string name;
    std::string slug;
    std::string url;                     ///< "/topics/<slug>/"
    std::vector<std::size_t> briefings;  ///< indices into Site::briefings, newest first
};

/// One ISO week's digest.
struct WeekDigest {
    IsoWeek week;
    std::string url;                        ///< "/weeks/2026-W47/"
    const Document* note = nullptr;         ///< content/weeks/<week>.md, if any
    std::vector<std::size_t> briefings;     ///< indices into Site::briefings, newest first
    std::vector<std::size_t> items;         ///< indices into Site::archive, newest first
    std::optional<std::size_t> prev, next;  ///< neighbouring non-empty digests (indices)
};

/// A row of the signals board.
struct BoardSignal {
    Signal signal;
    Layer layer = Layer::none;
    std::optional<std::size_t> briefing;  ///< where it came from; empty for data/signals.yaml
};

/// A row of the tools board.
struct BoardTool {
    Tool tool;
    std::optional<std::size_t> briefing;  ///< empty for data/tools.yaml
    std::optional<std::size_t> guide;     ///< index into Site::guides
};

/// An FAQ entry on the hub.
struct BoardFaq {
    FaqEntry entry;
    std::string topic;
    std::string page_url;
    std::string page_title;
};

/// A watched feed, as the sources page shows it.
struct SourceSummary {
    const SourceConfig* config = nullptr;
    std::optional<SourceState> state;
    std::size_t items_last_four_weeks = 0;
    std::size_t items_total = 0;
};

/// An old address that redirects to a page.
struct Alias {
    std::string path;  ///< "/old-path/"
    std::string target_url;
};

/// Everything render needs, in the order pages list it.
struct Site {
    const SiteConfig* config = nullptr;
    std::int64_t build_time = 0;
    /// The output is the same for every build time in [build_time, stable_until): the first
    /// moment after the build time at which a future briefing comes due, a week or a year
    /// begins, or an archive item enters or leaves a window (the sources' four weeks, the inbox).
    std::int64_t stable_until = 0;
    std::vector<Entry> briefings;   ///< newest first (date desc, then slug)
    std::vector<Entry> guides;      ///< newest first, undated last by slug
    std::vector<Entry> pages;       ///< by slug
    std::vector<Term> topics;       ///< by name
    std::vector<Term> entities;     ///< by name
    std::vector<WeekDigest> weeks;  ///< oldest first
    std::vector<BoardSignal> signals;
    std::vector<BoardTool> tools;
    std::vector<BoardFaq> faq;
    const std::vector<ArchiveItem>* archive = nullptr;
    /// Which item of `archive` a discovered_from names; every consumer asks this one.
    ArchiveIndex archive_index;
    std::map<std::string, std::string> source_names;  ///< source id -> display name
    std::vector<SourceSummary> sources;
    std::vector<Alias> aliases;
    std::optional<std::size_t> current_week;  ///< the digest of the build week, or the latest
    /// covered[i]: the briefing index that covers archive item i: the one that began from it
    /// (discovered_from), else one that began from another copy of its story.
    std::map<std::size_t, std::size_t> covered;
    /// The editor's inbox (one entry a story, newest first); built only with --drafts.
    std::optional<std::vector<InboxEntry>> inbox;
};

/// Builds the Site. `content` and `archive` must outlive it.
Site build_site(const Content& content, const std::vector<ArchiveItem>& archive,
                const std::vector<SourceConfig>& sources,
                const std::map<std::string, SourceState>& state, const ModelOptions& options,
                Diagnostics& diags);

/// The slugs of a list of term names: slugify, made unique in name order (-2, -3, …).
std::map<std::string, std::string> term_slugs(std::vector<std::string> names);

/// Related briefings for every briefing: shared entities weigh 3, topics 2, the layer 1; ties
/// by date (newer first) then slug. Uses an inverted index with a bounded window per term, so
/// the cost grows linearly with the number of briefings.
std::vector<std::vector<std::size_t>> compute_related(const std::vector<Entry>& briefings,
                                                      std::size_t count);

}  // namespace brief
