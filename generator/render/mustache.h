#pragma once
// Brief's Mustache engine, as the official specification defines it (comments, delimiters,
// interpolation, inverted sections, partials, sections; no lambdas). In: template text, parsed
// once into a flat list of render steps. Out: rendered bytes, appended to a string, from a
// `const Value&` context; a compiled Template is immutable, so many threads render one at once.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/value.h"

namespace brief::mustache {

/// Why a template does not parse, and where: `Unclosed section "a"` at line 4, column 7.
struct TemplateError {
    std::string message;     ///< e.g. `Unclosed section "a"`; no position in it
    std::string hint;        ///< what else the user may want to know; may be empty
    std::size_t offset = 0;  ///< byte offset of the fault in the template text
    int line = 0;            ///< 1-based line of `offset`
    int column = 0;          ///< 1-based column (in bytes) of `offset`
};

class Template;

/// Finds a partial by name; nullptr renders it as nothing, as the specification says.
using PartialLookup = std::function<const Template*(std::string_view name)>;

namespace detail {
/// One render step; sections hold the index one past their body.
struct Step {
    enum class Kind : std::uint8_t { text, escaped, unescaped, section, inverted, partial };
    Kind kind = Kind::text;
    std::uint32_t end = 0;                   ///< section, inverted: one past the body's last step
    std::string text;                        ///< text: the bytes; partial: its name
    std::string indent;                      ///< partial on a line of its own: the line's indent
    bool standalone = false;                 ///< partial on a line of its own
    std::vector<std::string> path;           ///< a name split at dots; empty for `.`
    std::vector<std::uint32_t> line_starts;  ///< text: offsets where a template line starts
};
}  // namespace detail

/// A compiled template.
class Template {
  public:
    /// A parse's outcome: a template, or the first error.
    struct Parsed {
        std::shared_ptr<const Template> tmpl;  ///< set when the text parsed
        TemplateError error;                   ///< set when it did not
        /// True when the text parsed.
        bool ok() const { return tmpl != nullptr; }
    };

    /// Parses `text` (delimiters start as `{{ }}`).
    [[nodiscard]] static Parsed parse(std::string_view text);

    /// Renders with `context` at the bottom of the context stack, appending to `out`.
    void render(const Value& context, std::string& out, const PartialLookup& partials = {}) const;
    /// Renders into a new string.
    std::string render(const Value& context, const PartialLookup& partials = {}) const;

    /// The steps, for tests and tools.
    const std::vector<detail::Step>& steps() const { return steps_; }

  private:
    friend class Parser;
    friend class Renderer;
    std::vector<detail::Step> steps_;
};

/// Appends `s` to `out` HTML-escaped: & < > " as the specification requires, and ' as
/// `&apos;`, as Brief's output has always had it.
void append_escaped(std::string& out, std::string_view s);

}  // namespace brief::mustache
