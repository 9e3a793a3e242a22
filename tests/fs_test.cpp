// util/fs.h: creating new files (never replacing one) and replacing files atomically, with the
// failure said in one sentence.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "util/fs.h"

using namespace brief;
using namespace brief::test;

TEST_CASE("create_file makes the missing folders and never replaces a file", "[util]") {
    TempDir dir;
    const auto path = dir / "a/b/new.md";
    Status made = create_file(path, "first\n");
    REQUIRE(made.ok());
    CHECK(slurp(path) == "first\n");
    Status again = create_file(path, "second\n");
    CHECK_FALSE(again.ok());
    CHECK(again.error() == "cannot create " + path.string() + ": File exists");
    CHECK(slurp(path) == "first\n");  // what was there is kept
}

TEST_CASE("write_file_atomic replaces a file whole and says why when it cannot", "[util]") {
    TempDir dir;
    const auto path = dir / "state.json";
    REQUIRE(write_file_atomic(path, "old").ok());
    REQUIRE(write_file_atomic(path, "new").ok());
    CHECK(slurp(path) == "new");
    Status failed = write_file_atomic(dir / "missing/state.json", "x");
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().starts_with("cannot create " + (dir / "missing/state.json").string() +
                                     ".tmp-"));
    CHECK(failed.error().ends_with(": No such file or directory"));
}

TEST_CASE("a Result holds a value or the reason there is none", "[util]") {
    Result<int> good = 7;
    REQUIRE(good.ok());
    CHECK(*good == 7);
    Result<int> bad = fail("no number here");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error() == "no number here");
    Status empty_reason = fail("");
    CHECK_FALSE(empty_reason.ok());  // a failure always says something
    CHECK(empty_reason.error() == "failed");
}
