// The kiosk's fleet inbox (fleet/pack_inbox.hpp) with real signed packs: what a
// synchroniser may leave there (half a file, a tampered or unsigned pack, its own
// unfinished names, an older version, nothing at all) never changes what the
// kiosk shows, and a pack is tried once, not in a loop.
#include <doctest/doctest.h>

#include <fstream>

#include "fleet/pack_inbox.hpp"
#include "pack_fixture.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using namespace amanat;
using testing::build_signed;
using testing::read_bytes;
using testing::TemporaryFolder;
using testing::trust_test_key;
using testing::write_bundle;
using testing::write_bytes;

namespace {

struct Kiosk {
    TemporaryFolder folder;
    fs::path inbox = folder.path() / "inbox";
    fs::path root = folder.path() / "packs";
    fs::path state = folder.path() / "state" / "inbox-tried";
    fs::path made = folder.path() / "made";

    Kiosk() {
        fs::create_directories(inbox);
        fs::create_directories(made);
    }
    fleet::PackInbox inbox_reader() const { return {inbox, root, trust_test_key(), pack::Limits{}, state}; }
    // A signed pack of a synthetic exhibition at `version`, built outside the inbox.
    fs::path pack(const std::string& version) const {
        const fs::path bundle = made / ("bundle-" + version);
        write_bundle(bundle, version);
        const fs::path file = made / ("exhibition-" + version + ".amanat");
        build_signed(bundle, file);
        return file;
    }
    std::string active_version() const {
        const auto active = pack::InstalledPacks(root).active_bundle();
        if (!active) return "none";
        std::string error;
        for (const auto& installed : pack::InstalledPacks(root).list(error))
            if (installed.active) return installed.bundle_version;
        return "?";
    }
};

}  // namespace

TEST_CASE("a pack that arrived whole is installed at the second look, once") {
    Kiosk kiosk;
    auto inbox = kiosk.inbox_reader();
    CHECK_FALSE(inbox.check(100));  // an empty inbox
    fs::copy_file(kiosk.pack("2.0"), kiosk.inbox / "exhibition.amanat");
    CHECK_FALSE(inbox.check(101));  // it may still be arriving
    CHECK(kiosk.active_version() == "none");
    CHECK(inbox.check(102));
    CHECK(kiosk.active_version() == "2.0");
    REQUIRE(inbox.last_verdict());
    CHECK(inbox.last_verdict()->installed);
    CHECK(inbox.last_verdict()->file == "exhibition.amanat");
    CHECK(inbox.last_verdict()->at == 102);
    CHECK_FALSE(inbox.check(103));  // tried: not again

    SUBCASE("the inbox emptied (a deletion synced from the organisers) changes nothing shown") {
        fs::remove(kiosk.inbox / "exhibition.amanat");
        CHECK_FALSE(inbox.check(104));
        CHECK(kiosk.active_version() == "2.0");
    }
    SUBCASE("an older version arriving is refused, the newer one stays") {
        fs::copy_file(kiosk.pack("1.0"), kiosk.inbox / "older.amanat");
        CHECK_FALSE(inbox.check(104));
        CHECK_FALSE(inbox.check(105));
        CHECK(kiosk.active_version() == "2.0");
        REQUIRE(inbox.last_verdict());
        CHECK_FALSE(inbox.last_verdict()->installed);
        CHECK(inbox.last_verdict()->message.find("older") != std::string::npos);
    }
}

TEST_CASE("half a pack is refused, not retried, and the whole one installed when it comes") {
    Kiosk kiosk;
    const std::string whole = read_bytes(kiosk.pack("3.0"));
    write_bytes(kiosk.inbox / "exhibition.amanat", whole.substr(0, whole.size() / 2));
    auto inbox = kiosk.inbox_reader();
    CHECK_FALSE(inbox.check(1));
    CHECK_FALSE(inbox.check(2));  // tried: refused
    REQUIRE(inbox.last_verdict());
    CHECK_FALSE(inbox.last_verdict()->installed);
    CHECK(inbox.last_verdict()->message.find("exhibition.amanat") != std::string::npos);
    CHECK(kiosk.active_version() == "none");
    // Not tried again while unchanged, by this kiosk or after a restart.
    CHECK_FALSE(inbox.check(3));
    CHECK_FALSE(inbox.check(4));
    auto restarted = kiosk.inbox_reader();
    CHECK_FALSE(restarted.check(5));
    CHECK_FALSE(restarted.check(6));
    CHECK_FALSE(restarted.last_verdict());
    // The transfer completes: a different file.
    write_bytes(kiosk.inbox / "exhibition.amanat", whole);
    CHECK_FALSE(restarted.check(7));
    CHECK(restarted.check(8));
    CHECK(kiosk.active_version() == "3.0");
}

TEST_CASE("a tampered pack is refused and the active exhibition kept") {
    Kiosk kiosk;
    fs::copy_file(kiosk.pack("2.0"), kiosk.inbox / "a.amanat");
    auto inbox = kiosk.inbox_reader();
    inbox.check(1);
    REQUIRE(inbox.check(2));
    std::string bytes = read_bytes(kiosk.pack("4.0"));
    const std::size_t at = testing::offset_of(kiosk.made / "exhibition-4.0.amanat", "synthetic");
    bytes[at] = 'S';  // one byte of its manifest changed: the signature no longer matches
    write_bytes(kiosk.inbox / "b.amanat", bytes);
    CHECK_FALSE(inbox.check(3));
    CHECK_FALSE(inbox.check(4));
    CHECK(kiosk.active_version() == "2.0");
    REQUIRE(inbox.last_verdict());
    CHECK_FALSE(inbox.last_verdict()->installed);
    CHECK(inbox.last_verdict()->file == "b.amanat");
}

TEST_CASE("a synchroniser's unfinished files, hidden files and other files are never tried") {
    Kiosk kiosk;
    const fs::path pack = kiosk.pack("2.0");
    for (const char* name : {".syncthing.exhibition.amanat.tmp", "~syncthing~exhibition.amanat.tmp",
                             ".exhibition.amanat", "exhibition.amanat.part", "notes.txt"})
        fs::copy_file(pack, kiosk.inbox / name);
    fs::create_directories(kiosk.inbox / "folder.amanat");
    fs::create_symlink(pack, kiosk.inbox / "link.amanat");
    auto inbox = kiosk.inbox_reader();
    CHECK_FALSE(inbox.check(1));
    CHECK_FALSE(inbox.check(2));
    CHECK_FALSE(inbox.last_verdict());
    CHECK(kiosk.active_version() == "none");
}
