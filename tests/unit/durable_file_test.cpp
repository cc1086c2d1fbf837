// durable/durable_file, the one way Amanat replaces a file, under injected
// faults: short writes, EINTR, a full disk, a failing fsync, close, rename or
// open. Whenever the new file is not complete the old one must be intact, byte
// for byte, and no temporary may be left. The faults go through the module's
// table of system calls (durable_file_testing); a real full disk, a 64 KiB
// tmpfs, where mounting one is allowed (root).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "durable/durable_file.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
using namespace amanat::testing;
namespace fs = std::filesystem;
namespace sys = amanat::durable_file_testing;

namespace {

// What the fake system calls do; reset by each InjectedFaults.
struct Faults {
    std::size_t most_per_write = std::numeric_limits<std::size_t>::max();  // short writes
    int eintr_every = 0;                                                   // every Nth write: EINTR
    long long space_left = -1;                                             // bytes until ENOSPC; -1: no limit
    int open_errno = 0;
    int file_fsync_errno = 0;
    int folder_fsync_errno = 0;
    int close_errno = 0;  // the file's close after it was written
    int rename_errno = 0;
    int fsync_eintr_times = 0;   // the first N fsyncs of the file: EINTR
    int rename_eintr_times = 0;  // the first N renames: EINTR
    int write_calls = 0;
    int file_fsyncs = 0;
    std::vector<std::string> opened;  // every path opened
};

Faults g_faults;

int fake_open(const char* path, int flags, mode_t mode) {
    g_faults.opened.emplace_back(path);
    if (g_faults.open_errno != 0 && (flags & O_DIRECTORY) == 0) {
        errno = g_faults.open_errno;
        return -1;
    }
    return sys::real_system_calls().open(path, flags, mode);
}

ssize_t fake_write(int fd, const void* bytes, size_t size) {
    ++g_faults.write_calls;
    if (g_faults.eintr_every > 0 && g_faults.write_calls % g_faults.eintr_every == 0) {
        errno = EINTR;
        return -1;
    }
    size = std::min(size, g_faults.most_per_write);
    if (g_faults.space_left >= 0) {
        if (g_faults.space_left == 0) {
            errno = ENOSPC;
            return -1;
        }
        size = std::min(size, static_cast<size_t>(g_faults.space_left));
        g_faults.space_left -= static_cast<long long>(size);
    }
    return sys::real_system_calls().write(fd, bytes, size);
}

bool is_folder(int fd) {
    struct stat status {};
    return ::fstat(fd, &status) == 0 && S_ISDIR(status.st_mode);
}

int fake_fsync(int fd) {
    const bool folder = is_folder(fd);
    if (!folder) ++g_faults.file_fsyncs;
    if (!folder && g_faults.fsync_eintr_times > 0) {
        --g_faults.fsync_eintr_times;
        errno = EINTR;
        return -1;
    }
    const int failure = folder ? g_faults.folder_fsync_errno : g_faults.file_fsync_errno;
    if (failure != 0) {
        errno = failure;
        return -1;
    }
    return sys::real_system_calls().fsync(fd);
}

int fake_close(int fd) {
    const bool fail = g_faults.close_errno != 0 && !is_folder(fd);
    sys::real_system_calls().close(fd);  // closed either way, as Linux does
    if (fail) {
        errno = g_faults.close_errno;
        return -1;
    }
    return 0;
}

int fake_rename(const char* from, const char* to) {
    if (g_faults.rename_eintr_times > 0) {
        --g_faults.rename_eintr_times;
        errno = EINTR;
        return -1;
    }
    if (g_faults.rename_errno != 0) {
        errno = g_faults.rename_errno;
        return -1;
    }
    return sys::real_system_calls().rename(from, to);
}

// Replaces the module's system calls with the fakes for its lifetime.
class InjectedFaults {
  public:
    InjectedFaults() {
        g_faults = Faults{};
        sys::system_calls() = {fake_open,  fake_write,  fake_fsync,
                               fake_close, fake_rename, sys::real_system_calls().unlink};
    }
    ~InjectedFaults() { sys::system_calls() = sys::real_system_calls(); }
    InjectedFaults(const InjectedFaults&) = delete;
    InjectedFaults& operator=(const InjectedFaults&) = delete;
    Faults* operator->() { return &g_faults; }
};

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> names_in(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Bytes that show any reordering, loss or duplication.
std::string numbered_lines(int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        text += "line ";
        text += std::to_string(i);
        text += '\n';
    }
    return text;
}

const std::string kOld = "the old file, which must survive\n";

}  // namespace

TEST_CASE("durable file: short writes and EINTR still write every byte, in place and synced") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "status.json";
    write_file(file, kOld);
    InjectedFaults faults;
    faults->most_per_write = 7;
    faults->eintr_every = 3;
    const std::string text = numbered_lines(2000);
    std::string error;
    REQUIRE_MESSAGE(write_file_durably(file, text, error), error);
    CHECK(read_all(file) == text);
    CHECK(names_in(folder.path()) == std::vector<std::string>{"status.json"});
    CHECK(faults->write_calls > static_cast<int>(text.size() / 7));
    CHECK(faults->file_fsyncs == 1);
    // The temporary was beside the file, under the one prefix Syncthing ignores.
    REQUIRE(!faults->opened.empty());
    const fs::path temporary = faults->opened.front();
    CHECK(temporary.parent_path() == folder.path());
    CHECK(temporary.filename().string().starts_with("~amanat-status.json."));
}

TEST_CASE("durable file: every failure before the rename leaves the old file intact and no temporary") {
    struct Case {
        const char* name;
        void (*inject)(Faults&);
        const char* reason;
    };
    const Case cases[] = {
        {"a full disk (ENOSPC) half-way", [](Faults& f) { f.space_left = 100; }, "No space left on device"},
        {"a full disk with short writes first",
         [](Faults& f) {
             f.space_left = 5000;
             f.most_per_write = 333;
             f.eintr_every = 2;
         },
         "No space left on device"},
        {"a failing fsync (EIO)", [](Faults& f) { f.file_fsync_errno = EIO; }, "Input/output error"},
        {"a late failure at close (NFS, a full stick)", [](Faults& f) { f.close_errno = EDQUOT; },
         "Disk quota exceeded"},
        {"a failing rename", [](Faults& f) { f.rename_errno = EACCES; }, "Permission denied"},
        {"a temporary that cannot be created", [](Faults& f) { f.open_errno = EROFS; },
         "Read-only file system"},
    };
    for (const Case& c : cases) {
        for (const bool had_old : {true, false}) {
            CAPTURE(c.name);
            CAPTURE(had_old);
            TemporaryFolder folder;
            const fs::path file = folder.path() / "staff-pin";
            if (had_old) write_file(file, kOld);
            InjectedFaults faults;
            c.inject(g_faults);
            std::string error;
            CHECK_FALSE(write_file_durably(file, numbered_lines(3000), error));
            CHECK(error.starts_with("cannot write " + file.string() + ": "));
            CHECK(error.find(c.reason) != std::string::npos);
            if (had_old) {
                CHECK(read_all(file) == kOld);
                CHECK(names_in(folder.path()) == std::vector<std::string>{"staff-pin"});
            } else {
                CHECK(names_in(folder.path()).empty());
            }
        }
    }
}

TEST_CASE("durable file: a failing preparation (fchown) stops the write before any byte") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "config.xml";
    write_file(file, kOld);
    InjectedFaults faults;
    DurableWriteOptions options;
    options.prepare = [](int) { return EPERM; };
    std::string error;
    CHECK_FALSE(write_file_durably(file, "new", error, options));
    CHECK(error == "cannot write " + file.string() + ": Operation not permitted");
    CHECK(faults->write_calls == 0);
    CHECK(read_all(file) == kOld);
    CHECK(names_in(folder.path()) == std::vector<std::string>{"config.xml"});
}

TEST_CASE("durable file: the folder's fsync failing after the rename says the new file may not last") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "kiosk-id";
    write_file(file, kOld);
    InjectedFaults faults;
    faults->folder_fsync_errno = EIO;
    std::string error;
    CHECK_FALSE(write_file_durably(file, "new\n", error));
    CHECK(read_all(file) == "new\n");  // complete: it is the new one
    CHECK(names_in(folder.path()) == std::vector<std::string>{"kiosk-id"});
    CHECK(error.find("may not survive a power cut") != std::string::npos);
    CHECK(error.find("Input/output error") != std::string::npos);

    // A file system that cannot sync folders at all (EINVAL): nothing more to do.
    faults->folder_fsync_errno = EINVAL;
    CHECK(write_file_durably(file, "newer\n", error));
    CHECK(read_all(file) == "newer\n");
}

TEST_CASE("durable file: EINTR from fsync and rename is retried, EIO from fsync is not") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "a";
    write_file(file, kOld);
    InjectedFaults faults;
    faults->fsync_eintr_times = 2;
    faults->rename_eintr_times = 1;
    std::string error;
    REQUIRE_MESSAGE(write_file_durably(file, "interrupted", error), error);
    CHECK(read_all(file) == "interrupted");
    CHECK(faults->file_fsyncs == 3);

    // After EIO the kernel may have dropped the dirty pages, and a second fsync
    // would report success for data that never reached the disk: never retried.
    faults->file_fsyncs = 0;
    faults->file_fsync_errno = EIO;
    CHECK_FALSE(write_file_durably(file, "lost", error));
    CHECK(faults->file_fsyncs == 1);
    CHECK(read_all(file) == "interrupted");
}

TEST_CASE("durable file: the steps are reported in order, for the pack's crash points") {
    TemporaryFolder folder;
    static std::vector<std::string> steps;
    steps.clear();
    DurableWriteOptions options;
    options.after_step = [](const char* step) { steps.emplace_back(step); };
    std::string error;
    REQUIRE(write_file_durably(folder.path() / "state", "1\n", error, options));
    CHECK(steps == std::vector<std::string>{"write file", "rename file", "fsync folder"});
}

TEST_CASE("durable file: the new file's permissions are given from its creation") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "secret";
    DurableWriteOptions options;
    options.mode = 0600;
    std::string error;
    REQUIRE(write_file_durably(file, "x", error, options));
    struct stat status {};
    REQUIRE(::stat(file.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);
}

TEST_CASE("durable file: a name too long to take the temporary's prefix and suffix still works") {
    TemporaryFolder folder;
    std::string name(120, 'a');
    for (int i = 0; i < 60; ++i) name += "\xd0\x96";  // Ж: 120 more bytes, cut between letters
    const fs::path file = folder.path() / name;
    std::string error;
    REQUIRE_MESSAGE(write_file_durably(file, "whole", error), error);
    CHECK(read_all(file) == "whole");
    CHECK(names_in(folder.path()).size() == 1);
}

TEST_CASE("durable file: a relative name is written in the current folder") {
    TemporaryFolder folder;
    const fs::path before = fs::current_path();
    fs::current_path(folder.path());
    std::string error;
    const bool written = write_file_durably("plain", "here", error);
    fs::current_path(before);
    REQUIRE_MESSAGE(written, error);
    CHECK(read_all(folder.path() / "plain") == "here");
}

TEST_CASE("durable file: written in pieces, it appears whole at commit and not before") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "reactions.csv";
    write_file(file, kOld);
    InjectedFaults faults;
    faults->most_per_write = 4096;
    faults->eintr_every = 5;
    std::string error;
    auto out = DurableFile::create(file, error);
    REQUIRE(out);
    const std::string piece = numbered_lines(1000);
    std::string expected;
    for (int i = 0; i < 300; ++i) {  // ~3.5 MB: more than the buffer, several times
        out->write(piece);
        expected += piece;
    }
    out->write(std::string(3 << 20, 'z'));  // one piece larger than the buffer
    expected += std::string(3 << 20, 'z');
    CHECK(read_all(file) == kOld);
    REQUIRE_MESSAGE(out->commit(error), error);
    CHECK(read_all(file) == expected);
    out.reset();
    CHECK(names_in(folder.path()) == std::vector<std::string>{"reactions.csv"});
}

TEST_CASE("durable file: in pieces, a full disk or an abandoned file leaves the old one") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "export.json";
    write_file(file, kOld);
    {
        InjectedFaults faults;
        faults->space_left = 1 << 20;
        std::string error;
        auto out = DurableFile::create(file, error);
        REQUIRE(out);
        for (int i = 0; i < 100; ++i) out->write(numbered_lines(2000));
        CHECK_FALSE(out->commit(error));
        CHECK(error == "cannot write " + file.string() + ": No space left on device");
        CHECK(read_all(file) == kOld);
        CHECK(names_in(folder.path()) == std::vector<std::string>{"export.json"});
    }
    {
        // A command that fails before committing (or an exception) drops it.
        std::string error;
        auto out = DurableFile::create(file, error);
        REQUIRE(out);
        out->write(numbered_lines(10));
        CHECK(names_in(folder.path()).size() == 2);  // the temporary, while written
        out.reset();
        CHECK(read_all(file) == kOld);
        CHECK(names_in(folder.path()) == std::vector<std::string>{"export.json"});
    }
}

TEST_CASE("durable file: the temporary cannot be made in a missing folder, and the message says where") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "missing" / "x.csv";
    std::string error;
    DurableWriteOptions options;
    options.name_in_messages = "x.csv";
    CHECK_FALSE(DurableFile::create(file, error, options));
    CHECK(error == "cannot write x.csv: cannot create a file in the folder " + file.parent_path().string() +
                       ": No such file or directory");
}

TEST_CASE("durable file: a real full disk (a 64 KiB tmpfs) leaves the old file and no temporary") {
    TemporaryFolder folder;
    const fs::path mount_point = folder.path() / "tiny";
    fs::create_directory(mount_point);
    if (::mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=64k") != 0) {
        MESSAGE("skipped: cannot mount a tmpfs here (" << std::strerror(errno) << "; needs root)");
        return;
    }
    struct Unmount {
        const fs::path& at;
        ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
    } unmount{mount_point};
    const fs::path file = mount_point / "status.json";
    std::string error;
    REQUIRE_MESSAGE(write_file_durably(file, kOld, error), error);
    CHECK_FALSE(write_file_durably(file, std::string(256 << 10, 'x'), error));
    CHECK(error == "cannot write " + file.string() + ": No space left on device");
    CHECK(read_all(file) == kOld);
    CHECK(names_in(mount_point) == std::vector<std::string>{"status.json"});
    // Once there is room again, the same call succeeds.
    REQUIRE_MESSAGE(write_file_durably(file, std::string(16 << 10, 'y'), error), error);
    CHECK(read_all(file) == std::string(16 << 10, 'y'));
}
