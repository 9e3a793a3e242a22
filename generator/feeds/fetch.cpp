#include "feeds/fetch.h"

#include <algorithm>
#include <chrono>

#include "feeds/filter.h"
#include "feeds/politeness.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {

namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool feed_like_content_type(std::string_view content_type) {
    std::string t = to_lower_ascii(content_type);
    return t.find("xml") != std::string::npos || t.find("json") != std::string::npos ||
           t.find("rss") != std::string::npos || t.find("atom") != std::string::npos || t.empty() ||
           t.starts_with("text/plain") || t.starts_with("application/octet-stream");
}

}  // namespace

bool SourceReport::asked() const {
    return outcome == FetchOutcome::fetched || outcome == FetchOutcome::not_modified ||
           outcome == FetchOutcome::failed;
}

int FetchReport::answered() const {
    return static_cast<int>(std::count_if(sources.begin(), sources.end(), [](const auto& s) {
        return s.outcome == FetchOutcome::fetched || s.outcome == FetchOutcome::not_modified;
    }));
}

int FetchReport::failed() const {
    return static_cast<int>(std::count_if(sources.begin(), sources.end(), [](const auto& s) {
        return s.outcome == FetchOutcome::failed;
    }));
}

int FetchReport::failing() const {
    return static_cast<int>(std::count_if(sources.begin(), sources.end(), [](const auto& s) {
        return s.outcome == FetchOutcome::failed || s.outcome == FetchOutcome::backing_off ||
               s.outcome == FetchOutcome::gone;
    }));
}

int FetchReport::attempted() const {
    return static_cast<int>(
        std::count_if(sources.begin(), sources.end(), [](const auto& s) { return s.asked(); }));
}

std::vector<ArchiveItem> items_from_feed(const SourceConfig& source, const ParsedFeed& feed,
                                         std::int64_t fetched, int* filtered) {
    std::vector<ArchiveItem> out;
    int dropped = 0;
    for (const FeedItem& f : feed.items) {
        std::string text = f.title + " " + f.summary_text;
        for (const auto& c : f.categories) text += " " + c;
        FilterResult fr = filter_item(text, source.include, source.exclude);
        if (!fr.keep) {
            ++dropped;
            continue;
        }
        ArchiveItem item;
        item.source_id = source.id;
        item.guid = f.id;
        item.url = f.url;
        item.canonical_url = f.url.empty() ? std::string{} : canonical_url(f.url);
        // A guid that is only the link again adds nothing; the canonical URL then identifies
        // the item, so tracking parameters do not make it new.
        bool real_guid = !f.id.empty() && f.id != f.url;
        item.id = archive_item_id(source.id, real_guid ? f.id : std::string{},
                                  item.canonical_url.empty() ? f.id : item.canonical_url);
        item.title = f.title;
        item.published = f.published;
        item.updated = f.updated;
        item.fetched = fetched;
        item.author = f.author;
        item.summary_text = f.summary_text;
        item.summary_html = f.summary_html;
        item.categories = f.categories;
        item.matched = std::move(fr.matched);
        out.push_back(std::move(item));
    }
    if (filtered) *filtered = dropped;
    return out;
}

namespace {

// "2026-11-25 12:15 +08:00": a moment as the site's clock shows it.
std::string local_time_text(std::int64_t t, const TimeZone& zone) {
    std::string s = format_rfc3339(zone.localize(t));
    return s.substr(0, 10) + " " + s.substr(11, 5) + " " + s.substr(19);
}

std::string backoff_text(const SourceState& st, const TimeZone& zone) {
    return "backing off until " + local_time_text(st.backoff_until.value_or(0), zone) + " after " +
           std::to_string(st.failures) + " failures in a row (last: " + st.last_error + ")";
}

// The warnings about a source's entry in sources.yaml that only its editor can act on.
void report_entry(const SourceConfig& src, const SourceState& st, const TimeZone& zone,
                  Diagnostics& diags) {
    if (st.moved_count >= kMovedReportAfter && st.moved_to != src.url)
        diags.add({"sources.yaml",
                   src.line,
                   0,
                   Severity::warning,
                   "source \"" + src.id + "\": url moved permanently to " + st.moved_to + " (on " +
                       std::to_string(st.moved_count) +
                       " fetches in a row); change its url: line to that",
                   {},
                   {}});
    if (st.gone_since)
        diags.add({"sources.yaml",
                   src.line,
                   0,
                   Severity::warning,
                   "source \"" + src.id + "\": the feed is gone (410 Gone since " +
                       local_time_text(*st.gone_since, zone) + "); Brief no longer asks it",
                   "remove the entry or set 'enabled: false'; brief fetch --force asks it again",
                   {}});
}

// The row of a source that is not asked now, or nullopt when it is due.
std::optional<SourceReport> not_asked(const SourceConfig& src, const SourceState& st,
                                      std::int64_t now, const TimeZone& zone) {
    Due due = when_due(st, now);
    if (due.wait == Wait::none) return std::nullopt;
    SourceReport row;
    row.id = src.id;
    row.name = src.name;
    row.status = st.last_status;
    switch (due.wait) {
        case Wait::gone:
            row.outcome = FetchOutcome::gone;
            row.error = "gone: answered 410 Gone on " + local_time_text(due.until, zone) +
                        "; no longer asked (brief fetch --force asks again)";
            break;
        case Wait::retry_after:
            row.outcome = FetchOutcome::skipped;
            row.error = "skipped: the server asked to wait until " + format_rfc3339_utc(due.until);
            break;
        case Wait::backing_off:
            row.outcome = FetchOutcome::backing_off;
            row.error = backoff_text(st, zone);
            row.warnings.push_back(row.error);
            break;
        default:
            row.outcome = FetchOutcome::not_due;
            row.error = "not due until " + local_time_text(due.until, zone) +
                        " (its last answer is fresh until then)";
            break;
    }
    return row;
}

// A 2xx answer read as a feed and its items merged; false (with the row's error) when the
// body is not a feed.
bool read_feed(const FetchResponse& r, const SourceConfig& src, std::int64_t now, SourceReport& row,
               ArchiveStore& store) {
    ParsedFeed feed = parse_feed_bytes(r.body, r.content_type, r.effective_url);
    row.warnings = feed.warnings;
    if (!feed.ok()) {
        row.error = feed.error;
        if (!r.content_type.empty()) row.error += " (served as " + r.content_type + ")";
        return false;
    }
    if (!feed_like_content_type(r.content_type))
        row.warnings.push_back("served as " + r.content_type +
                               ", not as a feed type; read it anyway");
    auto items = items_from_feed(src, feed, now, &row.filtered);
    MergeResult m = store.merge(items);
    row.added = m.added;
    row.updated = m.updated;
    return true;
}

// What the state keeps of a failed fetch: a 410 Gone stops the asking; any other failure
// counts toward the backoff.
void after_failure(const FetchResponse& r, std::int64_t now, const TimeZone& zone,
                   SourceReport& row, SourceState& st) {
    st.last_error = row.error;
    st.fresh_until.reset();
    if (r.status == 410) {
        if (!st.gone_since) st.gone_since = now;
        st.last_error = "HTTP 410 Gone";
        row.error = "HTTP 410 Gone; no longer asked (brief fetch --force asks again)";
        return;
    }
    ++st.failures;
    if (std::int64_t wait = backoff_seconds(st.failures); wait > 0) {
        st.backoff_until = now + wait;
        row.error += "; backing off until " + local_time_text(*st.backoff_until, zone);
        row.warnings.push_back(backoff_text(st, zone));
    }
}

// What one answer means for its source: the row of the closing table, the source's state
// (validators, when to ask again, the last error) and, for a feed, its items merged.
void record_answer(const FetchResponse& r, const SourceConfig& src, std::int64_t now,
                   const TimeZone& zone, SourceReport& row, SourceState& st, ArchiveStore& store) {
    row.status = r.status;
    row.seconds = r.seconds;
    st.last_attempt = now;
    st.last_status = r.status;
    st.retry_after.reset();  // a new answer replaces any earlier request to wait
    st.backoff_until.reset();
    // A fetch that got no answer at all says nothing about redirects.
    if (r.status > 0 || !r.moved_to.empty()) note_redirects(st, r.moved_to);
    row.outcome = FetchOutcome::failed;
    if (!r.error.empty()) {
        row.error = r.error;
    } else if (r.status == 304) {
        row.outcome = FetchOutcome::not_modified;
    } else if (r.status == 429 || r.status == 503) {
        row.error = "HTTP " + std::to_string(r.status);
        if (auto until = retry_after_until(r.retry_after, now)) {
            st.retry_after = *until;
            row.error += "; will not ask again before " + format_rfc3339_utc(*until);
        }
    } else if (r.status < 200 || r.status >= 300) {
        row.error = "HTTP " + std::to_string(r.status);
    } else if (read_feed(r, src, now, row, store)) {
        row.outcome = FetchOutcome::fetched;
        st.etag = r.etag;
        st.last_modified = r.last_modified;
    }
    if (row.outcome == FetchOutcome::fetched || row.outcome == FetchOutcome::not_modified) {
        st.last_success = now;
        st.last_error.clear();
        st.failures = 0;
        st.gone_since.reset();
        st.fresh_until = fresh_until(r.cache, now);
    } else {
        after_failure(r, now, zone, row, st);
    }
    row.total = store.count_for_source(r.key);
}

}  // namespace

FetchReport fetch_sources(const std::filesystem::path& root,
                          const std::vector<SourceConfig>& sources, const FetchSettings& settings,
                          const TimeZone& zone, HttpFetcher& http, Diagnostics& diags,
                          const SourceDoneCallback& on_done) {
    FetchReport report;
    const std::int64_t now = settings.now ? settings.now : now_seconds();
    auto state = load_state(root, diags);
    ArchiveStore store(root, zone, diags);

    std::vector<FetchRequest> requests;
    std::vector<const SourceConfig*> requested;
    std::size_t total = sources.size();
    std::size_t done = 0;
    std::map<std::string, SourceReport> rows;
    for (const auto& s : sources) {
        SourceState& st = state[s.id];
        follow_url(st, s.url);
        if (auto row = settings.force ? std::nullopt : not_asked(s, st, now, zone)) {
            row->total = store.count_for_source(s.id);
            rows[s.id] = *row;
            ++done;
            if (on_done) on_done(*row, done, total);
            continue;
        }
        SourceReport row;
        row.id = s.id;
        row.name = s.name;
        FetchRequest req;
        req.key = s.id;
        req.url = s.url;
        req.etag = st.etag;
        req.last_modified = st.last_modified;
        req.timeout_seconds = s.timeout_seconds > 0 ? s.timeout_seconds : settings.timeout_seconds;
        req.max_bytes = settings.max_bytes;
        requests.push_back(std::move(req));
        requested.push_back(&s);
        rows[s.id] = row;
    }

    auto handle = [&](const FetchResponse& r) {
        const SourceConfig& src =
            **std::find_if(requested.begin(), requested.end(),
                           [&](const SourceConfig* s) { return s->id == r.key; });
        record_answer(r, src, now, zone, rows[r.key], state[r.key], store);
    };

    http.fetch_all(requests, [&](const FetchResponse& r, std::size_t, std::size_t) {
        handle(r);
        ++done;
        if (on_done) on_done(rows[r.key], done, total);
    });
    for (const auto& s : sources) report_entry(s, state[s.id], zone, diags);

    // The week files first, then the state that describes them: a fetch killed in between
    // only repeats some conditional requests next time.
    report.write_errors = store.save();
    if (!report.write_errors.empty()) {
        // Items that could not be saved must be offered again: forget the validators so the
        // next run asks for the whole feed instead of getting a 304 (or waiting out a
        // freshness that the lost items never had).
        for (const auto& [id, row] : rows)
            if (row.outcome == FetchOutcome::fetched) {
                state[id].etag.clear(), state[id].last_modified.clear();
                state[id].fresh_until.reset();
            }
    }
    for (auto& [id, row] : rows) row.total = store.count_for_source(id);
    std::string err = save_state(root, state);
    if (!err.empty()) report.write_errors.push_back(err);
    for (const auto& s : sources) report.sources.push_back(rows[s.id]);
    return report;
}

}  // namespace brief
