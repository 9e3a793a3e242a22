#pragma once
// The general entities a feed declares in its DOCTYPE's internal subset, written out, since
// pugixml leaves `&name;` as it is. In: the feed's UTF-8 text. Out: the same text with each
// reference to a simple internal entity (<!ENTITY name "value">) replaced by its value, as
// text, plus warnings. External entities (SYSTEM / PUBLIC) are never read, parameter entities
// are ignored, and expansion is bounded (nesting depth, bytes per entity, bytes in all), so a
// "billion laughs" document costs nothing. Internal to feeds/.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace brief::xml {

/// `text` with its declared entities expanded, or nullopt when it declares none (the text is
/// then parsed as it is). Values are inserted as text: '<' becomes "&lt;" and a line break
/// "&#10;", so line numbers in later error messages stay those of the original.
std::optional<std::string> expand_declared_entities(std::string_view text,
                                                    std::vector<std::string>& warnings);

}  // namespace brief::xml
