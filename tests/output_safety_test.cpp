// The output folder is Brief's alone: dangerous --output folders are refused whatever their
// spelling, files Brief did not write are kept, reads never follow a link out of the site,
// and a build killed at any moment leaves the old site or the new one, never a mix.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "helpers.h"
#include "util/safe_paths.h"

using namespace brief;
using namespace brief::test;
namespace fs = std::filesystem;

namespace {

// Everything under `dir`, links not followed: "f path" -> bytes, "l path" -> target, "d path".
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
         ++it) {
        const std::string rel = fs::relative(it->path(), dir).generic_string();
        if (it->is_symlink())
            out["l " + rel] = fs::read_symlink(it->path()).string();
        else if (it->is_directory())
            out["d " + rel] = "";
        else
            out["f " + rel] = slurp(it->path());
    }
    return out;
}

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

// A sandbox: HOME, a desk (the minimal fixture with a git folder and templates/), a folder of
// someone's own files, a link to the desk's parent.
struct Sandbox {
    TempDir tmp;
    fs::path home = tmp / "home";
    fs::path work = tmp / "work";
    fs::path desk = work / "desk";
    fs::path mine = work / "mine";
    Sandbox() {
        fs::create_directories(home);
        fs::create_directories(work);
        copy_site(kSites / "minimal", desk);
        write(desk / ".git/HEAD", "ref: refs/heads/main\n");
        write(desk / "templates/README", "the desk's own templates\n");
        write(desk / ".brief-cache/keep", "cache\n");
        write(mine / "notes.txt", "my own notes\n");
        write(home / "diary.txt", "private\n");
        fs::create_directory_symlink(work, tmp / "link");
    }
    // Runs brief in `cwd` with HOME in the sandbox.
    RunResult brief(const std::string& args, const fs::path& cwd) const {
        return run_brief(args, "NO_COLOR=1 HOME=" + quoted(home), cwd);
    }
};

}  // namespace

TEST_CASE("a dangerous --output is refused with one sentence, exit 2 and nothing touched",
          "[safety][cli]") {
    Sandbox s;
    struct Case {
        std::string output;
        std::string why;
    };
    const std::vector<Case> cases = {
        {".", "it is the site folder itself"},
        {s.desk.string(), "it is the site folder itself"},
        {"content/..", "it is the site folder itself"},
        {"../../link/desk", "it is the site folder itself"},
        {"..", "it holds the site folder"},
        {"../..", "it holds the site folder"},
        {"../../link", "it holds the site folder"},
        {"content", "it lies inside the site's content/ folder"},
        {"content/briefings", "it lies inside the site's content/ folder"},
        {"content/new-folder", "it lies inside the site's content/ folder"},
        {"templates", "it lies inside the site's templates/ folder"},
        {".git", "it lies inside the site's .git/ folder"},
        {".brief-cache", "it lies inside the site's .brief-cache/ folder"},
        {s.home.string(), "it is your home folder"},
        {"/", "it holds the site folder"},
        {"../mine", "it is not empty and Brief did not write it (it has no .brief-site.json)"},
        {"content/site.yaml", "it lies inside the site's content/ folder"},
    };
    for (const auto& c : cases) {
        INFO("--output " << c.output);
        const auto before = snapshot(s.tmp.path());
        auto r = s.brief("build --output " + quoted(fs::path(c.output)), s.desk);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "brief build: refusing to write the site into '" + c.output + "'"));
        CHECK(contains(r.err, c.why));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(snapshot(s.tmp.path()) == before);
    }
    // --force takes over no protected folder.
    for (const std::string out : {".", "..", "content", "templates", "/"}) {
        INFO("--force --output " << out);
        const auto before = snapshot(s.tmp.path());
        auto r = s.brief("build --force --output " + quoted(fs::path(out)), s.desk);
        CHECK(r.exit_code == 2);
        CHECK(snapshot(s.tmp.path()) == before);
    }
    // The home folder given through --source from elsewhere, and the working directory's
    // ancestors.
    fs::create_directories(s.work / "other/deep");
    write(s.work / "other/deep/file.txt", "someone's\n");
    const auto before = snapshot(s.tmp.path());
    auto r = s.brief("build --source " + quoted(s.desk) + " --output ..", s.work / "other/deep");
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "it holds the working directory"));
    r = s.brief("build --source " + quoted(s.desk) + " --output " + quoted(s.home), s.work);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "it is your home folder"));
    CHECK(snapshot(s.tmp.path()) == before);
}

TEST_CASE("a folder of someone's files is moved aside by --force, never deleted", "[safety][cli]") {
    Sandbox s;
    auto r = s.brief("build --force --output ../mine", s.desk);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(fs::exists(s.mine / "index.html"));
    CHECK(fs::exists(s.mine / ".brief-site.json"));
    CHECK_FALSE(fs::exists(s.mine / "notes.txt"));
    std::vector<fs::path> aside;
    for (const auto& e : fs::directory_iterator(s.work))
        if (e.path().filename().string().starts_with("mine.before-brief-"))
            aside.push_back(e.path());
    REQUIRE(aside.size() == 1);
    CHECK(tree(aside[0]) == std::map<std::string, std::string>{{"notes.txt", "my own notes\n"}});
    // Now the folder is Brief's: the next build needs no --force.
    CHECK(s.brief("build --output ../mine", s.desk).exit_code == 0);
}

TEST_CASE("a file Brief did not write survives every build, with a warning naming it",
          "[safety][cli]") {
    Sandbox s;
    REQUIRE(s.brief("build", s.desk).exit_code == 0);
    write(s.desk / "site/CNAME", "brief.example\n");
    write(s.desk / "site/google123.html", "google-site-verification: google123.html\n");
    auto r = s.brief("build", s.desk);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err,
                   "site/CNAME: warning: kept: Brief did not write this file, so it "
                   "neither replaces nor deletes it"));
    CHECK(contains(r.err, "hint: to publish a file on purpose, put it in templates/static/"));
    CHECK(contains(r.err, "site/google123.html: warning: kept"));
    // A change that rewrites every page keeps them too.
    auto yaml = slurp(s.desk / "content/site.yaml");
    write(s.desk / "content/site.yaml", "title: Renamed\n" + yaml.substr(yaml.find('\n') + 1));
    r = s.brief("build --no-cache", s.desk);
    CHECK(r.exit_code == 0);
    CHECK(slurp(s.desk / "site/CNAME") == "brief.example\n");
    CHECK(slurp(s.desk / "site/google123.html") == "google-site-verification: google123.html\n");
    CHECK(contains(slurp(s.desk / "site/index.html"), "Renamed"));
    std::vector<std::string> listed;
    REQUIRE(parse_output_marker(slurp(s.desk / "site/.brief-site.json"), listed));
    CHECK(std::find(listed.begin(), listed.end(), "CNAME") == listed.end());
    CHECK(std::find(listed.begin(), listed.end(), "index.html") != listed.end());
}

TEST_CASE("a file Brief wrote is removed when its page goes", "[safety][cli]") {
    Sandbox s;
    REQUIRE(s.brief("build", s.desk).exit_code == 0);
    REQUIRE(fs::exists(s.desk / "site/briefings/cluster-online/index.html"));
    fs::remove(s.desk / "content/briefings/2026/cluster-online.md");
    auto r = s.brief("build", s.desk);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(fs::exists(s.desk / "site/briefings/cluster-online"));
    std::vector<std::string> listed;
    REQUIRE(parse_output_marker(slurp(s.desk / "site/.brief-site.json"), listed));
    CHECK(std::find(listed.begin(), listed.end(), "briefings/cluster-online/index.html") ==
          listed.end());
}

TEST_CASE("a page at the path of a file Brief did not write is an error that changes nothing",
          "[safety][cli]") {
    Sandbox s;
    REQUIRE(s.brief("build", s.desk).exit_code == 0);
    write(s.desk / "site/briefings/by-hand/index.html", "typed by hand\n");
    write(s.desk / "content/briefings/2026/by-hand.md",
          "---\ntitle: By hand\ndate: 2026-11-20\nkind: analysis\n---\nNow a briefing.\n");
    const auto before = snapshot(s.desk / "site");
    auto r = s.brief("build", s.desk);
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, "the site now has a file briefings/by-hand/index.html, but"));
    CHECK(contains(r.err, "is one Brief did not write and will not replace; move it out"));
    CHECK(snapshot(s.desk / "site") == before);
}

TEST_CASE("the next build removes what a killed one left beside the output, and nothing else",
          "[safety][cli]") {
    Sandbox s;
    write(s.desk / ".site.brief-stage-4242-0/.brief-staging", "");
    write(s.desk / ".site.brief-stage-4242-0/index.html", "half");
    write(s.desk / ".site.brief-stage-4243-1/.brief-site.json",
          output_marker({"index.html"}));  // an old site swapped out, not yet removed
    write(s.desk / ".site.brief-trash-.site.brief-stage-4244-0/a/index.html", "half deleted");
    write(s.desk / ".site.brief-stage-mine/notes.txt", "no marker: not Brief's\n");
    write(s.desk / ".site.brief-stage-link-target.txt", "a file\n");
    REQUIRE(s.brief("build", s.desk).exit_code == 0);
    CHECK_FALSE(fs::exists(s.desk / ".site.brief-stage-4242-0"));
    CHECK_FALSE(fs::exists(s.desk / ".site.brief-stage-4243-1"));
    CHECK_FALSE(fs::exists(s.desk / ".site.brief-trash-.site.brief-stage-4244-0"));
    CHECK(slurp(s.desk / ".site.brief-stage-mine/notes.txt") == "no marker: not Brief's\n");
    CHECK(slurp(s.desk / ".site.brief-stage-link-target.txt") == "a file\n");
}

TEST_CASE("a content, data or site file that links out of the site is refused unread",
          "[safety][cli]") {
    Sandbox s;
    write(s.tmp / "secret.txt", "TOKEN=ghp_do_not_print\n");
    fs::create_directories(s.tmp / "elsewhere");
    write(s.tmp / "elsewhere/x.md", "---\ntitle: TOKEN=ghp_do_not_print\n---\n");
    struct Case {
        std::string link;
        fs::path target;
    };
    const std::vector<Case> cases = {
        {"content/briefings/2026/leak.md", s.tmp / "secret.txt"},
        {"content/briefings/elsewhere", s.tmp / "elsewhere"},
        {"content/data/signals.yaml", s.tmp / "secret.txt"},
        {"content/site.yaml", s.tmp / "secret.txt"},
        {"content/pages", s.tmp / "elsewhere"},
    };
    for (const auto& c : cases) {
        INFO(c.link);
        fs::path link = s.desk / c.link;
        fs::path saved = s.tmp / "saved";
        bool had = fs::exists(fs::symlink_status(link));
        if (had) fs::rename(link, saved);
        fs::create_symlink(c.target, link);
        auto r = s.brief("build --output " + quoted(s.tmp / "out"), s.desk);
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, c.link + ": error: a symbolic link to " + c.target.string() +
                                  ", outside the site folder; Brief reads only files inside the "
                                  "site"));
        CHECK_FALSE(contains(r.err + r.out, "ghp_do_not_print"));
        CHECK_FALSE(fs::exists(s.tmp / "out"));
        fs::remove(link);
        if (had) fs::rename(saved, link);
    }
    // A link that stays inside the site is read as usual.
    fs::rename(s.desk / "content/pages/standards.md", s.desk / "content/standards-source.md");
    fs::create_symlink("../standards-source.md", s.desk / "content/pages/standards.md");
    auto r = s.brief("build --output " + quoted(s.tmp / "out"), s.desk);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(fs::exists(s.tmp / "out/standards/index.html"));
}

TEST_CASE("brief new never writes through a link out of content/", "[safety][cli]") {
    Sandbox s;
    fs::create_directories(s.tmp / "elsewhere");
    fs::remove_all(s.desk / "content/weeks");
    fs::create_directory_symlink(s.tmp / "elsewhere", s.desk / "content/weeks");
    auto r = s.brief("new week", s.desk);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "brief new: refusing to write"));
    CHECK(contains(r.err, "outside"));
    CHECK(fs::is_empty(s.tmp / "elsewhere"));
}

// SIGKILL at many moments of a whole-site rewrite: the output is always wholly the old build or
// wholly the new one, and the next build leaves no staging folder behind.
TEST_CASE("a build killed at any moment leaves the old site or the new one, never a mix",
          "[safety][slow]") {
    TempDir tmp;
    const fs::path src = tmp / "src";
    write(src / "content/site.yaml", kSiteYaml);
    for (int i = 0; i < 400; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "content/briefings/2026/b%03d.md", i);
        char date[32];
        std::snprintf(date, sizeof date, "2026-11-%02d", 1 + i % 28);
        write(src / name, "---\ntitle: Briefing " + std::to_string(i) + "\ndate: " + date +
                              " 09:00\nkind: analysis\ntopics: [t" + std::to_string(i % 20) +
                              "]\nsummary: Number " + std::to_string(i) + ".\n---\n## Body\n\n" +
                              std::string(2000, 'x') + "\n");
    }
    auto variant = [&](char which) {
        std::string yaml = kSiteYaml;
        yaml.replace(0, yaml.find('\n'), std::string("title: Variant ") + which);
        write(src / "content/site.yaml", yaml);
    };
    const std::string env =
        "NO_COLOR=1 HOME=" + quoted(tmp.path()) + " SOURCE_DATE_EPOCH=1795572000";
    auto build_into = [&](const fs::path& out) {
        return run_brief(
            "build --quiet --no-cache --source " + quoted(src) + " --output " + quoted(out), env);
    };
    variant('A');
    REQUIRE(build_into(tmp / "ref-a/site").exit_code == 0);
    variant('B');
    REQUIRE(build_into(tmp / "ref-b/site").exit_code == 0);
    const auto ref_a = tree(tmp / "ref-a/site"), ref_b = tree(tmp / "ref-b/site");
    REQUIRE(ref_a != ref_b);

    // The live site, built as an editor builds it (with the cache); the second build, a
    // whole-site rewrite like the ones killed below, says how long one takes.
    const fs::path live = tmp / "live/site";
    auto build_live = [&] {
        return run_brief("build --quiet --source " + quoted(src) + " --output " + quoted(live),
                         env);
    };
    variant('A');
    REQUIRE(build_live().exit_code == 0);
    variant('B');
    auto started = std::chrono::steady_clock::now();
    REQUIRE(build_live().exit_code == 0);
    const auto full = std::chrono::steady_clock::now() - started;
    REQUIRE(tree(live) == ref_b);
    char current = 'B';
    int saw_old = 0, saw_new = 0;
    const int kills = 24;
    for (int k = 0; k < kills; ++k) {
        const char next = current == 'A' ? 'B' : 'A';
        variant(next);
        // Spread over a whole build and a little past it; the last two builds are let finish
        // (on a loaded machine a build may take longer than the one measured).
        const bool finish = k >= kills - 2;
        const auto delay = full * 5 * (k + 1) / (4 * (kills - 2));
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::setenv("NO_COLOR", "1", 1);
            ::setenv("HOME", tmp.path().c_str(), 1);
            ::setenv("SOURCE_DATE_EPOCH", "1795572000", 1);
            int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, 1);
            ::dup2(null, 2);
            ::execl(BRIEF_BINARY, BRIEF_BINARY, "build", "--source", src.c_str(), "--output",
                    live.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        if (!finish) {
            std::this_thread::sleep_for(delay);
            ::kill(pid, SIGKILL);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        const auto now = tree(live);
        INFO("kill " << k << " after " << std::chrono::duration<double>(delay).count()
                     << " s of a build that takes " << std::chrono::duration<double>(full).count()
                     << " s");
        const bool is_old = now == (current == 'A' ? ref_a : ref_b);
        const bool is_new = now == (next == 'A' ? ref_a : ref_b);
        CHECK((is_old || is_new));
        saw_old += is_old;
        saw_new += is_new;
        if (is_new) current = next;
    }
    // The kill points reached both sides: early kills keep the old site, late ones the new.
    CHECK(saw_old > 0);
    CHECK(saw_new > 0);
    // One complete build removes whatever the killed ones left beside the output.
    variant(current == 'A' ? 'B' : 'A');
    REQUIRE(build_live().exit_code == 0);
    CHECK(tree(live) == (current == 'A' ? ref_b : ref_a));
    // Beside it only the generation before, kept whole for the next build to update.
    for (const auto& e : fs::directory_iterator(live.parent_path()))
        CHECK((e.path().filename() == "site" || e.path().filename() == ".site.brief-prev"));
    const auto prev = tree(live.parent_path() / ".site.brief-prev");
    CHECK((prev == ref_a || prev == ref_b));
}

TEST_CASE("a build cache that cannot be used is a warning, and the site is built in full",
          "[safety][cli]") {
    Sandbox s;
    fs::remove_all(s.desk / ".brief-cache");
    write(s.desk / ".brief-cache", "not a folder\n");
    auto r = s.brief("build", s.desk);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, ".brief-cache: warning: the build cache is not used: cannot create"));
    CHECK(fs::exists(s.desk / "site/index.html"));
    CHECK(slurp(s.desk / ".brief-cache") == "not a folder\n");
}
