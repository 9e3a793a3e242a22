#pragma once
// The table of front-matter fields: each field's name, type, whether it is required, its enum
// values and the Document member it lands in. The front-matter reader, the list of known keys
// ("did you mean"), and `brief new` all read this table, so a field is added in one place.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "content/document.h"

namespace brief {

/// How a field's value is read and checked.
enum class FieldType {
    text,       ///< a scalar, trimmed
    raw_text,   ///< a scalar, as written
    title,      ///< a scalar, trimmed, not empty
    date,       ///< a date in the site's time zone
    boolean,    ///< true/false/yes/no/on/off
    score,      ///< a number from 0 to 10
    text_list,  ///< a list of scalars (one scalar is a list of one)
    kind,       ///< one of kKindNames
    layer,      ///< one of kLayerNames
    lang,       ///< a BCP 47 tag
    slug,       ///< a URL slug
    aliases,    ///< a list of site paths
    outlook,    ///< a list of {claim, likelihood, horizon}
    sources,    ///< a list of {title, publisher, url, primary}
    signals,    ///< a list of {signal, why, where}
    tools,      ///< a list of {purpose, name, url, note}
    faq,        ///< a list of {q, a}
};

/// When a missing field is an error.
enum class Required { no, always, briefing };

/// The Document member a field lands in.
using FieldTarget =
    std::variant<std::string Document::*, std::optional<Timestamp> Document::*, bool Document::*,
                 std::optional<double> Document::*, std::vector<std::string> Document::*,
                 Kind Document::*, Layer Document::*, std::vector<OutlookItem> Document::*,
                 std::vector<SourceLink> Document::*, std::vector<Signal> Document::*,
                 std::vector<Tool> Document::*, std::vector<FaqEntry> Document::*>;

/// One front-matter field.
struct FrontMatterField {
    const char* name;
    FieldType type;
    FieldTarget target;
    Required required = Required::no;
    bool week_only = false;    ///< only weekly notes (content/weeks/) have it
    const char* example = "";  ///< a line that adds it, for the "missing" hint
};

/// Every front-matter field, in the order DESIGN.md lists them.
std::span<const FrontMatterField> front_matter_fields();

/// The field named `name`, or nullptr.
const FrontMatterField* find_front_matter_field(std::string_view name);

/// The enum names a field of `type` accepts (empty for a type that is not an enum).
const std::vector<std::string>& field_values(FieldType type);

/// The keys of one entry of a list-of-maps field (outlook, sources, signals, tools, faq), in
/// the order Brief writes them; empty for any other type.
const std::vector<std::string>& entry_keys(FieldType type);
/// How a diagnostic names one such entry ("a source").
const char* entry_noun(FieldType type);
/// The keys as a diagnostic shows them: "{title, publisher, url, primary}".
std::string entry_shape(const std::vector<std::string>& keys);
/// The keys of a field's entries as a diagnostic shows them.
std::string entry_shape(FieldType type);

}  // namespace brief
