// brief: the command-line front end. Everything else lives in brief_core.
#include "cli/commands.h"

#ifndef BRIEF_JEMALLOC
#include <malloc.h>
#endif

#ifdef BRIEF_JEMALLOC
// jemalloc reads its options from this symbol before the first allocation (MALLOC_CONF in the
// environment still overrides it). Transparent huge pages for the heap and jemalloc's own
// metadata: a cold build of 10,000 briefings spends a quarter less time when its working set
// sits in 2 MiB pages (bench/README.md has the figures).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
#endif

int main(int argc, char** argv) {
#ifndef BRIEF_JEMALLOC
    // A build allocates and frees a few hundred megabytes in many pieces. glibc's defaults map
    // each large block afresh and hand freed memory back at once, so the same pages fault in
    // again and again (a quarter of a rebuild's time on a virtual machine); keep them instead.
    // Only the brief binary tunes its allocator; under jemalloc mallopt would do nothing.
    ::mallopt(M_MMAP_THRESHOLD, 64 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
    return brief::cli::run_cli(argc, argv);
}
