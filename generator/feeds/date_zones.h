#pragma once
// Zone names in feed dates. In: a name as a feed wrote it ("EDT", "Etc/GMT-8", "Z", "AT") and,
// for North America's generic names, the wall-clock date and hour it was given with. Out: the
// UTC offset in minutes, or nothing when the name is unknown or ambiguous. Internal to feeds/.

#include <optional>
#include <string_view>

#include "util/dates.h"

namespace brief {

/// True for a generic North American zone name ("ET", "CT", "MT", "PT", "AT"), whose offset
/// depends on the date.
bool generic_zone(std::string_view name);

/// The offset of a generic zone name at a wall-clock time, by the US and Canadian
/// daylight-saving rules (from 2007: second Sunday of March to first Sunday of November;
/// 1987–2006: first Sunday of April to last Sunday of October; both at 02:00).
std::optional<int> generic_zone_offset(std::string_view name, const CivilDate& date, int hour);

}  // namespace brief
