// Build -> verify -> install -> list -> rollback on small synthetic bundles and
// on the sample exhibition; keys; what a build leaves out; finding pack files.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/exhibition/bundle_validator.hpp"
#include "pack/pack_writer.hpp"
#include "pack/packs.hpp"
#include "pack/signing_key.hpp"
#include "pack_fixture.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using namespace amanat;
using namespace amanat::testing;

namespace {

std::string name_of(const pack::InstalledPacks& packs) {
    const auto bundle = packs.active_bundle();
    return bundle ? bundle->parent_path().filename().string() : "";
}

pack::InstalledPack find(const std::vector<pack::InstalledPack>& list, bool active) {
    for (const auto& p : list)
        if (active ? p.active : p.previous) return p;
    FAIL("no " << (active ? "active" : "previous") << " pack in the list");
    return {};
}

}  // namespace

TEST_CASE("pack: build, verify, install, list, rollback, reinstall") {
    TemporaryFolder temp;
    const fs::path root = temp.path() / "root";
    write_bundle(temp.path() / "a", "1");
    write_bundle(temp.path() / "b", "2", 2);
    write_bundle(temp.path() / "c", "3");
    build_signed(temp.path() / "a", temp.path() / "a.amanat");
    build_signed(temp.path() / "b", temp.path() / "b.amanat");
    build_signed(temp.path() / "c", temp.path() / "c.amanat");

    const pack::PackCheck check = pack::verify_pack(temp.path() / "a.amanat", trust_test_key(), {}, {});
    CHECK_MESSAGE(check.ok, (check.problems.empty() ? "" : check.problems[0]));
    CHECK(check.bundle_id == "synthetic");
    CHECK(check.bundle_version == "1");
    CHECK(check.signer == test_public_key());
    CHECK(check.signer_trusted);
    CHECK(check.files == static_cast<long long>(folder_files(temp.path() / "a").size()));

    pack::InstalledPacks packs(root);
    std::string error;
    CHECK_FALSE(packs.active_bundle());
    CHECK(packs.list(error).empty());
    CHECK(error.empty());

    std::vector<std::string> stages;
    const auto outcome =
        packs.install(temp.path() / "a.amanat", trust_test_key(), {}, [&](const pack::PackProgress& p) {
            if (stages.empty() || stages.back() != p.stage) stages.push_back(p.stage);
        });
    REQUIRE_MESSAGE(outcome.ok, outcome.message);
    CHECK(stages == std::vector<std::string>{"extracting", "validating", "switching", "done"});
    REQUIRE(packs.active_bundle());
    const std::string a_name = name_of(packs);
    CHECK(a_name.starts_with("synthetic-1-"));
    CHECK(*packs.active_bundle() == root / "packs" / a_name / "bundle");
    CHECK(folder_files(*packs.active_bundle()) == folder_files(temp.path() / "a"));
    CHECK(fs::exists(root / "packs" / a_name / "pack-info.json"));
    CHECK(fs::is_empty(root / "staging"));
    REQUIRE(outcome.installed);
    CHECK(outcome.installed->name == a_name);
    CHECK(outcome.installed->signer == test_public_key());

    // The same pack again: nothing to do, and said so.
    const auto again = packs.install(temp.path() / "a.amanat", trust_test_key(), {}, {});
    CHECK(again.ok);
    CHECK(again.message.find("already the active exhibition") != std::string::npos);
    CHECK(name_of(packs) == a_name);

    std::string message;
    CHECK_FALSE(packs.rollback(message));
    CHECK(message.find("nothing to return to") != std::string::npos);

    REQUIRE(packs.install(temp.path() / "b.amanat", trust_test_key(), {}, {}).ok);
    const std::string b_name = name_of(packs);
    CHECK(b_name.starts_with("synthetic-2-"));
    CHECK(folder_files(*packs.active_bundle()) == folder_files(temp.path() / "b"));
    auto list = packs.list(error);
    REQUIRE(list.size() == 2);
    CHECK(list[0].name == b_name);  // newest first, even within one second
    CHECK(find(list, true).name == b_name);
    CHECK(find(list, false).name == a_name);
    CHECK(find(list, true).bundle_version == "2");

    // Rollback, and a second rollback undoes the first.
    REQUIRE_MESSAGE(packs.rollback(message), message);
    CHECK(message.find("Rolled back") != std::string::npos);
    CHECK(name_of(packs) == a_name);
    CHECK(folder_files(*packs.active_bundle()) == folder_files(temp.path() / "a"));
    list = packs.list(error);
    CHECK(find(list, true).name == a_name);
    CHECK(find(list, false).name == b_name);
    REQUIRE(packs.rollback(message));
    CHECK(name_of(packs) == b_name);

    // Installing the pack `previous` names replaces its folder and makes it
    // active (A is version 1 and B 2: going back needs asking for).
    REQUIRE(packs.install(temp.path() / "a.amanat", trust_test_key(), {}, {}, pack::OlderPack::allow).ok);
    CHECK(name_of(packs) == a_name);
    list = packs.list(error);
    REQUIRE(list.size() == 2);
    CHECK(find(list, false).name == b_name);

    // A third pack: only it and the one it replaced are kept.
    REQUIRE(packs.install(temp.path() / "c.amanat", trust_test_key(), {}, {}).ok);
    list = packs.list(error);
    REQUIRE(list.size() == 2);
    CHECK(find(list, true).bundle_version == "3");
    CHECK(find(list, false).name == a_name);
    CHECK_FALSE(fs::exists(root / "packs" / b_name));
    CHECK(fs::is_empty(root / "staging"));
}

TEST_CASE("pack: the sample exhibition packs, verifies and installs byte for byte") {
    TemporaryFolder temp;
    const fs::path sample = AMANAT_SAMPLE_BUNDLE;
    const fs::path file = temp.path() / "sample.amanat";
    const fs::path key = temp.path() / "museum.key";
    std::string error;
    const auto public_key = pack::generate_signing_key(key, error);
    REQUIRE_MESSAGE(public_key, error);
    ValidationReport report;
    REQUIRE_MESSAGE(pack::build_pack(sample, file, key, {}, report, error), error);
    CHECK_FALSE(report.diagnostics.has_errors());

    const pack::Trust trust{{*public_key}, false};
    const auto check = pack::verify_pack(file, trust, {}, {});
    CHECK_MESSAGE(check.ok, (check.problems.empty() ? "" : check.problems[0]));
    CHECK(check.bundle_id == "continuity-of-traditions");

    pack::InstalledPacks packs(temp.path() / "root");
    const auto outcome = packs.install(file, trust, {}, {});
    REQUIRE_MESSAGE(outcome.ok, outcome.message);
    CHECK(folder_files(*packs.active_bundle()) == folder_files(sample));
    CHECK_FALSE(validate_bundle(*packs.active_bundle()).diagnostics.has_errors());
}

TEST_CASE("pack: keygen writes a 0600 key, never overwrites one, and damaged keys are refused") {
    TemporaryFolder temp;
    const fs::path key = temp.path() / "museum.key";
    std::string error;
    const auto public_key = pack::generate_signing_key(key, error);
    REQUIRE(public_key);
    CHECK(public_key->size() == 44);
    struct stat status {};
    REQUIRE(::stat(key.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);
    const auto loaded = pack::SigningKey::load(key, error);
    REQUIRE(loaded);
    CHECK(pack::public_key_text(loaded->public_key()) == *public_key);
    // The file does not hold the secret in the clear beside the public key only.
    CHECK(read_bytes(key).find(*public_key) != std::string::npos);

    const std::string before = read_bytes(key);
    CHECK_FALSE(pack::generate_signing_key(key, error));
    CHECK(error.find("exists already") != std::string::npos);
    CHECK(read_bytes(key) == before);

    // One character of the secret changed: its halves no longer belong together.
    std::string damaged = before;
    const std::size_t secret = damaged.rfind('\n', damaged.size() - 2) + 1;
    damaged[secret + 50] = damaged[secret + 50] == 'A' ? 'B' : 'A';
    write_bytes(temp.path() / "damaged.key", damaged);
    CHECK_FALSE(pack::SigningKey::load(temp.path() / "damaged.key", error));
    CHECK(error.find("damaged.key") != std::string::npos);
    write_bytes(temp.path() / "text.key", "not a key\n");
    CHECK_FALSE(pack::SigningKey::load(temp.path() / "text.key", error));
    CHECK(error.find("not an Amanat signing key") != std::string::npos);
}

TEST_CASE("pack: build refuses a bundle with errors and writes nothing") {
    TemporaryFolder temp;
    write_bundle(temp.path() / "broken", "1");
    write_file(temp.path() / "broken" / "exhibition.toml", "format = 1\nid = \"broken\"\n");
    ValidationReport report;
    std::string error;
    CHECK_FALSE(
        pack::build_pack(temp.path() / "broken", temp.path() / "x.amanat", std::nullopt, {}, report, error));
    CHECK(report.diagnostics.has_errors());
    CHECK(error.find("does not validate") != std::string::npos);
    CHECK_FALSE(fs::exists(temp.path() / "x.amanat"));
    for (const auto& entry : fs::directory_iterator(temp.path()))
        CHECK(entry.path().extension() != ".amanat");
}

TEST_CASE("pack: hidden files stay out, links inside the bundle are packed as copies, UTF-8 names survive") {
    TemporaryFolder temp;
    const fs::path bundle = temp.path() / "bundle";
    write_bundle(bundle, "1");
    write_file(bundle / ".DS_Store", "junk");
    write_file(bundle / ".git" / "config", "junk");
    write_file(bundle / "notes" / "Домбыра — 동부라.txt", "a note");  // unused: a warning only
    fs::create_symlink("../attract/one.jpg", bundle / "notes" / "copy.jpg");
    const fs::path file = temp.path() / "b.amanat";
    ValidationReport report;
    std::string error;
    REQUIRE_MESSAGE(pack::build_pack(bundle, file, std::nullopt, {}, report, error), error);

    pack::InstalledPacks packs(temp.path() / "root");
    const auto outcome = packs.install(file, pack::Trust{{}, true}, {}, {});
    REQUIRE_MESSAGE(outcome.ok, outcome.message);
    const fs::path installed = *packs.active_bundle();
    CHECK_FALSE(fs::exists(installed / ".DS_Store"));
    CHECK_FALSE(fs::exists(installed / ".git"));
    CHECK(read_bytes(installed / "notes" / "Домбыра — 동부라.txt") == "a note");
    CHECK_FALSE(fs::is_symlink(installed / "notes" / "copy.jpg"));
    CHECK(read_bytes(installed / "notes" / "copy.jpg") == read_bytes(bundle / "attract" / "one.jpg"));
}

TEST_CASE("pack: a link leading out of the bundle is not packed") {
    TemporaryFolder temp;
    const fs::path bundle = temp.path() / "bundle";
    write_bundle(bundle, "1");
    write_file(temp.path() / "secret.txt", "outside");
    fs::create_symlink(temp.path() / "secret.txt", bundle / "attract" / "secret.txt");
    std::vector<pack::BundleFile> files;
    std::string error;
    CHECK_FALSE(pack::list_bundle_files(bundle, files, error));
    CHECK(error.find("attract/secret.txt") != std::string::npos);
}

TEST_CASE("pack: find_pack_files looks a few folders deep, newest first, without following links") {
    TemporaryFolder temp;
    const fs::path stick = temp.path() / "stick";
    write_file(stick / "old.amanat", "x");
    write_file(stick / "packs" / "NEW.AMANAT", "x");
    write_file(stick / "a" / "b" / "c" / "deep.amanat", "x");  // three folders down: found
    write_file(stick / "a" / "b" / "c" / "d" / "too-deep.amanat", "x");
    write_file(stick / ".Trash-1000" / "deleted.amanat", "x");
    write_file(stick / "notes.txt", "x");
    write_file(temp.path() / "elsewhere" / "outside.amanat", "x");
    fs::create_directory_symlink(temp.path() / "elsewhere", stick / "link");
    const auto now = fs::file_time_type::clock::now();
    fs::last_write_time(stick / "old.amanat", now - std::chrono::hours(48));
    fs::last_write_time(stick / "a" / "b" / "c" / "deep.amanat", now - std::chrono::hours(24));
    fs::last_write_time(stick / "packs" / "NEW.AMANAT", now);

    std::vector<fs::path> found;
    for (const auto& f : pack::find_pack_files({stick}))
        if (f.string().starts_with(stick.string())) found.push_back(f.lexically_relative(stick));
    CHECK(found == std::vector<fs::path>{"packs/NEW.AMANAT", "a/b/c/deep.amanat", "old.amanat"});
}
