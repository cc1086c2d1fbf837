// Paths that are not regular files, given where a pack, a signing key or a
// bundle's file is read: a named pipe (whose open and reads wait for a writer
// that never comes), a device (/dev/zero never ends), a folder, a socket, or a
// link to one. Each is refused at once, named, and never read; an install is
// refused before it takes the packs folder's lock, so it holds nobody up.
//
// ctest runs these with a timeout (CMakeLists.txt): a regression that blocks
// fails instead of hanging the test run. Nothing here waits or sleeps.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <utility>
#include <vector>

#include "core/files/regular_file.hpp"
#include "kiosk_fixture.hpp"
#include "pack/pack_writer.hpp"

namespace fs = std::filesystem;
using namespace amanat;
using namespace amanat::testing;

namespace {

fs::path make_fifo(const fs::path& path) {
    REQUIRE(::mkfifo(path.c_str(), 0644) == 0);
    return path;
}

fs::path make_socket(const fs::path& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.string().size() < sizeof address.sun_path);
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    const int bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::close(fd);  // the socket file stays
    REQUIRE(bound == 0);
    return path;
}

fs::path make_link(const fs::path& link, const fs::path& target) {
    fs::create_symlink(target, link);
    return link;
}

// Every kind of path that is not a pack file, with the words naming it.
std::vector<std::pair<fs::path, std::string>> not_files(const fs::path& folder) {
    const fs::path fifo = make_fifo(folder / "pipe.amanat");
    fs::create_directory(folder / "folder.amanat");
    return {
        {fifo, "is a named pipe (FIFO), not a regular file"},
        {make_link(folder / "link-to-pipe.amanat", fifo),
         "is a symbolic link to a named pipe (FIFO), not a regular file"},
        {folder / "folder.amanat", "is a folder, not a regular file; give one of the .amanat files in it"},
        {"/dev/null", "is a character device"},
        {"/dev/zero", "is a character device"},
        {"/dev/urandom", "is a character device"},
        {make_link(folder / "link-to-zero.amanat", "/dev/zero"), "is a symbolic link to a character device"},
        {make_socket(folder / "socket.amanat"), "is a socket, not a regular file"},
    };
}

// Holds the packs folder's lock as another install would (flock belongs to
// the open file, so this descriptor is as good as another process).
class HeldLock {
  public:
    explicit HeldLock(const fs::path& lock) : m_fd(::open(lock.c_str(), O_RDWR | O_CLOEXEC)) {
        REQUIRE(m_fd >= 0);
        REQUIRE(::flock(m_fd, LOCK_EX | LOCK_NB) == 0);
    }
    ~HeldLock() { ::close(m_fd); }
    HeldLock(const HeldLock&) = delete;
    HeldLock& operator=(const HeldLock&) = delete;

  private:
    int m_fd;
};

}  // namespace

TEST_CASE("pack: a pipe, a device, a folder or a socket given as the pack is refused at once, naming it") {
    KioskWithPackA kiosk;
    for (const auto& [file, words] : not_files(kiosk.temp())) {
        CAPTURE(file);
        kiosk.expect_refused(file, file.string() + ": " + words);
    }
}

TEST_CASE("pack: a pack that is not a regular file is refused before the packs folder's lock is taken") {
    KioskWithPackA kiosk;
    const auto paths = not_files(kiosk.temp());
    {
        // Were the lock taken first, each would be refused as "another install
        // is running"; the refusal must name the file instead.
        HeldLock lock(kiosk.root() / ".lock");
        for (const auto& [file, words] : paths) {
            CAPTURE(file);
            kiosk.expect_install_refused(file, file.string() + ": " + words);
        }
    }
    // Nothing was left holding the lock: the next install and a rollback work.
    write_bundle(kiosk.temp() / "b", "2");
    build_signed(kiosk.temp() / "b", kiosk.temp() / "b.amanat");
    const auto outcome = kiosk.packs().install(kiosk.temp() / "b.amanat", trust_test_key(), {}, {});
    CHECK_MESSAGE(outcome.ok, outcome.message);
    std::string message;
    CHECK_MESSAGE(kiosk.packs().rollback(message), message);
}

TEST_CASE("pack: RegularFile opens regular files, through links too, and nothing else") {
    TemporaryFolder temp;
    write_bytes(temp.path() / "pack.amanat", "twelve bytes");
    make_link(temp.path() / "link.amanat", temp.path() / "pack.amanat");
    for (const fs::path& file : {temp.path() / "pack.amanat", temp.path() / "link.amanat"}) {
        std::string problem;
        const auto opened = RegularFile::open(file, problem);
        REQUIRE_MESSAGE(opened, problem);
        CHECK(opened->size() == 12);
        std::string bytes;
        CHECK(opened->read_all(12, bytes, problem));
        CHECK(bytes == "twelve bytes");
        CHECK_FALSE(opened->read_all(11, bytes, problem));
        CHECK(problem.find("is larger than") != std::string::npos);
    }
    for (const auto& [file, words] : not_files(temp.path())) {
        CAPTURE(file);
        std::string problem;
        CHECK_FALSE(RegularFile::open(file, problem));
        CHECK_MESSAGE(problem.starts_with(words.substr(0, words.find(';'))), problem);
    }
    std::string problem;
    CHECK_FALSE(RegularFile::open(temp.path() / "missing.amanat", problem));
    CHECK(problem == "cannot be opened: No such file or directory");
}

TEST_CASE("pack: a signing key that is not a regular file is refused, not read") {
    TemporaryFolder temp;
    for (const auto& [file, words] : not_files(temp.path())) {
        CAPTURE(file);
        std::string error;
        CHECK_FALSE(pack::SigningKey::load(file, error));
        CHECK_MESSAGE(error.starts_with(file.string() + ": is "), error);
        CHECK_MESSAGE(error.find("`amanat pack keygen`") != std::string::npos, error);
    }
    // Far larger than any key file: not read to its end.
    write_bytes(temp.path() / "huge.key", std::string(1 << 20, 'A'));
    std::string error;
    CHECK_FALSE(pack::SigningKey::load(temp.path() / "huge.key", error));
    CHECK_MESSAGE(error.find("is larger than") != std::string::npos, error);
}

TEST_CASE("pack: build refuses a pipe or a device among the bundle's files before reading any") {
    TemporaryFolder temp;
    const fs::path bundle = temp.path() / "bundle";
    const fs::path out = temp.path() / "out.amanat";
    write_bundle(bundle, "1");
    // exhibition.toml is what the validator reads first: it must not get to it.
    fs::remove(bundle / "exhibition.toml");
    make_fifo(bundle / "exhibition.toml");
    ValidationReport report;
    std::string error;
    CHECK_FALSE(pack::build_pack(bundle, out, std::nullopt, {}, report, error));
    CHECK_MESSAGE(error ==
                      "cannot pack exhibition.toml: it is a named pipe (FIFO), not a regular file; remove "
                      "it from the bundle",
                  error);
    fs::remove(bundle / "exhibition.toml");
    make_link(bundle / "exhibition.toml", "/dev/zero");
    CHECK_FALSE(pack::build_pack(bundle, out, std::nullopt, {}, report, error));
    CHECK_MESSAGE(error.starts_with("cannot pack exhibition.toml: it is a link"), error);
    CHECK_FALSE(fs::exists(out));

    // A file replaced by a pipe after it was listed: the writer checks what
    // it opened, not the name it listed.
    pack::PackContent content{"synthetic", "1", {{"story.md", make_fifo(temp.path() / "story.md"), 10}}};
    CHECK_FALSE(pack::write_pack(content, out, nullptr, {}, error));
    CHECK_MESSAGE(error.find("is a named pipe (FIFO), not a regular file") != std::string::npos, error);
    CHECK_FALSE(fs::exists(out));
}
