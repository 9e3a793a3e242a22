#pragma once
// The build report (brief build --report FILE.json): counts, stage times, diagnostics with
// positions, and the files added / changed / removed, for deploy steps that upload only those.

#include <string>

#include "pipeline/build.h"

namespace brief {

/// The report of one build as JSON text (keys in a fixed order).
std::string build_report_json(const BuildRequest& request, const BuildResult& result);

}  // namespace brief
