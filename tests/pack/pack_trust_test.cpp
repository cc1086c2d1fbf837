// Signatures and trust, the limits that stop zip bombs before anything is
// extracted, and the lock that keeps two installs apart.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "kiosk_fixture.hpp"
#include "pack/content_hash.hpp"
#include "pack/pack_manifest.hpp"
#include "pack/pack_signature.hpp"

namespace fs = std::filesystem;
using namespace amanat;
using namespace amanat::testing;

TEST_CASE("trust: a valid pack signed by a key the kiosk does not trust is refused, naming the key") {
    KioskWithPackA kiosk;
    write_bundle(kiosk.temp() / "b", "2");
    const fs::path file = kiosk.temp() / "b.amanat";
    build_signed(kiosk.temp() / "b", file);
    const pack::Trust other{{pack::public_key_text(pack::SigningKey::generate().public_key())}, false};
    kiosk.expect_refused(
        file, "is signed by the key " + test_public_key() + ", which this kiosk does not trust", other);
    kiosk.expect_refused(file, "add it to trusted_keys under [packs]", pack::Trust{});

    // verify still reads the whole pack: the content is intact, only the key is wrong.
    const auto check = pack::verify_pack(file, other, {}, {});
    CHECK(check.signer == test_public_key());
    CHECK_FALSE(check.signer_trusted);
    CHECK(check.problems.size() == 1);

    // A development kiosk accepts it (a signature nobody vouches for is no more than none).
    const auto outcome = kiosk.packs().install(file, pack::Trust{{}, true}, {}, {});
    CHECK_MESSAGE(outcome.ok, outcome.message);
    CHECK(outcome.message.find("untrusted key") != std::string::npos);
}

TEST_CASE("trust: an unsigned pack is refused unless unsigned packs are allowed") {
    KioskWithPackA kiosk;
    write_bundle(kiosk.temp() / "b", "2");
    const fs::path file = kiosk.temp() / "b.amanat";
    const Files files = folder_files(kiosk.temp() / "b");
    write_crafted_pack(file, manifest_of(files, "synthetic", "2"), files, false);
    kiosk.expect_refused(file, "is not signed, and this kiosk accepts only packs signed with a trusted key");
    const auto outcome = kiosk.packs().install(file, pack::Trust{{test_public_key()}, true}, {}, {});
    CHECK_MESSAGE(outcome.ok, outcome.message);
    CHECK(outcome.message.find("unsigned") != std::string::npos);
    REQUIRE(outcome.installed);
    CHECK(outcome.installed->signer.empty());
}

TEST_CASE("trust: a manifest changed after signing is refused even where unsigned packs are allowed") {
    KioskWithPackA kiosk;
    const Files files = kiosk.a_files();
    const std::string manifest = manifest_of(files, "synthetic", "1");
    std::string tampered = manifest;
    tampered.replace(tampered.find("\"version\":\"1\""), 13, "\"version\":\"9\"");
    const fs::path file = kiosk.temp() / "tampered.amanat";
    {
        TarWriter tar(file);
        tar.file("amanat-pack.json", tampered);
        tar.file("amanat-pack.sig", pack::signature_json(test_key().sign(manifest)));
        for (const auto& [path, bytes] : files) tar.file("bundle/" + path, bytes);
    }
    kiosk.expect_refused(file, "its signature does not match its manifest");
    kiosk.expect_refused(file, "its signature does not match its manifest", pack::Trust{{}, true});

    // A file swapped and its hash in the manifest updated to match: the
    // signature no longer covers the manifest.
    Files swapped = files;
    swapped.front().second += "extra";
    {
        TarWriter tar(file);
        tar.file("amanat-pack.json", manifest_of(swapped));
        tar.file("amanat-pack.sig", pack::signature_json(test_key().sign(manifest)));
        for (const auto& [path, bytes] : swapped) tar.file("bundle/" + path, bytes);
    }
    kiosk.expect_refused(file, "its signature does not match its manifest");
}

TEST_CASE("trust: a pack in a newer format asks for an update") {
    KioskWithPackA kiosk;
    std::string manifest = manifest_of(kiosk.a_files());
    manifest.replace(manifest.find("\"format_version\": 1"), 19, "\"format_version\": 2");
    const fs::path file = kiosk.temp() / "future.amanat";
    write_crafted_pack(file, manifest, kiosk.a_files());
    kiosk.expect_refused(file, "update Amanat on this kiosk");
}

namespace {

// 100,000 empty files: made once for the whole run (about 60 MB of headers).
const fs::path& hundred_thousand_files() {
    static TemporaryFolder folder;
    static const fs::path file = [] {
        Files files;
        files.reserve(100000);
        for (int i = 0; i < 100000; ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "tiny/%03d/%05d.txt", i / 1000, i);
            files.emplace_back(name, "");
        }
        const fs::path out = folder.path() / "many.amanat";
        write_crafted_pack(out, manifest_of(files), files);
        return out;
    }();
    return file;
}

}  // namespace

TEST_CASE("limits: 100,000 tiny files are refused by the file-count limit before extraction") {
    KioskWithPackA kiosk;
    const fs::path& file = hundred_thousand_files();
    std::vector<long long> files_seen;
    const auto outcome = kiosk.packs().install(
        file, trust_test_key(), {}, [&](const pack::PackProgress& p) { files_seen.push_back(p.files_done); });
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.message.find("declares 100000 files, and this kiosk accepts at most 20000") !=
          std::string::npos);
    CHECK(outcome.message.find("max_files") != std::string::npos);
    CHECK(files_seen.empty());  // refused on the manifest: no progress, nothing extracted
    kiosk.expect_active_unchanged();
    kiosk.expect_refused(file, "declares 100000 files");

    // A kiosk configured for more takes them (they are valid entries, only many).
    pack::Limits roomy;
    roomy.max_files = 200000;
    const auto check = pack::verify_pack(file, trust_test_key(), roomy, {});
    CHECK_MESSAGE(check.ok, (check.problems.empty() ? "" : check.problems[0]));
    CHECK(check.files == 100000);
}

TEST_CASE("limits: a file claiming terabytes is refused without reading it") {
    KioskWithPackA kiosk;
    const long long two_terabytes = 2LL << 40;
    Files files = kiosk.a_files();
    files.emplace_back("attract/huge.bin", "only ten b");
    const fs::path file = kiosk.temp() / "huge.amanat";

    // The manifest and the header both claim 2 TB: over the limit, refused on
    // the manifest before any entry of the bundle is looked at.
    pack::PackManifest manifest;
    manifest.bundle_id = "synthetic";
    manifest.bundle_version = "1";
    for (const auto& [path, bytes] : files) {
        const long long size =
            path == "attract/huge.bin" ? two_terabytes : static_cast<long long>(bytes.size());
        manifest.files.push_back({path, size, pack::ContentHash::of(bytes)});
        manifest.total_bytes += size;
    }
    write_crafted_pack(file, pack::manifest_json(manifest), files);
    claim_size(file, "bundle/attract/huge.bin", two_terabytes);
    kiosk.expect_refused(file, "it declares 2.2 TB of files, and this kiosk accepts at most 8.6 GB");

    // The manifest says ten bytes, the header lies: refused on the header, unread.
    write_crafted_pack(file, manifest_of(files), files);
    claim_size(file, "bundle/attract/huge.bin", two_terabytes);
    kiosk.expect_refused(
        file, "\"bundle/attract/huge.bin\" with a size of 2.2 TB where its manifest says 10 bytes");

    // A kiosk configured for fewer files.
    pack::Limits small;
    small.max_files = 10;
    Files numbered;
    for (int i = 0; i < 50; ++i) numbered.emplace_back("f/" + std::to_string(i), "");
    write_crafted_pack(file, manifest_of(numbered), {});
    kiosk.expect_refused(file, "declares 50 files, and this kiosk accepts at most 10", trust_test_key(),
                         small);

    // Total bytes over a lower limit.
    pack::Limits tight;
    tight.max_total_bytes = 1000;
    build_signed(kiosk.temp() / "a", file);
    kiosk.expect_refused(file, "max_megabytes", trust_test_key(), tight);
}

TEST_CASE("lock: a second install while one runs is refused") {
    KioskWithPackA kiosk;
    write_bundle(kiosk.temp() / "b", "2");
    const fs::path file = kiosk.temp() / "b.amanat";
    build_signed(kiosk.temp() / "b", file);
    // Another process's install holds the lock (flock is per open file, so
    // this descriptor is as good as another process).
    const int fd = ::open((kiosk.root() / ".lock").c_str(), O_RDWR);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    kiosk.expect_install_refused(file, "another install or rollback is running in " + kiosk.root().string());
    std::string message;
    CHECK_FALSE(kiosk.packs().rollback(message));
    CHECK(message.find("another install or rollback is running") != std::string::npos);
    ::close(fd);
    const auto outcome = kiosk.packs().install(file, trust_test_key(), {}, {});
    CHECK_MESSAGE(outcome.ok, outcome.message);
}
