#pragma once
// Dates as feeds write them: RFC 822 / 2822 with its variants and named zones, RFC 3339,
// ISO 8601 without a zone (read as UTC), and the common malformed forms.

#include <cstdint>
#include <optional>
#include <string_view>

namespace brief {

/// UTC seconds of a feed date, or nullopt when it cannot be read without guessing.
std::optional<std::int64_t> parse_feed_date(std::string_view text);

/// The offset in minutes of a zone name ("GMT", "EST", "JST", …); nullopt for unknown or
/// ambiguous names (such as "IST").
std::optional<int> named_zone_offset(std::string_view name);

}  // namespace brief
