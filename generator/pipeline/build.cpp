#include "pipeline/build.h"

#include <chrono>
#include <cstdlib>

#include "content/loader.h"
#include "feeds/archive.h"
#include "feeds/fetch_state.h"
#include "feeds/sources.h"
#include "model/site.h"
#include "output/writer.h"
#include "pipeline/build_cache.h"
#include "render/theme.h"
#include "render/theme_files.h"
#include "util/fs.h"
#include "util/keep_alive.h"
#include "util/safe_paths.h"

namespace brief {
namespace {

// A page's bytes follow from its layout and data, given the theme's files, site.yaml, the rules
// of the site's time zone and the binary.
Hash128 page_salt(const SiteConfig& site, const ThemeFiles& theme_files) {
    return Hasher()
        .add(binary_fingerprint())
        .add(theme_files.hash())
        .add(site.source_hash)
        .add(site.timezone.rules_hash())
        .finish();
}

// The build cache could not be read or saved: the site is right, the next build only slower.
Diagnostic cache_warning(const std::filesystem::path& cache_dir, const std::string& why) {
    Diagnostic d;
    d.file = cache_dir.string();
    d.severity = Severity::warning;
    d.message = "the build cache is not used: " + why;
    d.hint = "the site is built in full; delete the folder if this repeats, or pass --no-cache";
    return d;
}

// How much older than the build every input must be for the build to be skipped next time.
constexpr std::int64_t kRacyMarginNs = 2'000'000'000;

}  // namespace

std::int64_t build_time_now() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        long long v = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0') return v;
    }
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {

Diagnostic error_at(const std::filesystem::path& file, std::string message) {
    Diagnostic d;
    d.file = file.string();
    d.message = std::move(message);
    return d;
}

// What the stages build, on the heap so that a process that ends after the build can leave
// it there (see BuildRequest::keep_memory).
struct Inputs {
    Content content;
    std::vector<ArchiveItem> archive;
    std::vector<SourceConfig> sources;
    std::map<std::string, SourceState> state;
    Site site;
    Theme theme;
    std::shared_ptr<const ThemeFiles> theme_files;
};

// What this build reads, as the no-change fast path compares it, and whether any input is too
// fresh to trust its modification time.
struct InputStamp {
    BuildStamp stamp;
    bool racy = false;
};

InputStamp stamp_inputs(const BuildRequest& req) {
    // A file written in the same clock tick as the stat below could change again without its
    // modification time changing (the "racy git" problem): a stamp is kept only when every
    // input is older than the stat by a safe margin.
    const auto stat_time = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    std::int64_t newest = 0;
    // Dates are read in the site's time zone: a tz database update is a change too. Its
    // problems are the load stage's to report.
    Diagnostics unreported;
    const SiteConfig site = load_site_config(req.source, unreported);
    InputStamp in;
    in.stamp.inputs = Hasher()
                          .add(binary_fingerprint())
                          .add(std::filesystem::absolute(req.output).lexically_normal().string())
                          .add_u64(req.drafts * 1 + req.future * 2 + req.strict * 4)
                          .add(stat_tree(req.source / "content", newest))
                          .add(theme_stamp(req.source, newest))
                          .add(read_file(req.source / "sources.yaml").value_or(""))
                          .add(site.timezone.rules_hash())
                          .finish();
    in.racy = newest >= stat_time - kRacyMarginNs;
    in.stamp.now = req.now;
    return in;
}

// The no-change fast path: when every input, the options and the binary are as the last clean
// build of this output folder found them, the build time is one for which that build's output
// holds, and nobody touched the output since, the site is already built.
bool already_built(const BuildRequest& req, const BuildCache& cache, const BuildStamp& stamp,
                   BuildResult& result) {
    auto last = cache.stamp(req.output);
    if (!last || last->inputs != stamp.inputs || last->now > req.now ||
        req.now >= last->stable_until)
        return false;
    OutputManifest manifest = cache.manifest(req.output);
    if (!output_untouched(req.output, manifest)) return false;
    result.documents = last->documents;
    for (const auto& [path, record] : manifest) {
        result.outputs.push_back({path, {}});
        result.write.bytes += record.size;
    }
    result.write.files = result.pages_written = manifest.size();
    result.write.kept = manifest.size();
    result.bytes_written = result.write.bytes;
    result.unchanged = true;
    return true;
}

// The stages before render: load, feeds, model, theme, each timed. With a cache, documents
// whose bytes did not change are not parsed again.
void load_inputs(const BuildRequest& req, BuildCache* cache, Inputs& in, BuildResult& result) {
    Diagnostics& diags = result.diagnostics;
    {
        StageTimer t(result.stages, "load");
        DocumentCache* documents = cache ? &cache->documents() : nullptr;
        in.content = load_content(req.source, req.jobs, diags, documents);
        if (documents) {
            if (Status saved = documents->save(); !saved)
                diags.add(cache_warning(req.cache_dir, saved.error()));
            documents->release();
        }
    }
    result.documents = in.content.files;
    result.documents_cached = in.content.cached;
    {
        StageTimer t(result.stages, "feeds");
        in.sources = load_sources(req.source, diags);
        in.archive = load_archive(req.source, diags);
        in.state = load_state(req.source, diags);
    }
    {
        StageTimer t(result.stages, "model");
        ModelOptions opts;
        opts.drafts = req.drafts;
        opts.future = req.future;
        opts.now = req.now;
        in.site = build_site(in.content, in.archive, in.sources, in.state, opts, diags);
    }
    {
        StageTimer t(result.stages, "theme");
        in.theme_files = std::make_shared<const ThemeFiles>(
            load_theme_files(req.source, req.embedded_theme, diags));
        in.theme = load_theme(in.theme_files, in.content.site.languages, "en", diags);
    }
}

// Takes the output folder for writing; files in it that Brief did not write are warnings.
// Null (with an error, and io_failed) when the folder cannot be taken.
std::unique_ptr<SiteWriter> open_writer(const BuildRequest& req, const OutputDecision& where,
                                        BuildCache* cache, BuildResult& result) {
    auto writer =
        std::make_unique<SiteWriter>(where, cache ? cache->manifest(req.output) : OutputManifest{});
    if (Status opened = writer->open(); !opened) {
        result.diagnostics.add(error_at(req.output, opened.error()));
        result.io_failed = true;
        return nullptr;
    }
    for (const auto& rel : writer->foreign()) {
        Diagnostic d = error_at((req.output / rel).lexically_normal(),
                                "kept: Brief did not write this file, so it neither replaces "
                                "nor deletes it");
        d.severity = Severity::warning;
        d.hint =
            "to publish a file on purpose, put it in templates/static/ (it is published under "
            "/static/) and remove this one";
        result.diagnostics.add(std::move(d));
    }
    return writer;
}

// Publishes the staged site and records it in the cache. Only a build without a single
// warning may be skipped next time (a skipped build could not repeat its warnings), and only
// when its inputs were not racy.
void write_stage(const BuildRequest& req, SiteWriter& writer, BuildCache* cache,
                 std::optional<InputStamp> stamp, const Site& site, BuildResult& result) {
    Diagnostics& diags = result.diagnostics;
    Result<WriteResult> committed = writer.commit();
    if (!committed) {
        diags.add(error_at(req.output, committed.error()));
        result.io_failed = true;
        return;
    }
    WriteResult& w = *committed;
    if (cache) {
        if (Status saved = cache->save(req.output, writer.manifest()); !saved)
            diags.add(cache_warning(req.cache_dir, saved.error()));
        std::optional<BuildStamp> keep;
        if (stamp && !stamp->racy && diags.items().empty()) {
            keep = stamp->stamp;
            keep->stable_until = site.stable_until;
            keep->documents = result.documents;
        }
        if (Status saved = cache->save_stamp(req.output, keep); !saved)
            diags.add(cache_warning(req.cache_dir, saved.error()));
    }
    result.pages_written = w.files;
    result.bytes_written = w.bytes;
    result.write = std::move(w);
}

}  // namespace

BuildResult run_build(const BuildRequest& req) {
    BuildResult result;
    Diagnostics& diags = result.diagnostics;

    // Where the site goes is decided before anything else is touched, the build cache
    // included: a refused folder leaves every file as it was.
    OutputDecision where;
    if (req.write && !req.sink) {
        where = decide_output(req.source, req.output, req.force);
        if (!where.refusal.empty()) {
            diags.add(error_at({}, where.refusal));
            result.refused = true;
            return result;
        }
    }

    std::unique_ptr<BuildCache> cache;
    if (!req.cache_dir.empty()) {
        std::string why;
        cache = BuildCache::open(req.cache_dir, why);
        if (!cache) diags.add(cache_warning(req.cache_dir, why));
    }
    std::optional<InputStamp> stamp;
    bool built = false;
    if (cache && req.write) {
        StageTimer t(result.stages, "check");
        stamp = stamp_inputs(req);
        built = already_built(req, *cache, stamp->stamp, result);
    }
    if (built) return result;

    FreeUnlessExiting<Inputs> inputs(req.keep_memory);
    load_inputs(req, cache.get(), *inputs, result);

    // Render straight into the output folder: each file is written (when its bytes changed) as
    // soon as it is rendered and dropped from memory; nothing is moved into place unless the
    // whole build succeeds.
    std::unique_ptr<SiteWriter> writer;
    const bool will_fail = diags.has_errors() || (req.strict && diags.warning_count() > 0);
    if (!diags.has_errors()) {
        StageTimer t(result.stages, "render");
        RenderOptions ropts;
        ropts.jobs = req.jobs;
        ropts.keep_memory = req.keep_memory;
        if (cache) ropts.markdown_cache = &cache->markdown();
        if (!will_fail && (req.write || req.sink)) {
            if (req.write) {
                writer = open_writer(req, where, cache.get(), result);
                if (!writer) return result;
            }
            ropts.sink = req.write ? writer.get() : req.sink;
            if (cache) ropts.page_salt = page_salt(inputs->content.site, *inputs->theme_files);
        }
        result.outputs = render_site(inputs->site, inputs->theme, ropts, diags);
    }

    if (req.strict) diags.promote_warnings();
    diags.sort();
    if (!req.write && req.sink && cache && !diags.has_errors())
        if (Status saved = cache->save_markdown(); !saved)
            diags.add(cache_warning(req.cache_dir, saved.error()));
    if (diags.has_errors() || !req.write || !writer) {
        if (writer) writer->abort();
        return result;
    }
    {
        StageTimer t(result.stages, "write");
        write_stage(req, *writer, cache.get(), stamp, inputs->site, result);
    }
    return result;
}

}  // namespace brief
