#include "cli/desk.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "cli/week_note.h"
#include "content/front_matter.h"
#include "content/yaml_writer.h"
#include "util/dates.h"
#include "util/embedded.h"
#include "util/fs.h"
#include "util/url.h"
#include "util/version.h"

namespace brief::cli {
namespace {

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Calls `on(key, begin, end)` for every `{{key}}` in `text`, in order.
template <typename F>
void for_each_placeholder(std::string_view text, F&& on) {
    std::size_t at = 0;
    while ((at = text.find("{{", at)) != std::string_view::npos) {
        std::size_t k = at + 2;
        while (k < text.size() && is_key_char(text[k])) ++k;
        if (k > at + 2 && text.substr(k, 2) == "}}") {
            on(text.substr(at + 2, k - at - 2), at, k + 2);
            at = k + 2;
        } else {
            at += 2;
        }
    }
}

// The languages the default theme has labels for (templates/i18n/<lang>.yaml).
std::vector<std::string> theme_languages() {
    std::vector<std::string> out;
    for (const auto& f : embedded_theme()) {
        std::string_view p = f.path;
        if (p.starts_with("i18n/") && p.ends_with(".yaml"))
            out.emplace_back(p.substr(5, p.size() - 5 - 5));
    }
    return out;
}

// True for a zone of the tz database: TimeZone::load finds the file, and it is a compiled
// zone (TZif), not one of the database's tables (zone.tab, tzdata.zi).
bool is_time_zone(const std::string& name) {
    if (!TimeZone::load(name)) return false;
    if (name == "UTC" || name == "Etc/UTC") return true;
    const char* dir = std::getenv("TZDIR");
    auto bytes = read_file(std::filesystem::path(dir ? dir : "/usr/share/zoneinfo") / name);
    return bytes && bytes->starts_with("TZif");
}

}  // namespace

std::string check_desk_settings(DeskSettings& s) {
    if (s.title.empty() || s.title.size() > 200)
        return "--title must be between 1 and 200 characters long";
    for (unsigned char c : s.title)
        if (c < 0x20 || c == 0x7f) return "--title must be one line of text, without tabs";
    const std::string& url = s.base_url;
    const UrlParts parts = split_url(url);
    bool spaces = url.find_first_of(" \t\r\n") != std::string::npos;
    if (spaces || !is_http_url(url) || parts.query || parts.fragment)
        return "--base-url '" + url +
               "' is not an http(s) address with a host; give the address the site will be "
               "published at, e.g. https://example.org/ or https://OWNER.github.io/REPOSITORY/";
    if (!s.base_url.ends_with('/')) s.base_url += '/';
    if (!is_time_zone(s.timezone))
        return "--timezone '" + s.timezone +
               "' is not a time zone of the tz database (/usr/share/zoneinfo); use an IANA name "
               "such as Europe/Berlin, America/New_York, Asia/Shanghai or UTC";
    const std::vector<std::string> langs = theme_languages();
    bool known = std::find(langs.begin(), langs.end(), s.language) != langs.end();
    if (!known) {
        std::string list;
        for (std::size_t i = 0; i < langs.size(); ++i)
            list += (i == 0 ? "" : i + 1 == langs.size() ? " and " : ", ") + langs[i];
        return "--language '" + s.language + "' " +
               (is_language_tag(s.language) ? "has no labels in Brief's default theme"
                                            : "is not a language tag") +
               "; start with one of " + list +
               " (a desk can add its own templates/i18n/<lang>.yaml later)";
    }
    return {};
}

std::map<std::string, std::string> desk_placeholders(const DeskSettings& s, std::int64_t now) {
    const TimeZone zone = TimeZone::load(s.timezone).value_or(TimeZone{});
    const CivilDate today = zone.localize(now).local().date;
    const IsoWeek week = iso_week(today);
    return {
        {"title", s.title},
        {"title_yaml", yaml_double_quoted(s.title)},
        {"base_url", s.base_url},
        {"language", s.language},
        {"timezone", s.timezone},
        {"date", format_date(today)},
        {"year", std::to_string(today.year)},
        {"week", week.str()},
        {"week_note", week_note_text(week)},
        {"version", std::string(brief_version())},
        {"deb_url", std::string(brief_package_url())},
    };
}

std::string fill_placeholders(std::string_view text,
                              const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t done = 0;
    for_each_placeholder(text, [&](std::string_view key, std::size_t begin, std::size_t end) {
        auto it = values.find(std::string(key));
        if (it == values.end()) return;
        out.append(text.substr(done, begin - done));
        out += it->second;
        done = end;
    });
    out.append(text.substr(done));
    return out;
}

std::vector<std::string> placeholder_names(std::string_view text) {
    std::vector<std::string> out;
    for_each_placeholder(
        text, [&](std::string_view key, std::size_t, std::size_t) { out.emplace_back(key); });
    return out;
}

std::map<std::string, std::string> desk_files(const DeskSettings& settings, std::int64_t now) {
    const auto values = desk_placeholders(settings, now);
    std::map<std::string, std::string> out;
    for (const auto& f : embedded_desk())
        out[fill_placeholders(f.path, values)] = fill_placeholders(f.bytes, values);
    return out;
}

}  // namespace brief::cli
