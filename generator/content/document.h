#pragma once
// The content model: one Document per Markdown file under content/, every front-matter field
// of DESIGN.md as a typed member.

#include <optional>
#include <string>
#include <vector>

#include "util/hash.h"
#include "util/dates.h"

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
};

/// One outlook claim: a possibility, not a fact.
struct OutlookItem {
    std::string claim;
    Likelihood likelihood = Likelihood::possible;
    Horizon horizon = Horizon::months;
};

/// One row of a signal table.
struct Signal {
    std::string signal;
    std::string why;
    std::string where;
    Layer layer = Layer::none;  ///< only in content/data/signals.yaml; briefings use their own
};

/// One row of a tool list.
struct Tool {
    std::string purpose;
    std::string name;
    std::string url;
    std::string note;
};

/// One FAQ entry.
struct FaqEntry {
    std::string q;
    std::string a;
};

/// A Markdown document with its front matter.
struct Document {
    std::string path;  ///< relative to the site folder: "content/briefings/2026/x.md"
    /// The hash of the path and the file's bytes: every field below follows from them (and
    /// site.yaml), so pages can be keyed by it without looking at the fields.
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
};

/// "news", "analysis", …
const char* to_string(Kind k);
/// "silicon-roadmap", … ("" for none).
const char* to_string(Layer l);
/// "very-likely", …
const char* to_string(Likelihood l);
/// "weeks", …
const char* to_string(Horizon h);
/// Every accepted `layer` value, in board order.
const std::vector<std::string>& layer_names();
/// Parses a layer name; Layer::none when unknown.
Layer parse_layer(std::string_view s);

}  // namespace brief
