#pragma once
// The files of a new desk (`brief init`): the skeleton under desk/ in Brief's source tree,
// compiled into the binary (embedded_desk()), with a few fixed placeholders filled in. Pure:
// in go the settings and the instant, out come relative paths and bytes; nothing touches the
// disk.
//
// Placeholders: `{{key}}` exactly, in file contents and in paths, for the keys that
// desk_placeholders() returns. Anything else in braces (a workflow's `${{ github.sha }}`, an
// unknown key) is left as it is.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace brief::cli {

/// What `brief init` was asked for.
struct DeskSettings {
    std::string title = "My Brief";
    std::string base_url = "https://example.org/";
    std::string language = "en";
    std::string timezone = "UTC";
};

/// One sentence saying why `settings` cannot start a desk that builds (a title that is not
/// one line, a base URL that is not http(s) with a host, a zone the tz database lacks, a
/// language the default theme has no labels for); empty when they can. Adds the trailing '/'
/// a base URL needs.
std::string check_desk_settings(DeskSettings& settings);

/// The placeholder values for `settings` at `now` (seconds since 1970, UTC): title,
/// title_yaml (a YAML double-quoted scalar), base_url, language, timezone, date (YYYY-MM-DD
/// in the zone), year, week (YYYY-Www), week_note (`brief new week`'s front matter), version,
/// deb_url (where the workflow downloads Brief's package by default).
std::map<std::string, std::string> desk_placeholders(const DeskSettings& settings,
                                                     std::int64_t now);

/// `text` with every `{{key}}` whose key is in `values` replaced by its value.
std::string fill_placeholders(std::string_view text,
                              const std::map<std::string, std::string>& values);

/// The `{{key}}` names in `text` (letters, digits and '_' only), for checking a skeleton.
std::vector<std::string> placeholder_names(std::string_view text);

/// The desk's files by relative path, placeholders filled in (checked settings).
std::map<std::string, std::string> desk_files(const DeskSettings& settings, std::int64_t now);

}  // namespace brief::cli
