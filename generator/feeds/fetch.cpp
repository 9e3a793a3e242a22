#include "feeds/fetch.h"

#include <algorithm>
#include <chrono>

#include "feeds/charset.h"
#include "feeds/feed_dates.h"
#include "feeds/filter.h"
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

int FetchReport::attempted() const {
    return static_cast<int>(std::count_if(sources.begin(), sources.end(), [](const auto& s) {
        return s.outcome != FetchOutcome::skipped;
    }));
}

std::optional<std::int64_t> retry_after_until(std::string_view value, std::int64_t now) {
    std::string_view v = trim(value);
    if (v.empty()) return std::nullopt;
    if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (v.size() > 9) return std::nullopt;
        return now + std::stoll(std::string(v));
    }
    return parse_feed_date(v);
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

// What one answer means for its source: the row of the closing table, the source's state
// (validators, when to ask again, the last error) and, for a feed, its items merged.
void record_answer(const FetchResponse& r, const SourceConfig& src, std::int64_t now,
                   SourceReport& row, SourceState& st, ArchiveStore& store) {
    row.status = r.status;
    row.seconds = r.seconds;
    st.last_attempt = now;
    st.last_status = r.status;
    st.retry_after.reset();  // a new answer replaces any earlier request to wait
    if (!r.error.empty()) {
        row.outcome = FetchOutcome::failed;
        row.error = r.error;
    } else if (r.status == 304) {
        row.outcome = FetchOutcome::not_modified;
    } else if (r.status == 429 || r.status == 503) {
        row.outcome = FetchOutcome::failed;
        row.error = "HTTP " + std::to_string(r.status);
        if (auto until = retry_after_until(r.retry_after, now)) {
            st.retry_after = *until;
            row.error += "; will not ask again before " + format_rfc3339_utc(*until);
        }
    } else if (r.status < 200 || r.status >= 300) {
        row.outcome = FetchOutcome::failed;
        row.error = "HTTP " + std::to_string(r.status);
    } else {
        ParsedFeed feed = parse_feed_bytes(r.body, r.content_type, r.effective_url);
        row.warnings = feed.warnings;
        if (!feed.ok()) {
            row.outcome = FetchOutcome::failed;
            row.error = feed.error;
            if (!r.content_type.empty()) row.error += " (served as " + r.content_type + ")";
        } else {
            if (!feed_like_content_type(r.content_type))
                row.warnings.push_back("served as " + r.content_type +
                                       ", not as a feed type; read it anyway");
            row.outcome = FetchOutcome::fetched;
            auto items = items_from_feed(src, feed, now, &row.filtered);
            MergeResult m = store.merge(items);
            row.added = m.added;
            row.updated = m.updated;
            st.etag = r.etag;
            st.last_modified = r.last_modified;
        }
    }
    if (row.outcome == FetchOutcome::fetched || row.outcome == FetchOutcome::not_modified) {
        st.last_success = now;
        st.last_error.clear();
        st.retry_after.reset();
    } else {
        st.last_error = row.error;
    }
    row.total = store.count_for_source(r.key);
}

}  // namespace

FetchReport fetch_sources(const std::filesystem::path& root,
                          const std::vector<SourceConfig>& sources, const FetchSettings& settings,
                          const TimeZone& zone, HttpFetcher& http, Diagnostics& diags,
                          const SourceDoneCallback& on_done) {
    FetchReport report;
    const std::int64_t now = now_seconds();
    auto state = load_state(root, diags);
    ArchiveStore store(root, zone, diags);

    std::vector<FetchRequest> requests;
    std::vector<const SourceConfig*> requested;
    std::size_t total = sources.size();
    std::size_t done = 0;
    std::map<std::string, SourceReport> rows;
    for (const auto& s : sources) {
        SourceReport row;
        row.id = s.id;
        row.name = s.name;
        SourceState& st = state[s.id];
        if (st.retry_after && *st.retry_after > now) {
            row.outcome = FetchOutcome::skipped;
            row.status = st.last_status;
            row.error =
                "skipped: the server asked to wait until " + format_rfc3339_utc(*st.retry_after);
            row.total = store.count_for_source(s.id);
            rows[s.id] = row;
            ++done;
            if (on_done) on_done(row, done, total);
            continue;
        }
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
        record_answer(r, src, now, rows[r.key], state[r.key], store);
    };

    http.fetch_all(requests, [&](const FetchResponse& r, std::size_t, std::size_t) {
        handle(r);
        ++done;
        if (on_done) on_done(rows[r.key], done, total);
    });

    // The week files first, then the state that describes them: a fetch killed in between
    // only repeats some conditional requests next time.
    report.write_errors = store.save();
    if (!report.write_errors.empty()) {
        // Items that could not be saved must be offered again: forget the validators so the
        // next run asks for the whole feed instead of getting a 304.
        for (const auto& [id, row] : rows)
            if (row.outcome == FetchOutcome::fetched)
                state[id].etag.clear(), state[id].last_modified.clear();
    }
    for (auto& [id, row] : rows) row.total = store.count_for_source(id);
    std::string err = save_state(root, state);
    if (!err.empty()) report.write_errors.push_back(err);
    for (const auto& s : sources) report.sources.push_back(rows[s.id]);
    return report;
}

}  // namespace brief
