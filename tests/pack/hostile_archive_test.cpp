// Archives no `amanat pack build` would write, crafted entry by entry: each is
// refused by verify and by install with a message naming the pack and what is
// wrong, before anything of it is active, and nothing lands outside staging.
#include <doctest/doctest.h>

#include <archive_entry.h>
#include <unistd.h>

#include <cstdlib>

#include "kiosk_fixture.hpp"
#include "pack/pack_manifest.hpp"

namespace fs = std::filesystem;
using namespace amanat;
using namespace amanat::testing;

TEST_CASE("hostile: path traversal with .. is refused") {
    KioskWithPackA kiosk;
    const fs::path file = kiosk.temp() / "traversal.amanat";
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.file("bundle/../../../../escaped-traversal.txt", "x"); });
    kiosk.expect_refused(file, "goes up a folder");

    // First, before the bundle: "../" at the top.
    write_crafted_pack(file, manifest_of(kiosk.a_files()), {}, true,
                       [](TarWriter& tar) { tar.file("../escaped-top.txt", "x"); });
    kiosk.expect_refused(file, "goes up a folder");

    // Listed in the (signed) manifest itself.
    Files listed = kiosk.a_files();
    listed.emplace_back("../escaped-listed.txt", "x");
    write_crafted_pack(file, manifest_of(listed), listed);
    kiosk.expect_refused(file, "its manifest lists the file \"../escaped-listed.txt\"");
}

TEST_CASE("hostile: an absolute path is refused") {
    KioskWithPackA kiosk;
    const fs::path file = kiosk.temp() / "absolute.amanat";
    const std::string target = (kiosk.temp() / "escaped-absolute.txt").string();
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [&](TarWriter& tar) { tar.file(target, "x"); });
    kiosk.expect_refused(file, "is an absolute path");
}

TEST_CASE("hostile: symbolic links are refused, inside or out, and nothing is written through them") {
    KioskWithPackA kiosk;
    const fs::path file = kiosk.temp() / "symlink.amanat";
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.symlink("bundle/attract/escaped-passwd", "/etc/passwd"); });
    kiosk.expect_refused(file, "a symbolic link (to \"/etc/passwd\")");

    // The classic: a link to a folder outside, then a file "inside" it.
    Files through = kiosk.a_files();
    through.emplace_back("up/escaped-through.txt", "x");
    write_crafted_pack(file, manifest_of(through), {}, true, [&](TarWriter& tar) {
        tar.symlink("bundle/up", "../../../..");
        tar.file("bundle/up/escaped-through.txt", "x");
    });
    kiosk.expect_refused(file, "a symbolic link (to \"../../../..\")");
}

TEST_CASE("hostile: hard links are refused") {
    KioskWithPackA kiosk;
    const fs::path file = kiosk.temp() / "hardlink.amanat";
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.hardlink("bundle/attract/escaped-hard", "/etc/passwd"); });
    kiosk.expect_refused(file, "a hard link (to \"/etc/passwd\")");
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true, [](TarWriter& tar) {
        tar.hardlink("bundle/attract/escaped-hard", "bundle/attract/one.jpg");
    });
    kiosk.expect_refused(file, "a hard link");
}

TEST_CASE("hostile: device files, pipes and sockets are refused") {
    KioskWithPackA kiosk;
    const fs::path file = kiosk.temp() / "device.amanat";
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.special("bundle/attract/escaped-null", AE_IFCHR); });
    kiosk.expect_refused(file, "a character device file");
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.special("bundle/attract/escaped-disk", AE_IFBLK); });
    kiosk.expect_refused(file, "a block device file");
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.special("bundle/attract/escaped-fifo", AE_IFIFO); });
    kiosk.expect_refused(file, "a named pipe");
}

TEST_CASE("hostile: names with backslashes or control characters are refused") {
    KioskWithPackA kiosk;
    const fs::path file = kiosk.temp() / "names.amanat";
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.file("bundle\\..\\escaped-backslash.txt", "x"); });
    kiosk.expect_refused(file, "backslash");
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.file("bundle/escaped\x1b[2J.txt", "x"); });
    kiosk.expect_refused(file, "control character");
}

TEST_CASE("hostile: entries the manifest does not list, twice, or missing") {
    KioskWithPackA kiosk;
    const fs::path file = kiosk.temp() / "extra.amanat";
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.file("bundle/attract/escaped-extra.jpg", "x"); });
    kiosk.expect_refused(file, "which its manifest does not list");

    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.folder("bundle/escaped-folder/"); });
    kiosk.expect_refused(file, "escaped-folder/\", which its manifest does not list");

    const auto& [first_path, first_bytes] = kiosk.a_files().front();
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [&](TarWriter& tar) { tar.file("bundle/" + first_path, first_bytes); });
    kiosk.expect_refused(file, "twice");

    Files more = kiosk.a_files();
    more.emplace_back("attract/escaped-missing.jpg", "never sent");
    write_crafted_pack(file, manifest_of(more), kiosk.a_files());
    kiosk.expect_refused(file, "is incomplete: 1 of the");

    // Outside bundle/.
    write_crafted_pack(file, manifest_of(kiosk.a_files()), kiosk.a_files(), true,
                       [](TarWriter& tar) { tar.file("escaped-beside.txt", "x"); });
    kiosk.expect_refused(file, "outside its bundle/ folder");
}

TEST_CASE("hostile: folder entries for the manifest's own folders are fine") {
    KioskWithPackA kiosk;
    Files b = kiosk.a_files();
    b.emplace_back("attract/two.jpg", b.front().second);
    const fs::path file = kiosk.temp() / "folders.amanat";
    // Not a valid exhibition change (two.jpg is unused: a warning only), but a
    // well-formed pack with explicit folder entries, as other tar tools write.
    write_crafted_pack(file, manifest_of(b), {}, true, [&](TarWriter& tar) {
        tar.folder("bundle/attract/");
        tar.folder("bundle/artifacts/");
        for (const auto& [path, bytes] : b) tar.file("bundle/" + path, bytes);
    });
    const auto check = pack::verify_pack(file, trust_test_key(), {}, {});
    CHECK_MESSAGE(check.ok, (check.problems.empty() ? "" : check.problems[0]));
}

TEST_CASE("hostile: not a pack at all") {
    KioskWithPackA kiosk;
    const fs::path file = kiosk.temp() / "plain.amanat";
    {
        TarWriter tar(file);
        tar.file("exhibition.toml", "format = 1\n");
    }
    kiosk.expect_refused(file, "is not an Amanat pack: it does not start with amanat-pack.json");
    write_bytes(file, "");
    kiosk.expect_refused(file, "is empty");
    write_bytes(file, std::string(100000, 'x'));
    kiosk.expect_refused(file, "is not an Amanat pack");
    kiosk.expect_refused(kiosk.temp() / "no-such.amanat", "cannot be opened");
    kiosk.expect_refused(kiosk.temp(), "is a folder, not a regular file");

    // A compressed pack: packs are never compressed, so no decompression bomb.
    build_signed(kiosk.temp() / "a", kiosk.temp() / "plain.amanat");
    REQUIRE(std::system(("gzip -f -k " + file.string()).c_str()) == 0);
    kiosk.expect_refused(kiosk.temp() / "plain.amanat.gz", "is not an Amanat pack");
}

TEST_CASE("hostile: a truncated pack is refused, cut mid-file or between entries") {
    KioskWithPackA kiosk;
    write_bundle(kiosk.temp() / "b", "2", 2);
    const fs::path whole = kiosk.temp() / "b.amanat";
    build_signed(kiosk.temp() / "b", whole);
    const std::string bytes = read_bytes(whole);

    const fs::path file = kiosk.temp() / "cut.amanat";
    write_bytes(file, bytes.substr(0, bytes.size() / 2));
    kiosk.expect_refused(file, "incomplete");

    // Exactly before a header: every entry read is whole, one is missing.
    const std::size_t header = offset_of(whole, "bundle/exhibition.toml");
    REQUIRE(header % 512 == 0);
    write_bytes(file, bytes.substr(0, header));
    kiosk.expect_refused(file, "incomplete");

    // In the middle of the manifest.
    write_bytes(file, bytes.substr(0, 700));
    kiosk.expect_refused(file, "incomplete");
}

TEST_CASE("hostile: one byte changed in one file is refused, naming the file") {
    KioskWithPackA kiosk;
    write_bundle(kiosk.temp() / "b", "2", 2);
    const fs::path file = kiosk.temp() / "b.amanat";
    build_signed(kiosk.temp() / "b", file);
    std::string bytes = read_bytes(file);
    const std::size_t at = bytes.find("long enough to wrap");  // in the first story
    REQUIRE(at != std::string::npos);
    bytes[at] = 'L';
    write_bytes(file, bytes);
    kiosk.expect_refused(
        file, "bundle/artifacts/artifact-1/story.en.md\", which has changed since the pack was built");
}

TEST_CASE("hostile: a pack whose bundle does not validate is refused with the validation report") {
    KioskWithPackA kiosk;
    const fs::path broken = kiosk.temp() / "broken";
    write_bundle(broken, "2");
    std::string toml = read_bytes(broken / "exhibition.toml");
    toml.replace(toml.find("[title]"), 7, "[subtitle]");  // the title is required
    write_bytes(broken / "exhibition.toml", toml);
    const fs::path file = kiosk.temp() / "broken.amanat";
    write_crafted_pack(file, manifest_of(folder_files(broken), "synthetic", "2"), folder_files(broken));
    // Intact and signed: verify reads archives, it does not validate exhibitions.
    CHECK(pack::verify_pack(file, trust_test_key(), {}, {}).ok);
    const auto outcome = kiosk.packs().install(file, trust_test_key(), {}, {});
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.message.find("does not validate") != std::string::npos);
    CHECK(outcome.message.find("exhibition.toml") != std::string::npos);
    CHECK(outcome.validation.diagnostics.has_errors());
    kiosk.expect_active_unchanged();

    // A manifest naming another exhibition than its exhibition.toml.
    write_bundle(kiosk.temp() / "c", "3");
    write_crafted_pack(file, manifest_of(folder_files(kiosk.temp() / "c"), "synthetic", "4"),
                       folder_files(kiosk.temp() / "c"));
    kiosk.expect_install_refused(file, "its exhibition.toml says synthetic 3");
}

TEST_CASE("hostile: a manifest listing a path both as a file and as a folder is refused") {
    KioskWithPackA kiosk;
    Files files = kiosk.a_files();
    files.emplace_back("attract", "x");
    const fs::path file = kiosk.temp() / "clash.amanat";
    write_crafted_pack(file, manifest_of(files), files);
    kiosk.expect_refused(file, "both as a file and as a folder");
}
