// brief serve: the editor's preview server.
#include <pthread.h>
#include <signal.h>

#include <cstdio>

#include "cli/commands.h"
#include "serve/dev_server.h"

namespace brief::cli {

CommandSpec serve_spec() {
    CommandSpec spec;
    spec.name = "serve";
    spec.usage =
        "brief serve [--port N] [--bind ADDR] [--drafts] [--future] [--jobs N] [--no-cache]";
    spec.summary = "preview the site: build, serve, rebuild on change, reload open pages";
    spec.details =
        "Builds the site in memory and serves it; nothing is written to site/. It watches\n"
        "content/, templates/ and sources.yaml, rebuilds when a file changes, and reloads the\n"
        "open pages. A content error does not stop the server: pages show the diagnostics in\n"
        "an overlay over the last good build until the file is fixed. Ctrl-C stops it.\n"
        "A rebuild renders only the pages whose data changed; the others are kept from the\n"
        "build before, and rendered Markdown is shared with brief build in .brief-cache/.\n"
        "It binds to loopback (127.0.0.1) unless told otherwise: it is for previews only.";
    spec.options = common_options();
    spec.options.insert(spec.options.begin() + 1,
                        {{"--port", "N", "the port to listen on (0: any free port)", "1313"},
                         {"--bind", "ADDR", "the address to listen on", "127.0.0.1"},
                         {"--drafts", "", "include drafts (and the /inbox/ page)", ""},
                         {"--future", "", "include documents dated after now", ""},
                         {"--jobs", "N", "threads to render with", "one per core"},
                         {"--no-cache", "", "render every page on every rebuild", ""}});
    return spec;
}

int run_serve(const ParsedArgs& args) {
    ServeOptions opts;
    opts.source = args.get("--source", ".");
    opts.bind = args.get("--bind", "127.0.0.1");
    opts.drafts = args.has("--drafts");
    opts.future = args.has("--future");
    opts.quiet = args.has("--quiet");
    opts.verbose = args.has("--verbose");
    opts.cache = !args.has("--no-cache");
    std::string err;
    if (args.has("--port")) {
        const std::string p = args.get("--port");
        if (p == "0") {
            opts.port = 0;
        } else {
            auto n = parse_positive(p, "--port", err);
            if (!n || *n > 65535) {
                std::fprintf(stderr, "brief serve: %s\n",
                             err.empty() ? "--port must be 0-65535" : err.c_str());
                return kExitUsage;
            }
            opts.port = static_cast<int>(*n);
        }
    }
    if (args.has("--jobs")) {
        auto n = parse_positive(args.get("--jobs"), "--jobs", err);
        if (!n) {
            std::fprintf(stderr, "brief serve: %s\n", err.c_str());
            return kExitUsage;
        }
        opts.jobs = static_cast<unsigned>(*n);
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(opts.source / "content", ec)) {
        std::fprintf(stderr,
                     "brief serve: %s has no content/ folder; is --source the site folder?\n",
                     opts.source.c_str());
        return kExitIo;
    }

    // Block SIGINT/SIGTERM in every thread; this thread waits for them and stops the server.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    DevServer server(opts);
    int port = server.start(err);
    if (port == 0) {
        std::fprintf(stderr, "brief serve: %s\n", err.c_str());
        return kExitIo;
    }
    if (!opts.quiet) {
        std::string host = opts.bind == "0.0.0.0" ? "127.0.0.1" : opts.bind;
        std::fprintf(stderr, "serving %s at http://%s:%d/ (Ctrl-C to stop)\n", opts.source.c_str(),
                     host.c_str(), port);
        if (opts.bind != "127.0.0.1" && opts.bind != "localhost" && opts.bind != "::1")
            std::fprintf(stderr,
                         "warning: listening on %s: other machines can reach this preview\n",
                         opts.bind.c_str());
    }
    int sig = 0;
    sigwait(&set, &sig);
    if (!opts.quiet) std::fprintf(stderr, "\nstopping\n");
    server.stop();
    return kExitOk;
}

}  // namespace brief::cli
