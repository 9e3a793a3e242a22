// brief feed inspect: shows what Brief reads from one feed, for an editor debugging a source.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "feeds/feed_parser.h"
#include "feeds/http_fetcher.h"
#include "util/dates.h"
#include "util/fs.h"
#include "util/url.h"

namespace brief::cli {

namespace {

const char* kFeed = "brief feed";

nlohmann::ordered_json date_json(const std::optional<std::int64_t>& t) {
    return t ? nlohmann::ordered_json(format_rfc3339_utc(*t)) : nlohmann::ordered_json();
}

std::string date_text(const std::optional<std::int64_t>& t) {
    return t ? format_rfc3339_utc(*t) : "(none)";
}

void print_json(const ParsedFeed& feed) {
    nlohmann::ordered_json j;
    j["format"] = feed_format_name(feed.format);
    j["title"] = feed.title;
    j["link"] = feed.link;
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& it : feed.items) {
        nlohmann::ordered_json i;
        i["id"] = it.id;
        i["title"] = it.title;
        i["url"] = it.url;
        i["published"] = date_json(it.published);
        i["updated"] = date_json(it.updated);
        i["author"] = it.author;
        i["summary_text"] = it.summary_text;
        i["summary_html"] = it.summary_html;
        i["categories"] = it.categories;
        items.push_back(std::move(i));
    }
    j["items"] = std::move(items);
    j["warnings"] = feed.warnings;
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_text(const ParsedFeed& feed, const std::string& target, bool color) {
    const char* bold = color ? "\033[1m" : "";
    const char* reset = color ? "\033[0m" : "";
    std::cout << bold << target << reset << "\n"
              << "  format:  " << feed_format_name(feed.format) << "\n"
              << "  title:   " << feed.title << "\n"
              << "  link:    " << feed.link << "\n"
              << "  updated: " << date_text(feed.updated) << "\n"
              << "  items:   " << feed.items.size() << "\n";
    for (const auto& w : feed.warnings) std::cout << "  warning: " << w << "\n";
    std::size_t n = 0;
    for (const auto& it : feed.items) {
        std::cout << "\n"
                  << bold << ++n << ". " << (it.title.empty() ? "(no title)" : it.title) << reset
                  << "\n"
                  << "   id:         " << it.id << "\n"
                  << "   url:        " << it.url << "\n"
                  << "   published:  " << date_text(it.published) << "\n"
                  << "   updated:    " << date_text(it.updated) << "\n";
        if (!it.author.empty()) std::cout << "   author:     " << it.author << "\n";
        if (!it.categories.empty()) {
            std::cout << "   categories:";
            for (std::size_t i = 0; i < it.categories.size(); ++i)
                std::cout << (i ? ", " : " ") << it.categories[i];
            std::cout << "\n";
        }
        for (const auto& e : it.enclosures)
            std::cout << "   enclosure:  " << e.url << (e.type.empty() ? "" : " (" + e.type + ")")
                      << "\n";
        if (!it.summary_text.empty()) std::cout << "   summary:    " << it.summary_text << "\n";
    }
}

}  // namespace

CommandSpec feed_spec() {
    CommandSpec spec;
    spec.name = "feed";
    spec.usage = "brief feed inspect FILE|URL [--json] [--base-url URL]";
    spec.summary = "show what Brief reads from one feed (for debugging a source)";
    spec.details =
        "Reads a saved feed file or fetches a URL, and prints its format, title, link and every\n"
        "item as Brief would archive it: plain title, absolute link, dates in UTC, author,\n"
        "categories, and the sanitised summary. With --json the output is exactly\n"
        "{\"format\", \"title\", \"link\", \"items\": [{\"id\", \"title\", \"url\", "
        "\"published\",\n"
        "\"updated\", \"author\", \"summary_text\", \"summary_html\", \"categories\"}], "
        "\"warnings\"}\n"
        "with dates as RFC 3339 in UTC or null. --verbose adds how long the parse took; --quiet\n"
        "prints nothing but the exit status. Exit status: 0 when it is a feed, 1 when it is\n"
        "not, 2 for usage errors, 3 when the file or URL cannot be read.";
    spec.options = common_options();
    spec.options.insert(
        spec.options.begin() + 1,
        {{"--json", "", "print JSON instead of text", ""},
         {"--base-url", "URL", "the address relative links resolve against (for a saved file)",
          "the URL fetched; none for a file"},
         {"--timeout", "SECONDS", "time allowed to fetch a URL", "30"}});
    return spec;
}

// The feed's bytes: fetched when `target` is a URL (whose final address becomes `base` when
// none was given), read when it is a file. An exit status other than kExitOk says it failed.
int read_target(const std::string& target, int timeout, std::string& bytes,
                std::string& content_type, std::string& base) {
    if (is_http_url(target)) {
        CurlFetcher http(FetcherOptions{1, {}});
        FetchRequest req;
        req.key = "inspect";
        req.url = target;
        req.timeout_seconds = timeout;
        FetchResponse r = http.fetch_all({req}, {}).at(0);
        if (!r.error.empty()) {
            std::fprintf(stderr, "%s inspect: %s: %s\n", kFeed, target.c_str(), r.error.c_str());
            return kExitIo;
        }
        if (r.status < 200 || r.status >= 300) {
            std::fprintf(stderr, "%s inspect: %s: HTTP %d\n", kFeed, target.c_str(), r.status);
            return kExitIo;
        }
        bytes = std::move(r.body);
        content_type = r.content_type;
        if (base.empty()) base = r.effective_url;
    } else {
        auto text = read_file(target);
        if (!text) {
            std::fprintf(stderr, "%s inspect: cannot read '%s'\n", kFeed, target.c_str());
            return kExitIo;
        }
        bytes = std::move(*text);
    }
    return kExitOk;
}

int run_feed(const ParsedArgs& args) {
    if (args.positional.empty() || args.positional[0] != "inspect") {
        std::fprintf(stderr, "%s: expected 'inspect' (usage: %s)\n", kFeed,
                     feed_spec().usage.c_str());
        return kExitUsage;
    }
    if (args.positional.size() != 2) {
        std::fprintf(stderr, "%s inspect: expected one FILE or URL\n", kFeed);
        return kExitUsage;
    }
    const std::string& target = args.positional[1];
    std::string base = args.get("--base-url");
    if (!base.empty() && !is_http_url(base)) {
        std::fprintf(stderr, "%s inspect: --base-url: '%s' is not an http or https URL\n", kFeed,
                     base.c_str());
        return kExitUsage;
    }
    int timeout = 30;
    if (args.has("--timeout")) {
        std::string err;
        auto v = parse_positive(args.get("--timeout"), "--timeout", err);
        if (!v) {
            std::fprintf(stderr, "%s inspect: %s\n", kFeed, err.c_str());
            return kExitUsage;
        }
        timeout = static_cast<int>(std::min(*v, 3600L));
    }

    std::string bytes, content_type;
    if (int status = read_target(target, timeout, bytes, content_type, base); status != kExitOk)
        return status;

    auto start = std::chrono::steady_clock::now();
    ParsedFeed feed = parse_feed_bytes(bytes, content_type, base);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (args.has("--verbose")) {
        // The parse alone (decode, XML / JSON, dates, links, sanitising), without printing.
        std::fprintf(stderr,
                     "%s inspect: %s: %.1f MB decoded and parsed in %.3f s: %zu items (%.0f "
                     "items/s, %.1f MB/s)\n",
                     kFeed, target.c_str(), bytes.size() / 1e6, seconds, feed.items.size(),
                     seconds > 0 ? feed.items.size() / seconds : 0.0,
                     seconds > 0 ? bytes.size() / 1e6 / seconds : 0.0);
    }
    if (!feed.ok()) {
        std::fprintf(stderr, "%s inspect: %s: %s\n", kFeed, target.c_str(), feed.error.c_str());
        for (const auto& w : feed.warnings)
            std::fprintf(stderr, "%s inspect: warning: %s\n", kFeed, w.c_str());
        return kExitContent;
    }
    if (args.has("--quiet")) return kExitOk;  // the exit status says whether it is a feed
    if (args.has("--json"))
        print_json(feed);
    else
        print_text(feed, target, use_color(stdout));
    return kExitOk;
}

}  // namespace brief::cli
