// The brief binary's allocator: jemalloc, with the options generator/main.cpp compiles in.
// Only in builds that link jemalloc (not sanitizer builds, not -DBRIEF_JEMALLOC=OFF).
#include <catch2/catch.hpp>

#include <filesystem>

#include "helpers.h"

using namespace brief::test;

#ifdef BRIEF_TEST_JEMALLOC
TEST_CASE("brief allocates with jemalloc, heap and metadata in transparent huge pages", "[cli]") {
    // jemalloc prints its options at exit when asked; a binary on glibc's malloc prints none.
    RunResult r = run_brief("--version", "NO_COLOR=1 MALLOC_CONF=stats_print:true");
    REQUIRE(r.exit_code == 0);
    INFO(r.err);
    CHECK(contains(r.err, "opt.metadata_thp: \"always\""));
    // Where the kernel has no transparent huge pages, jemalloc reports "not supported".
    if (std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled"))
        CHECK(contains(r.err, "opt.thp: \"always\""));
    else
        CHECK(contains(r.err, "opt.thp: \"not supported\""));
}

TEST_CASE("MALLOC_CONF in the environment overrides brief's allocator options", "[cli]") {
    RunResult r = run_brief("--version", "NO_COLOR=1 MALLOC_CONF=stats_print:true,thp:never");
    REQUIRE(r.exit_code == 0);
    INFO(r.err);
    CHECK(contains(r.err, "opt.thp: \"never\""));
}
#endif
