#include "feeds/fetch_state.h"

#include <nlohmann/json.hpp>

#include "feeds/archive.h"
#include "util/dates.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/utf8.h"

namespace brief {

namespace {

std::optional<std::int64_t> json_time(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_string()) {
        if (auto t = parse_rfc3339(it->get<std::string>())) return t->utc_seconds;
    }
    return std::nullopt;
}

std::string json_text(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

int json_int(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

// A validator is opaque bytes (RFC 9110 allows obs-text in an ETag); JSON holds only UTF-8,
// so other bytes travel percent-encoded.
std::string json_validator(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it != j.end() && it->is_object()) return percent_decode(json_text(*it, "bytes"));
    return json_text(j, key);
}

nlohmann::ordered_json validator_json(const std::string& value) {
    if (is_valid_utf8(value)) return value;
    nlohmann::ordered_json o;
    o["bytes"] = url_encode_path(value);
    return o;
}

SourceState state_of(const nlohmann::json& v) {
    SourceState s;
    s.url = json_text(v, "url");
    s.etag = json_validator(v, "etag");
    s.last_modified = json_validator(v, "last_modified");
    s.last_error = json_text(v, "last_error");
    s.last_success = json_time(v, "last_success");
    s.last_attempt = json_time(v, "last_attempt");
    s.retry_after = json_time(v, "retry_after");
    s.last_status = json_int(v, "last_status");
    s.fresh_until = json_time(v, "fresh_until");
    s.failures = std::max(0, json_int(v, "failures"));
    s.backoff_until = json_time(v, "backoff_until");
    s.moved_to = json_text(v, "moved_to");
    s.moved_count = std::max(0, json_int(v, "moved_count"));
    s.gone_since = json_time(v, "gone_since");
    return s;
}

}  // namespace

void follow_url(SourceState& st, const std::string& url) {
    if (!st.url.empty() && st.url != url) {
        SourceState fresh;
        fresh.last_success = st.last_success;  // the source's history stays
        fresh.last_attempt = st.last_attempt;
        fresh.last_status = st.last_status;
        fresh.last_error = st.last_error;
        st = std::move(fresh);
    }
    st.url = url;
}

std::map<std::string, SourceState> parse_state(const std::string& file, std::string_view text,
                                               Diagnostics& diags) {
    std::map<std::string, SourceState> out;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    auto warn = [&](std::string msg) {
        diags.add({file,
                   0,
                   0,
                   Severity::warning,
                   std::move(msg),
                   "the next fetch rewrites it; conditional requests start afresh",
                   {}});
    };
    if (j.is_discarded() || !j.is_object()) {
        warn("not valid JSON; the fetch state is ignored");
        return out;
    }
    auto sources = j.find("sources");
    if (sources == j.end() || !sources->is_object()) {
        warn("no \"sources\" object; the fetch state is ignored");
        return out;
    }
    for (auto it = sources->begin(); it != sources->end(); ++it)
        if (it->is_object()) out[it.key()] = state_of(*it);
    return out;
}

std::map<std::string, SourceState> load_state(const std::filesystem::path& root,
                                              Diagnostics& diags) {
    std::filesystem::path path = root / "content" / "feeds" / "state.json";
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) return {};
    const std::size_t refused = diags.error_count();
    auto text = read_site_file(root, "content/feeds/state.json", diags);
    if (!text && diags.error_count() > refused) return {};  // a link out of the site
    if (!text) {
        diags.add(
            {"content/feeds/state.json", 0, 0, Severity::warning, "cannot read the file", {}, {}});
        return {};
    }
    if (!check_utf8_file("content/feeds/state.json", *text, diags)) return {};
    return parse_state("content/feeds/state.json", *text, diags);
}

std::string serialize_state(const std::map<std::string, SourceState>& state) {
    nlohmann::ordered_json sources = nlohmann::ordered_json::object();
    auto time = [](const std::optional<std::int64_t>& t) {
        return t ? nlohmann::ordered_json(format_rfc3339_utc(*t)) : nlohmann::ordered_json();
    };
    for (const auto& [id, s] : state) {
        nlohmann::ordered_json v;
        v["url"] = s.url;
        v["etag"] = validator_json(s.etag);
        v["last_modified"] = validator_json(s.last_modified);
        v["last_status"] = s.last_status;
        v["last_attempt"] = time(s.last_attempt);
        v["last_success"] = time(s.last_success);
        v["last_error"] = s.last_error;
        v["retry_after"] = time(s.retry_after);
        v["fresh_until"] = time(s.fresh_until);
        v["failures"] = s.failures;
        v["backoff_until"] = time(s.backoff_until);
        v["moved_to"] = s.moved_to;
        v["moved_count"] = s.moved_count;
        v["gone_since"] = time(s.gone_since);
        sources[id] = std::move(v);
    }
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    doc["sources"] = std::move(sources);
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string save_state(const std::filesystem::path& root,
                       const std::map<std::string, SourceState>& state) {
    std::filesystem::path dir = root / "content" / "feeds";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return "cannot create " + dir.string() + ": " + ec.message();
    if (std::string why = archive_write_refusal(root, "state.json"); !why.empty()) return why;
    return write_file_atomic(dir / "state.json", serialize_state(state));
}

}  // namespace brief
