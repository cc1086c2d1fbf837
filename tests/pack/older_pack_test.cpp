// An older version of the active exhibition is not installed unless staff ask
// for it (OlderPack::allow, `amanat pack install --allow-older`): a signature
// never expires, so otherwise any pack ever signed could quietly put back what
// a newer one replaced. Rollback, an explicit staff action, stays allowed.
#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "pack/exhibition_version.hpp"

namespace fs = std::filesystem;
using namespace amanat;
using namespace amanat::testing;

namespace {

std::string active_version(const pack::InstalledPacks& packs) {
    std::string error;
    for (const pack::InstalledPack& p : packs.list(error))
        if (p.active) return p.bundle_version;
    return "";
}

// A signed pack of a synthetic bundle with this id and version.
fs::path pack_of(const fs::path& folder, const std::string& id, const std::string& version) {
    const fs::path bundle = folder / (id + "-" + version);
    write_bundle(bundle, version);
    std::string toml = read_bytes(bundle / "exhibition.toml");
    toml.replace(toml.find("id = \"synthetic\""), 16, "id = \"" + id + "\"");
    write_bytes(bundle / "exhibition.toml", toml);
    const fs::path file = folder / (id + "-" + version + ".amanat");
    build_signed(bundle, file);
    return file;
}

}  // namespace

TEST_CASE("pack: versions compare part by part at the dots, numbers as numbers") {
    using pack::compare_versions;
    CHECK(compare_versions("2026.11.1", "2026.12.1") < 0);
    CHECK(compare_versions("2026.12.1", "2026.11.1") > 0);
    CHECK(compare_versions("2026.9.30", "2026.11.1") < 0);  // 9 < 11, though "9" > "1" as text
    CHECK(compare_versions("2026.100.1", "2026.99.9") > 0);
    CHECK(compare_versions("2027.01.1", "2027.1.1") == 0);  // leading zeros do not count
    CHECK(compare_versions("2026.11", "2026.11.0") == 0);   // a missing part is 0
    CHECK(compare_versions("2026.11", "2026.11.1") < 0);
    CHECK(compare_versions("2", "10") < 0);
    CHECK(compare_versions("99999999999999999999", "100000000000000000000") < 0);  // beyond 64 bits
    CHECK(compare_versions("2026.11.1", "2026.11.1b") < 0);                        // text as text
    CHECK(compare_versions("spring-2026", "spring-2026") == 0);
    CHECK(compare_versions("", "0") == 0);
}

TEST_CASE("pack: an older version of the active exhibition is refused unless allowed, and rollback is not") {
    KioskWithPackA kiosk;  // synthetic 1
    const fs::path a = kiosk.temp() / "a.amanat";
    const fs::path b = pack_of(kiosk.temp(), "synthetic", "2026.11.1");
    const fs::path c = pack_of(kiosk.temp(), "synthetic", "2026.12.1");
    const fs::path nine = pack_of(kiosk.temp(), "synthetic", "2026.9.30");
    pack::InstalledPacks& packs = kiosk.packs();
    REQUIRE(packs.install(c, trust_test_key(), {}, {}).ok);
    const auto active = packs.active_bundle();

    // The staff screen's call: no choice given, so older packs are refused.
    for (const auto& [file, version] :
         {std::pair{b, "2026.11.1"}, std::pair{nine, "2026.9.30"}, std::pair{a, "1"}}) {
        CAPTURE(file);
        const pack::InstallOutcome refused = packs.install(file, trust_test_key(), {}, {});
        CHECK_FALSE(refused.ok);
        CHECK(refused.older_than_active);
        CHECK_FALSE(refused.installed);
        CHECK_MESSAGE(refused.message.find(file.string() + ": is synthetic " + version +
                                           ", older than the active 2026.12.1") != std::string::npos,
                      refused.message);
        CHECK(refused.message.find("`amanat pack install --allow-older`") != std::string::npos);
        CHECK(refused.message.ends_with("The active exhibition is unchanged."));
        CHECK(packs.active_bundle() == active);
        CHECK(fs::is_empty(kiosk.root() / "staging"));
    }
    std::string error;
    CHECK(packs.list(error).size() == 2);  // A (previous) and C: nothing of B was kept

    // Asked for: installed, and the newer one is what rollback returns to.
    const auto allowed = packs.install(b, trust_test_key(), {}, {}, pack::OlderPack::allow);
    CHECK_MESSAGE(allowed.ok, allowed.message);
    CHECK_FALSE(allowed.older_than_active);
    CHECK(active_version(packs) == "2026.11.1");
    std::string message;
    REQUIRE_MESSAGE(packs.rollback(message), message);
    CHECK(active_version(packs) == "2026.12.1");
    REQUIRE_MESSAGE(packs.rollback(message), message);  // back to the older one: staff's explicit choice
    CHECK(active_version(packs) == "2026.11.1");

    // The same version again, and a newer one, need no permission.
    CHECK(packs.install(b, trust_test_key(), {}, {}).ok);
    CHECK(packs.install(c, trust_test_key(), {}, {}).ok);
    CHECK(active_version(packs) == "2026.12.1");
}

TEST_CASE("pack: another exhibition is not an older version of the active one, whatever its version") {
    KioskWithPackA kiosk;
    const fs::path newer = pack_of(kiosk.temp(), "synthetic", "2026.12.1");
    const fs::path other = pack_of(kiosk.temp(), "other-exhibition", "1");
    REQUIRE(kiosk.packs().install(newer, trust_test_key(), {}, {}).ok);
    const auto outcome = kiosk.packs().install(other, trust_test_key(), {}, {});
    CHECK_MESSAGE(outcome.ok, outcome.message);
    CHECK(active_version(kiosk.packs()) == "1");
}
