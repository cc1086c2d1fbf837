// Files staff name (kiosk.toml, a story, a film in a bundle, a catalog) are never
// read from a pipe or a device: such a read would block for ever (issue 19).
// Each case runs under ctest's timeout, so a regression fails rather than hangs.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <filesystem>

#include "core/exhibition/bundle_folder.hpp"
#include "core/files/small_file.hpp"
#include "core/localisation/catalog.hpp"
#include "core/settings/kiosk_config.hpp"
#include "synthetic_bundle.hpp"
#include "validation_fixture.hpp"

using namespace amanat;
using namespace amanat::testing;
namespace fs = std::filesystem;

namespace {

void make_fifo(const fs::path& path) {
    fs::remove(path);
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
}

}  // namespace

TEST_CASE("small file: a pipe, a device, a folder and a too-big file are refused without reading") {
    TemporaryFolder folder;
    make_fifo(folder.path() / "pipe");
    fs::create_symlink(folder.path() / "pipe", folder.path() / "link-to-pipe");
    write_file(folder.path() / "big", std::string(2000, 'x'));
    write_file(folder.path() / "fine", "text");
    const std::pair<fs::path, const char*> refused[] = {
        {folder.path() / "pipe", "named pipe"},
        {folder.path() / "link-to-pipe", "named pipe"},
        {"/dev/zero", "character device"},
        {"/dev/null", "character device"},
        {folder.path(), "folder"},
        {folder.path() / "big", "is larger than"},
        {folder.path() / "missing", "No such file"},
    };
    for (const auto& [path, why] : refused) {
        CAPTURE(path);
        std::string content, problem;
        CHECK_FALSE(read_small_file(path, 1000, content, problem));
        CHECK(problem.find(why) != std::string::npos);
    }
    std::string content, problem;
    REQUIRE(read_small_file(folder.path() / "fine", 1000, content, problem));
    CHECK(content == "text");
}

TEST_CASE("small file: kiosk.toml as a pipe is an error naming it, not a kiosk that never starts") {
    TemporaryFolder folder;
    make_fifo(folder.path() / "kiosk.toml");
    Diagnostics problems;
    load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 1);
    CHECK(problems.items()[0].message.find("named pipe") != std::string::npos);
}

TEST_CASE(
    "small file: a story, a manifest and a film that are pipes are reported by validate, which returns") {
    BundleFixture f;
    const fs::path artifact = f.folder.path() / "artifacts" / "artifact-1";
    make_fifo(artifact / "story.en.md");
    make_fifo(artifact / "film.mp4");
    const ValidationReport report = f.validate();
    CHECK(report.diagnostics.has_errors());
    bool story = false, film = false;
    for (const Diagnostic& d : report.diagnostics.items()) {
        // The loader finds them first: the manifest names a path that is not a file.
        story = story || (d.code == "not-a-file" && d.message.find("'story.en.md'") != std::string::npos);
        film = film || (d.code == "not-a-file" && d.message.find("'film.mp4'") != std::string::npos);
    }
    std::string all;
    for (const Diagnostic& d : report.diagnostics.items())
        all += d.file + " " + d.code + " " + d.message + "\n";
    CHECK_MESSAGE(story, all);
    CHECK_MESSAGE(film, all);
    make_fifo(f.folder.path() / "exhibition.toml");
    CHECK(f.validate().diagnostics.has_errors());
    // And the kiosk's own reads, which do not go through the loader's check.
    std::string content, problem;
    CHECK_FALSE(
        BundleFolder(f.folder.path()).read("artifacts/artifact-1/story.en.md", 1 << 20, content, problem));
    CHECK(problem.find("named pipe") != std::string::npos);
}

TEST_CASE("small file: a catalog that is a pipe is reported, and the kiosk keeps English") {
    TemporaryFolder folder;
    const fs::path localisation = folder.path() / "localisation";
    fs::create_directories(localisation);
    make_fifo(localisation / "ru.po");
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(localisation, out);
    CHECK(std::string(catalogs.phrasebook("en").tr("Home")) == "Home");
}
