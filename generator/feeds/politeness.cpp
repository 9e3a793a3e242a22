#include "feeds/politeness.h"

#include <algorithm>

#include "feeds/feed_dates.h"
#include "util/text.h"

namespace brief {

namespace {

// Seconds written as digits (RFC 9111 §1.2.2); a number too long to hold is "very long".
std::optional<std::int64_t> delta_seconds(std::string_view v) {
    if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    if (v.size() > 12) return std::int64_t{999999999999};
    return std::stoll(std::string(v));
}

// The max-age of a Cache-Control value; 0 for "no-cache", "no-store" or a max-age that is not
// a number (a stale answer, RFC 9111 §4.2.1); nullopt when it says nothing of freshness.
std::optional<std::int64_t> max_age(std::string_view cache_control) {
    std::optional<std::int64_t> age;
    for (std::string_view part : split(cache_control, ',')) {
        std::string_view d = trim(part);
        auto eq = d.find('=');
        std::string name = to_lower_ascii(trim(d.substr(0, eq)));
        if (name == "no-cache" || name == "no-store") return 0;
        if (name != "max-age") continue;
        std::string_view v = eq == std::string_view::npos ? "" : trim(d.substr(eq + 1));
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        age = delta_seconds(v).value_or(0);
    }
    return age;
}

}  // namespace

std::optional<std::int64_t> fresh_until(const CacheHeaders& headers, std::int64_t now) {
    std::optional<std::int64_t> lifetime = max_age(headers.cache_control);
    if (!lifetime && !trim(headers.expires).empty()) {
        // An Expires that cannot be read means already expired (RFC 9111 §5.3); measured from
        // the server's Date, so a server whose clock is off gets the lifetime it meant.
        auto expires = parse_feed_date(headers.expires);
        if (!expires) return std::nullopt;
        lifetime = *expires - parse_feed_date(headers.date).value_or(now);
    }
    if (!lifetime) return std::nullopt;
    std::int64_t left = *lifetime - delta_seconds(trim(headers.age)).value_or(0);
    if (left <= 0) return std::nullopt;
    return now + std::min(left, kMaxFreshSeconds);
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

std::int64_t backoff_seconds(int failures) {
    if (failures < 2) return 0;
    std::int64_t wait = kFirstBackoffSeconds;
    for (int i = 2; i < failures && wait < kMaxBackoffSeconds; ++i) wait *= 2;
    return std::min(wait, kMaxBackoffSeconds);
}

Due when_due(const SourceState& st, std::int64_t now) {
    if (st.gone_since) return {Wait::gone, *st.gone_since};
    Due due;
    for (auto [wait, until] : {std::pair{Wait::retry_after, st.retry_after},
                               std::pair{Wait::backing_off, st.backoff_until},
                               std::pair{Wait::not_due, st.fresh_until}}) {
        if (until && *until > now && *until > due.until) due = {wait, *until};
    }
    return due;
}

void note_redirects(SourceState& st, const std::string& moved_to) {
    if (moved_to.empty()) {
        st.moved_to.clear();
        st.moved_count = 0;
    } else if (moved_to == st.moved_to) {
        ++st.moved_count;
    } else {
        st.moved_to = moved_to;
        st.moved_count = 1;
    }
}

}  // namespace brief
