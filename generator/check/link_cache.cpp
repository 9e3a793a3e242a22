#include "check/link_cache.h"

#include <nlohmann/json.hpp>

#include "util/fs.h"

namespace brief {

namespace {

constexpr int kCacheVersion = 1;

nlohmann::json entry_json(const LinkStatus& s) {
    nlohmann::json j;
    j["checked"] = s.checked_at;
    j["status"] = s.status;
    j["method"] = s.method;
    if (s.redirects > 0) {
        j["first_status"] = s.first_status;
        j["redirects"] = s.redirects;
        j["final_url"] = s.final_url;
    }
    return j;
}

}  // namespace

std::filesystem::path link_cache_path(const std::filesystem::path& source) {
    return source / ".brief-cache" / "links.json";
}

std::optional<LinkCache> parse_link_cache(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || j.value("version", 0) != kCacheVersion || !j.contains("links") ||
        !j["links"].is_object())
        return std::nullopt;
    LinkCache cache;
    for (const auto& item : j["links"].items()) {
        // Not a structured binding: clang 14 cannot capture one in the lambdas below.
        const std::string& url = item.key();
        const nlohmann::json& e = item.value();
        if (!e.is_object()) continue;
        LinkStatus s;
        s.url = url;
        auto number = [&](const char* key) -> std::int64_t {
            auto it = e.find(key);
            return it != e.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
        };
        auto text_of = [&](const char* key) -> std::string {
            auto it = e.find(key);
            return it != e.end() && it->is_string() ? it->get<std::string>() : std::string{};
        };
        s.checked_at = number("checked");
        s.status = static_cast<int>(number("status"));
        s.first_status = static_cast<int>(number("first_status"));
        s.redirects = static_cast<int>(number("redirects"));
        s.method = text_of("method");
        s.final_url = text_of("final_url");
        if (s.final_url.empty()) s.final_url = url;
        if (s.first_status == 0) s.first_status = s.status;
        s.from_cache = true;
        if (s.ok()) cache.links.emplace(url, std::move(s));
    }
    return cache;
}

LinkCache read_link_cache(const std::filesystem::path& file, std::string& warning) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return {};
    auto text = read_file(file);
    if (!text) {
        warning = "cannot read the link cache; checking every link again";
        return {};
    }
    auto cache = parse_link_cache(*text);
    if (!cache) {
        warning = "the link cache is not valid JSON of version 1; checking every link again";
        return {};
    }
    return std::move(*cache);
}

std::string serialize_link_cache(const LinkCache& cache) {
    // One entry a line: small diffs, and a person can read which links were checked when.
    std::string out = "{\"version\": " + std::to_string(kCacheVersion) + ", \"links\": {";
    bool first = true;
    for (const auto& [url, s] : cache.links) {
        out += first ? "\n  " : ",\n  ";
        first = false;
        out += nlohmann::json(url).dump() + ": " + entry_json(s).dump();
    }
    out += first ? "}}\n" : "\n}}\n";
    return out;
}

Status write_link_cache(const std::filesystem::path& file, const LinkCache& cache) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return fail("cannot create " + file.parent_path().string() + ": " + ec.message());
    return write_file_atomic(file, serialize_link_cache(cache), /*sync=*/false);
}

std::optional<LinkStatus> cached_status(const LinkCache& cache, const std::string& url,
                                        std::int64_t now, std::int64_t max_age_seconds) {
    auto it = cache.links.find(url);
    if (it == cache.links.end()) return std::nullopt;
    const LinkStatus& s = it->second;
    // An entry from the future (a clock that jumped back) is not trusted either.
    if (s.checked_at > now || now - s.checked_at >= max_age_seconds) return std::nullopt;
    LinkStatus out = s;
    out.from_cache = true;
    return out;
}

void update_link_cache(LinkCache& cache, const std::vector<LinkStatus>& results, std::int64_t now,
                       std::int64_t max_age_seconds) {
    for (const auto& r : results) {
        if (r.from_cache) continue;
        if (r.ok()) {
            LinkStatus s = r;
            s.checked_at = now;
            cache.links[r.url] = std::move(s);
        } else {
            cache.links.erase(r.url);
        }
    }
    std::erase_if(cache.links, [&](const auto& kv) {
        return kv.second.checked_at > now || now - kv.second.checked_at >= max_age_seconds;
    });
}

}  // namespace brief
