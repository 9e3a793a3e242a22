#pragma once
// The build, as a list of timed stages: load -> feeds -> model -> theme -> render -> write.
// `brief build`, `brief serve` and `brief check` all go through here.

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "output/writer.h"
#include "render/render.h"
#include "util/diagnostic.h"
#include "util/embedded.h"
#include "util/stage_timer.h"

namespace brief {

/// What to build.
struct BuildRequest {
    std::filesystem::path source = ".";
    std::filesystem::path output = "site";
    /// The theme the site's templates/ overlays (tests replace it).
    std::span<const EmbeddedFile> embedded_theme = brief::embedded_theme();
    bool drafts = false;
    bool future = false;
    bool strict = false;
    /// Take over a non-empty output folder that Brief did not write, moving its files aside
    /// (never for a protected folder; see decide_output()).
    bool force = false;
    unsigned jobs = 0;
    std::int64_t now = 0;  ///< build time, UTC seconds
    bool write = true;     ///< false: stop after render (for check and tests)
    /// The build cache folder (`brief build` uses <source>/.brief-cache); empty: build from
    /// scratch without one.
    std::filesystem::path cache_dir;
    /// Where pages go instead of the output folder (the dev server keeps them in memory); used
    /// when `write` is false. With `cache_dir`, a page whose inputs have not changed since the
    /// sink last took it is kept there rather than rendered again.
    OutputSink* sink = nullptr;
    /// The process ends after this build (`brief build`): leave the memory the build used to
    /// the operating system instead of freeing it piece by piece.
    bool keep_memory = false;
};

/// What a build did.
struct BuildResult {
    Diagnostics diagnostics;
    std::vector<StageTime> stages;
    std::vector<Output> outputs;  ///< with `write`, paths only: the bytes went to the folder
    std::size_t documents = 0;
    std::size_t documents_cached = 0;  ///< of those, read from the build cache, not parsed
    std::size_t pages_written = 0;
    std::size_t bytes_written = 0;
    /// What the write stage did, with the files added, changed and removed (empty lists when
    /// nothing was written).
    WriteResult write;
    bool io_failed = false;  ///< the write stage failed (exit 3)
    /// The output folder may not be written (exit 2); nothing was read, written or deleted.
    bool refused = false;
    /// Nothing had changed since the last build of the output folder: it was left as it was
    /// without loading or rendering anything.
    bool unchanged = false;
    /// True when the build wrote (or would write) the site.
    bool ok() const { return !diagnostics.has_errors() && !io_failed && !refused; }
};

/// The build time: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
std::int64_t build_time_now();

/// Runs every stage; writes nothing when any stage reported an error.
[[nodiscard]] BuildResult run_build(const BuildRequest& request);

}  // namespace brief
