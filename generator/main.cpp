// brief: the command-line front end. Everything else lives in brief_core.
#include "cli/commands.h"

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
    return brief::cli::run_cli(argc, argv);
}
