#pragma once
// Diagnostics: everything a user can get wrong, with the place it went wrong. In: a file, a
// position, a message and a hint; out: the one text format every command prints
// (file:line:column: severity: message, the line, a caret, the hint).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace brief {

/// How bad a diagnostic is; --strict turns warnings into errors.
enum class Severity { warning, error };

/// One problem in the user's input, printed the way compilers print them.
struct Diagnostic {
    std::string file;  ///< path as the user would type it (relative to the site folder)
    int line = 0;      ///< 1-based; 0 when the problem concerns the whole file
    int column = 0;    ///< 1-based; 0 when unknown
    Severity severity = Severity::error;
    std::string message;      ///< "date: '2026-13-02' is not a date (...)"
    std::string hint;         ///< optional: how to fix it
    std::string source_line;  ///< optional: the text of `line`, shown with a caret
};

/// An ordered collection of diagnostics; stages append, the CLI prints.
class Diagnostics {
  public:
    /// Appends a diagnostic.
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    /// Appends every diagnostic of another collection.
    void append(const Diagnostics& other);
    /// All diagnostics in the order they were added.
    const std::vector<Diagnostic>& items() const { return items_; }
    /// Number of errors.
    std::size_t error_count() const;
    /// Number of warnings.
    std::size_t warning_count() const;
    /// True when at least one error was added.
    bool has_errors() const { return error_count() > 0; }
    /// Turns every warning into an error (--strict).
    void promote_warnings();
    /// Sorts by file, line, column so output never depends on thread timing.
    void sort();

  private:
    std::vector<Diagnostic> items_;
};

/// Renders one diagnostic: "file:line:col: error: message", the source line, a caret, the hint.
std::string format_diagnostic(const Diagnostic& d, bool color = false);

/// The line `line` (1-based) of `text`, without its newline; empty when out of range.
std::string_view line_of(std::string_view text, int line);

/// The 1-based line and column (in bytes, as Diagnostic counts it) of byte `offset` of `text`;
/// an offset past the end is the end.
std::pair<int, int> text_position(std::string_view text, std::size_t offset);

/// Levenshtein distance, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, or empty when none is close enough to be a useful hint.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace brief
