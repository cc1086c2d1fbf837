// Crash-loop protection (issue 19): a pack that keeps stopping the kiosk as it
// starts is replaced by the previous one after kFailedStartsBeforeFallback
// starts in a row, by the kiosk itself; with nothing to go back to, or only a
// pack that failed the same way, it is refused. The kiosk's side (counting
// real crashes) is tests/e2e/crash-loop.
#include <doctest/doctest.h>

#include <filesystem>

#include "pack/crash_loop_guard.hpp"
#include "pack_fixture.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
using namespace amanat::testing;
namespace fs = std::filesystem;

namespace {

struct TwoPacks {
    TemporaryFolder temp;
    fs::path root = temp.path() / "root";
    pack::InstalledPacks packs{root};
    std::string older, newer;

    TwoPacks() {
        write_bundle(temp.path() / "a", "1");
        write_bundle(temp.path() / "b", "2", 2);
        build_signed(temp.path() / "a", temp.path() / "a.amanat");
        build_signed(temp.path() / "b", temp.path() / "b.amanat");
        older = install("a.amanat");
        newer = install("b.amanat");
    }
    std::string install(const std::string& file) {
        const auto outcome = packs.install(temp.path() / file, trust_test_key(), {}, {});
        REQUIRE_MESSAGE(outcome.ok, outcome.message);
        return outcome.installed->name;
    }
    std::string active() const { return packs.active_bundle()->parent_path().filename().string(); }
};

}  // namespace

TEST_CASE("crash loop: a pack failing its starts is replaced by the previous one at the limit") {
    TwoPacks f;
    pack::CrashLoopGuard guard(f.temp.path() / "state" / "pack-starts.json");
    for (int start = 0; start < pack::kFailedStartsBeforeFallback; ++start) {
        CHECK_FALSE(guard.starting(f.newer, f.root));  // ...and the kiosk dies each time
        CHECK(f.active() == f.newer);
    }
    const auto fallback = guard.starting(f.newer, f.root);
    REQUIRE(fallback);
    CHECK(fallback->from == f.newer);
    CHECK(fallback->to == f.older);
    CHECK(fallback->failed_starts == pack::kFailedStartsBeforeFallback);
    CHECK(fallback->message.find(f.newer) != std::string::npos);
    CHECK(fallback->message.find("amanat pack validate") != std::string::npos);
    CHECK(f.active() == f.older);
    // Shown in the status while the pack gone back to is the active one.
    CHECK(guard.last_fallback(f.older));
    CHECK_FALSE(guard.refused(f.older));
    // Staff install another pack: the fallback is history.
    write_bundle(f.temp.path() / "c", "3");
    build_signed(f.temp.path() / "c", f.temp.path() / "c.amanat");
    const std::string fixed = f.install("c.amanat");
    CHECK_FALSE(guard.last_fallback(fixed));
}

TEST_CASE("crash loop: a start that lasts, or a clean stop, resets the count") {
    TwoPacks f;
    pack::CrashLoopGuard guard(f.temp.path() / "pack-starts.json");
    for (int round = 0; round < 5; ++round) {
        for (int start = 0; start < pack::kFailedStartsBeforeFallback; ++start)
            CHECK_FALSE(guard.starting(f.newer, f.root));
        guard.settled();
    }
    CHECK(f.active() == f.newer);
    CHECK_FALSE(guard.last_fallback(f.newer));
}

TEST_CASE("crash loop: with no earlier pack, the failing one is refused, and stays refused") {
    TemporaryFolder temp;
    const fs::path root = temp.path() / "root";
    write_bundle(temp.path() / "a", "1");
    build_signed(temp.path() / "a", temp.path() / "a.amanat");
    pack::InstalledPacks packs(root);
    const auto outcome = packs.install(temp.path() / "a.amanat", trust_test_key(), {}, {});
    REQUIRE(outcome.ok);
    const std::string only = outcome.installed->name;
    pack::CrashLoopGuard guard(temp.path() / "pack-starts.json");
    for (int start = 0; start < pack::kFailedStartsBeforeFallback; ++start)
        CHECK_FALSE(guard.starting(only, root));
    const auto fallback = guard.starting(only, root);
    REQUIRE(fallback);
    CHECK(fallback->to.empty());
    CHECK(fallback->message.find("out-of-order") != std::string::npos);
    CHECK(guard.refused(only));
    CHECK(guard.starting(only, root));  // every later start too, without counting
    CHECK(guard.last_fallback(only));
}

TEST_CASE("crash loop: two broken packs do not take turns: the second fallback refuses") {
    TwoPacks f;
    pack::CrashLoopGuard guard(f.temp.path() / "pack-starts.json");
    for (int start = 0; start < pack::kFailedStartsBeforeFallback; ++start) guard.starting(f.newer, f.root);
    REQUIRE(guard.starting(f.newer, f.root)->to == f.older);
    CHECK_FALSE(guard.starting(f.older, f.root));  // the kiosk shows the older pack...
    for (int start = 1; start < pack::kFailedStartsBeforeFallback; ++start) guard.starting(f.older, f.root);
    const auto second = guard.starting(f.older, f.root);  // ...which fails too
    REQUIRE(second);
    CHECK(second->to.empty());
    CHECK(guard.refused(f.older));
    CHECK(f.active() == f.older);
}

TEST_CASE("crash loop: a damaged record counts as none, and the built-in exhibition is never counted") {
    TwoPacks f;
    const fs::path record = f.temp.path() / "pack-starts.json";
    write_bytes(record, "{\"pack\": \x01 not json");
    pack::CrashLoopGuard guard(record);
    CHECK_FALSE(guard.starting(f.newer, f.root));
    for (int start = 0; start < 10; ++start) CHECK_FALSE(guard.starting("", f.root));
    CHECK(f.active() == f.newer);
}
