#pragma once
// A faster way to render a compiled kainjow layout. kainjow walks its parse tree through
// std::function callbacks, one component per space and per newline, looks names up through a
// virtual context and streams into an ostringstream; rendering took more time than building
// the data. FastLayout takes kainjow's own parse tree (so the syntax is kainjow's, errors and
// all), flattens runs of text, splits names once, and replays kainjow's rendering rules (the
// line buffer that drops lines holding only section tags and whitespace, escaping, the context
// stack) into one string. The render tests compare it with kainjow byte for byte.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "render/shared_data.h"

namespace brief {

/// One layout, ready to render many pages from many threads.
class FastLayout {
  public:
    /// Compiles a template kainjow parsed without errors; nullopt when it uses a feature this
    /// renderer leaves to kainjow (partials resolved at render time, lambdas).
    static std::optional<FastLayout> compile(const kainjow::mustache::mustache& layout);
    /// Renders `data`, following references through `shared`.
    std::string render(const kainjow::mustache::data& data, const SharedData& shared) const;

    struct Op;

  private:
    std::shared_ptr<const std::vector<Op>> ops_;
};

}  // namespace brief
