#pragma once
// The content model: one Document per Markdown file under content/, every front-matter field
// of DESIGN.md as a typed member. The loader fills it in; every later stage only reads it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/dates.h"
#include "util/hash.h"

namespace brief {

/// Where a document lives, which decides its URL and default layout.
enum class Section { briefing, guide, page, week };

/// `kind`: picks the layout.
enum class Kind { news, analysis, guide, explainer };

/// `layer`: which of the four layers a builder watches.
enum class Layer { none, silicon_roadmap, cloud_packaging, efficiency, policy_export };

/// `outlook[].likelihood`.
enum class Likelihood { very_likely, likely, possible, unlikely };

/// `outlook[].horizon`.
enum class Horizon { weeks, months, years };

/// A primary-source link.
struct SourceLink {
    std::string title;
    std::string publisher;
    std::string url;
    bool primary = false;
    bool operator==(const SourceLink&) const = default;
};

/// One outlook claim: a possibility, not a fact.
struct OutlookItem {
    std::string claim;
    Likelihood likelihood = Likelihood::possible;
    Horizon horizon = Horizon::months;
    bool operator==(const OutlookItem&) const = default;
};

/// One row of a signal table.
struct Signal {
    std::string signal;
    std::string why;
    std::string where;
    Layer layer = Layer::none;  ///< only in content/data/signals.yaml; briefings use their own
    bool operator==(const Signal&) const = default;
};

/// One row of a tool list.
struct Tool {
    std::string purpose;
    std::string name;
    std::string url;
    std::string note;
    bool operator==(const Tool&) const = default;
};

/// One FAQ entry.
struct FaqEntry {
    std::string q;
    std::string a;
    bool operator==(const FaqEntry&) const = default;
};

/// A Markdown document with its front matter.
struct Document {
    std::string path;  ///< relative to the site folder: "content/briefings/2026/x.md"
    /// The hash of the path and the file's bytes: every field below follows from them (and
    /// site.yaml and its time zone's rules), so pages can be keyed by it without looking at
    /// the fields.
    Hash128 source_hash;
    Section section = Section::briefing;

    std::string title;
    std::optional<Timestamp> date;
    std::optional<Timestamp> updated;
    Kind kind = Kind::news;
    std::string summary;
    bool summary_generated = false;
    std::vector<std::string> topics;
    std::vector<std::string> entities;
    Layer layer = Layer::none;
    std::vector<std::string> key_points;
    std::vector<std::string> watch;
    std::vector<std::string> open_questions;
    std::vector<OutlookItem> outlook;
    std::optional<double> score;
    std::string score_rationale;
    std::vector<SourceLink> sources;
    std::string discovered_from;
    std::vector<Signal> signals;
    std::vector<Tool> tools;
    std::vector<FaqEntry> faq;
    std::string lang;  ///< empty: the site's language
    std::string translation_key;
    bool draft = false;
    std::string slug;  ///< from front matter, else from the file name
    std::vector<std::string> aliases;

    // Weekly notes (content/weeks/YYYY-Www.md) only.
    std::vector<std::string> more_usable;
    std::vector<std::string> less_reliable;

    std::string body;   ///< the Markdown after the front matter
    int body_line = 1;  ///< file line where the body starts

    /// Member by member (dates compare by instant: Timestamp's own ==).
    bool operator==(const Document&) const = default;
};

/// One enum value and the name front matter, data files and pages spell it with.
template <typename E>
struct EnumName {
    E value;
    const char* name;
};

/// `kind` names (the one place they are spelled).
inline constexpr EnumName<Kind> kKindNames[] = {{Kind::news, "news"},
                                                {Kind::analysis, "analysis"},
                                                {Kind::guide, "guide"},
                                                {Kind::explainer, "explainer"}};
/// `layer` names, in board order (Layer::none has no name).
inline constexpr EnumName<Layer> kLayerNames[] = {{Layer::silicon_roadmap, "silicon-roadmap"},
                                                  {Layer::cloud_packaging, "cloud-packaging"},
                                                  {Layer::efficiency, "efficiency"},
                                                  {Layer::policy_export, "policy-export"}};
/// `outlook[].likelihood` names.
inline constexpr EnumName<Likelihood> kLikelihoodNames[] = {
    {Likelihood::very_likely, "very-likely"},
    {Likelihood::likely, "likely"},
    {Likelihood::possible, "possible"},
    {Likelihood::unlikely, "unlikely"}};
/// `outlook[].horizon` names.
inline constexpr EnumName<Horizon> kHorizonNames[] = {
    {Horizon::weeks, "weeks"}, {Horizon::months, "months"}, {Horizon::years, "years"}};

/// The name of `v` in `table`; `fallback` when it has none.
template <typename E, std::size_t N>
constexpr const char* enum_name(const EnumName<E> (&table)[N], E v, const char* fallback) {
    for (const auto& e : table)
        if (e.value == v) return e.name;
    return fallback;
}
/// The value named `s` in `table`, or nullopt.
template <typename E, std::size_t N>
constexpr std::optional<E> enum_value(const EnumName<E> (&table)[N], std::string_view s) {
    for (const auto& e : table)
        if (s == e.name) return e.value;
    return std::nullopt;
}
/// Every name of `table`, in order (for "is not one of" and "did you mean").
template <typename E, std::size_t N>
std::vector<std::string> enum_names(const EnumName<E> (&table)[N]) {
    std::vector<std::string> out;
    for (const auto& e : table) out.emplace_back(e.name);
    return out;
}

/// "news", "analysis", …
const char* to_string(Kind k);
/// "silicon-roadmap", … ("" for none).
const char* to_string(Layer l);
/// "very-likely", …
const char* to_string(Likelihood l);
/// "weeks", …
const char* to_string(Horizon h);
/// Every accepted `kind` value.
const std::vector<std::string>& kind_names();
/// Every accepted `layer` value, in board order.
const std::vector<std::string>& layer_names();
/// Parses a layer name; Layer::none when unknown.
Layer parse_layer(std::string_view s);

}  // namespace brief
