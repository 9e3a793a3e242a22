// brief init, run as a new desk would: the real binary, a temp folder, HOME in a temp folder.
#include <catch2/catch.hpp>

#include <set>

#include "cli/desk.h"
#include "helpers.h"
#include "util/embedded.h"

using namespace brief;
using namespace brief::test;

namespace {

// 2026-11-25T10:00:00+08:00: a Wednesday of ISO week 2026-W48.
constexpr const char* kEpoch = "1795572000";

// Runs brief with a fixed clock and HOME inside `dir` (so no test reads or writes the real one).
RunResult brief_in(const TempDir& dir, const std::string& args) {
    std::filesystem::create_directories(dir / "home");
    return run_brief(args, "NO_COLOR=1 SOURCE_DATE_EPOCH=" + std::string(kEpoch) +
                               " HOME=" + (dir / "home").string());
}

// Every entry under `dir` (folders too), for "nothing was written".
std::set<std::string> entries(const std::filesystem::path& dir) {
    std::set<std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        out.insert(std::filesystem::relative(e.path(), dir).generic_string());
    return out;
}

std::string q(const std::filesystem::path& p) {
    return "'" + p.string() + "'";
}

const std::set<std::string> kDeskFiles = {
    ".github/workflows/publish.yml",
    ".gitignore",
    "README.md",
    "content/briefings/2026/example-briefing.md",
    "content/guides/how-to-follow-a-project.md",
    "content/pages/standards.md",
    "content/site.yaml",
    "content/weeks/2026-W48.md",
    "sources.yaml",
};

}  // namespace

TEST_CASE("brief init makes a desk that builds with --strict and passes brief check", "[init]") {
    TempDir dir;
    const auto desk = dir / "desks/new/mydesk";  // missing parents are made too
    auto r = brief_in(dir, "init " + desk.string() +
                               " --title 'Desk: \"quotes\" & <tags>' --base-url "
                               "https://desk.example/news --language de --timezone Asia/Shanghai");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "Next: cd " + desk.string() + " && brief serve"));
    std::set<std::string> files;
    for (const auto& [rel, bytes] : tree(desk)) files.insert(rel);
    CHECK(files == kDeskFiles);
    // No staging folder is left beside the desk.
    CHECK(entries(dir / "desks").count("new/mydesk") == 1);
    for (const auto& e : entries(dir / "desks")) CHECK_FALSE(contains(e, ".brief-init"));

    const std::string site = slurp(desk / "content/site.yaml");
    CHECK(contains(site, "title: \"Desk: \\\"quotes\\\" & <tags>\"\n"));
    CHECK(contains(site, "base_url: https://desk.example/news/\n"));
    CHECK(contains(site, "language: de\nlanguages: [de]\n"));
    CHECK(contains(site, "timezone: Asia/Shanghai\n"));
    CHECK(
        contains(slurp(desk / "content/briefings/2026/example-briefing.md"), "date: 2026-11-25\n"));
    const std::string week = slurp(desk / "content/weeks/2026-W48.md");
    CHECK(week.starts_with("---\n"));
    CHECK(contains(week, "title: \"The week of 2026-W48\"\n"));
    const std::string workflow = slurp(desk / ".github/workflows/publish.yml");
    CHECK(contains(workflow, "  BRIEF_DEB_URL: https://"));
    CHECK(contains(workflow, "url: ${{ steps.deployment.outputs.page_url }}"));
    CHECK_FALSE(contains(workflow, "install-deps"));
    CHECK_FALSE(contains(workflow, "run: make"));
    CHECK_FALSE(contains(workflow, "build/brief"));
    CHECK(contains(slurp(desk / ".gitignore"), "site/\n"));
    CHECK(contains(slurp(desk / ".gitignore"), ".site.brief-*/\n"));
    CHECK(contains(slurp(desk / ".gitignore"), ".brief-cache/\n"));
    for (const auto& [rel, bytes] : tree(desk)) {
        INFO(rel);
        CHECK_FALSE(contains(bytes, "{{title"));
        CHECK_FALSE(contains(bytes, "{{date}}"));
    }

    auto b = brief_in(dir, "build --strict --source " + desk.string());
    INFO(b.err);
    CHECK(b.exit_code == 0);
    CHECK(contains(slurp(desk / "site/index.html"), "Desk: &quot;quotes&quot; &amp; &lt;tags&gt;"));
    CHECK(std::filesystem::exists(desk / "site/briefings/example-briefing/index.html"));
    CHECK(std::filesystem::exists(desk / "site/guides/how-to-follow-a-project/index.html"));
    CHECK(std::filesystem::exists(desk / "site/standards/index.html"));
    CHECK(std::filesystem::exists(desk / "site/weeks/2026-W48/index.html"));
    auto c = brief_in(dir, "check --source " + desk.string());
    INFO(c.out + c.err);
    CHECK(c.exit_code == 0);
}

TEST_CASE("brief init with the defaults builds too, and says what it takes in --help", "[init]") {
    TempDir dir;
    auto r = brief_in(dir, "init " + (dir / "desk").string() + " --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    const std::string site = slurp(dir / "desk/content/site.yaml");
    CHECK(contains(site, "title: \"My Brief\"\n"));
    CHECK(contains(site, "timezone: UTC\n"));
    CHECK(brief_in(dir, "build --strict --source " + (dir / "desk").string()).exit_code == 0);
    auto h = brief_in(dir, "init --help");
    CHECK(h.exit_code == 0);
    for (const char* opt : {"--title T", "--base-url URL", "--language L", "--timezone TZ",
                            "--force", "never overwrites"})
        CHECK(contains(h.out, opt));
}

TEST_CASE("brief init refuses bad input with one sentence and exit 2, writing nothing", "[init]") {
    TempDir dir;
    write(dir / "a-file", "x");
    write(dir / "site/content/site.yaml", "title: A site\nbase_url: https://a.example/\n");
    write(dir / "full/notes.txt", "mine");
    const auto before = entries(dir.path());
    const std::string d = (dir / "new").string();
    struct Case {
        std::string args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"init " + (dir / "a-file").string(), q(dir / "a-file") + " is a file, not a folder"},
        {"init " + (dir / "a-file/desk").string(),
         "cannot create " + q(dir / "a-file/desk") + ": " + q(dir / "a-file") +
             " is a file, not a folder; nothing was written"},
        {"init /proc/brief-init-test",
         "cannot create '/proc/brief-init-test': the folder "
         "'/proc' cannot be written to ("},
        {"init " + d + " --base-url ftp://files.example/",
         "--base-url 'ftp://files.example/' is "
         "not an http(s) address with a host"},
        {"init " + d + " --base-url https://", "--base-url 'https://' is not an http(s) address"},
        {"init " + d + " --base-url example.org", "--base-url 'example.org' is not an http(s)"},
        {"init " + d + " --base-url 'https://a.example/?x=1'", "is not an http(s) address"},
        {"init " + d + " --timezone Mars/Olympus",
         "--timezone 'Mars/Olympus' is not a time zone of the tz database"},
        {"init " + d + " --timezone zone.tab", "--timezone 'zone.tab' is not a time zone"},
        {"init " + d + " --timezone ../../etc/passwd", "is not a time zone of the tz database"},
        {"init " + d + " --language fr",
         "--language 'fr' has no labels in Brief's default theme; start with one of de, en and "
         "zh"},
        {"init " + d + " --language 'not a tag'", "--language 'not a tag' is not a language tag"},
        {"init " + d + " --title ''", "--title must be between 1 and 200 characters long"},
        {"init " + d + " --title \"$(printf 'two\\nlines')\"", "--title must be one line of text"},
        {"init " + (dir / "site").string(),
         q(dir / "site") + " is a Brief site already (it has content/site.yaml)"},
        {"init " + (dir / "site").string() + " --force", "is a Brief site already"},
        {"init " + (dir / "full").string(),
         q(dir / "full") + " is not empty; give a new or empty folder, or pass --force"},
        {"init", "give the folder of the new desk, and only that: brief init DIR"},
        {"init " + d + " " + d + "2", "give the folder of the new desk, and only that"},
    };
    for (const auto& c : cases) {
        auto r = brief_in(dir, c.args);
        INFO(c.args + "\n" + r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.starts_with("brief init: "));
        CHECK(contains(r.err, c.message));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(r.out.empty());
        auto now = entries(dir.path());
        now.erase("home");
        auto was = before;
        was.erase("home");
        CHECK(now == was);
    }
    CHECK_FALSE(std::filesystem::exists("/proc/brief-init-test"));
}

TEST_CASE("brief init --force adds a desk beside existing files and refuses any clash", "[init]") {
    TempDir dir;
    write(dir / "repo/notes.txt", "mine");
    write(dir / "repo/.git/HEAD", "ref: refs/heads/main\n");
    auto r = brief_in(dir, "init " + (dir / "repo").string() + " --force");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(slurp(dir / "repo/notes.txt") == "mine");
    CHECK(slurp(dir / "repo/.git/HEAD") == "ref: refs/heads/main\n");
    for (const auto& f : kDeskFiles) CHECK(std::filesystem::exists(dir / "repo" / f));
    for (const auto& e : entries(dir / "repo")) CHECK_FALSE(contains(e, ".brief-init"));

    // A folder holding two of the desk's files: both are named, and nothing is written.
    write(dir / "clash/README.md", "my readme");
    write(dir / "clash/sources.yaml", "sources: []\n");
    const auto before = tree(dir / "clash");
    const auto before_entries = entries(dir / "clash");
    auto c = brief_in(dir, "init " + (dir / "clash").string() + " --force");
    INFO(c.err);
    CHECK(c.exit_code == 2);
    CHECK(c.err == "brief init: 2 of the desk's files exist already in " + q(dir / "clash") +
                       ", and brief init never overwrites a file; nothing was written:\n"
                       "  README.md\n  sources.yaml\n");
    CHECK(tree(dir / "clash") == before);
    CHECK(entries(dir / "clash") == before_entries);
}

TEST_CASE("brief init never writes through a symbolic link that leads out of the desk", "[init]") {
    TempDir dir;
    std::filesystem::create_directories(dir / "outside");
    std::filesystem::create_directories(dir / "desk");
    std::filesystem::create_directory_symlink(dir / "outside", dir / "desk/content");
    auto r = brief_in(dir, "init " + (dir / "desk").string() + " --force");
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "outside"));
    CHECK(std::filesystem::is_empty(dir / "outside"));
}

TEST_CASE("every placeholder in the desk skeleton is one init fills in", "[init]") {
    const auto values = cli::desk_placeholders(cli::DeskSettings{}, 1795572000);
    std::size_t files = 0;
    for (const auto& f : embedded_desk()) {
        ++files;
        for (const auto& text : {f.path, f.bytes})
            for (const auto& key : cli::placeholder_names(text)) {
                INFO(std::string(f.path) + ": {{" + key + "}}");
                CHECK(values.count(key) == 1);
            }
    }
    CHECK(files == kDeskFiles.size());
    CHECK(cli::fill_placeholders("a {{title}} b ${{ github.sha }} {{unknown}} {{title", values) ==
          "a My Brief b ${{ github.sha }} {{unknown}} {{title");
}

TEST_CASE("brief init . starts a desk in the empty working directory", "[init]") {
    TempDir dir;
    std::filesystem::create_directories(dir / "home");
    std::filesystem::create_directories(dir / "mydesk");
    auto r = run_brief(
        "init .",
        "NO_COLOR=1 SOURCE_DATE_EPOCH=" + std::string(kEpoch) + " HOME=" + (dir / "home").string(),
        dir / "mydesk");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::set<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "mydesk"))
        if (e.is_regular_file())
            files.insert(std::filesystem::relative(e.path(), dir / "mydesk").generic_string());
    CHECK(files == kDeskFiles);
    // Nothing beside it: the staging folder went.
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK((e.path().filename() == "home" || e.path().filename() == "mydesk"));
    // Home itself is refused.
    auto h =
        run_brief("init --force .", "NO_COLOR=1 HOME=" + (dir / "home").string(), dir / "home");
    CHECK(h.exit_code == 2);
    CHECK(contains(h.err, "your home folder"));
}
