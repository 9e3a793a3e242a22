#pragma once
// Dates as feeds write them. In: the text of a date element. Out: UTC seconds, or nothing
// when the date cannot be read without guessing. Read: RFC 822 / 2822 with its variants,
// RFC 3339, ISO 8601 (with or without a zone, read as UTC without; ISO weeks; a month without
// a day, read as its first day), and the common malformed forms. Zone names: RFC 822's, the
// common abbreviations, "Etc/GMT±N" (POSIX sign: Etc/GMT+5 is UTC-5), RFC 822's military
// letters as UTC (RFC 5322 §4.3: their meaning is unknown), and North America's generic
// names (ET, CT, MT, PT, AT) by the US / Canadian daylight-saving rules on that date.

#include <cstdint>
#include <optional>
#include <string_view>

namespace brief {

/// UTC seconds of a feed date, or nullopt when it cannot be read without guessing.
std::optional<std::int64_t> parse_feed_date(std::string_view text);

/// The offset in minutes of a fixed zone name ("GMT", "EST", "JST", "Etc/GMT-8", "Z", a
/// military letter); nullopt for unknown or ambiguous names (such as "IST" or "AST") and for
/// the generic names, whose offset depends on the date.
std::optional<int> named_zone_offset(std::string_view name);

}  // namespace brief
