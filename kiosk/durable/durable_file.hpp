#pragma once

// The one way Amanat replaces a file so that a power cut cannot corrupt it:
//
//   1. the bytes go to a temporary file beside the target (same folder, so the
//      rename cannot cross file systems), named "~amanat-NAME.PID-N" (unique
//      within the machine; Syncthing folders ignore "~amanat-*");
//   2. every byte is written (short writes and EINTR retried);
//   3. fsync of the temporary: its data are on disk before any name points at it;
//   4. rename over the target: readers see the old file or the new one, never a part;
//   5. fsync of the folder: the rename itself is on disk.
//
// The old file is untouched until step 4, and the temporary is removed on any
// failure before it, so a failed write leaves the old file intact, byte for byte,
// and nothing else. Errors name the file and give the system's reason.
//
// Thread-safe: writers on different threads use different temporaries.

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace amanat {

// Every temporary name starts with this.
inline constexpr std::string_view kTemporaryPrefix = "~amanat-";

struct DurableWriteOptions {
    // The new file's permissions, less the umask (as for open(2)); it has them
    // from its creation, so a 0600 file is never readable by others.
    mode_t mode = 0644;
    // Run on the temporary's descriptor before any byte is written (fchown to
    // the folder's owner, say). Returns 0, or an errno that fails the write.
    std::function<int(int fd)> prepare;
    // Called after each step that changes the file system: "write file" (the
    // temporary complete and synced, or given up), "rename file", "fsync folder".
    // The pack module's crash points (pack/crash_point.hpp) go here.
    void (*after_step)(const char* step) = nullptr;
    // How messages call the file; empty: its path.
    std::string name_in_messages;
};

// Replaces `file` with `bytes` by the steps above. False with `error` =
// "cannot write FILE: reason". When only the last step fails, the new file is in
// place and the message says that it may not survive a power cut.
bool write_file_durably(const std::filesystem::path& file, std::string_view bytes, std::string& error,
                        const DurableWriteOptions& options = {});

// fsync of a folder, so that names created, renamed or removed in it are on
// disk. False with `error` naming the folder. A file system that cannot sync a
// folder at all (EINVAL: some FUSE and network file systems) counts as done:
// there is nothing more a program can do there.
bool fsync_folder(const std::filesystem::path& folder, std::string& error);

// Writes every byte to `fd`, retrying short writes and EINTR. 0, or the errno
// of the failure (ENOSPC for a write that makes no progress).
int write_all(int fd, std::string_view bytes);

// strerror's text for an errno, e.g. "No space left on device".
std::string errno_text(int error_number);

// The same steps for a file written in pieces (an export of a million rows):
// create() makes the temporary, write() adds to it, commit() does steps 3 to 5.
// Destroyed without a successful commit(), the temporary is removed.
class DurableFile {
  public:
    // Null with `error` ("cannot write FILE: cannot create a file in the folder
    // F: reason") when the temporary cannot be made.
    static std::unique_ptr<DurableFile> create(const std::filesystem::path& file, std::string& error,
                                               DurableWriteOptions options = {});
    ~DurableFile();
    DurableFile(const DurableFile&) = delete;
    DurableFile& operator=(const DurableFile&) = delete;

    // Buffered (1 MiB). After the first failure nothing more is written, and
    // commit() reports it.
    void write(std::string_view bytes);

    // The temporary's descriptor, for a library that writes by itself
    // (libarchive): do not mix with write(). A failure there is the caller's.
    int fd() const { return m_fd; }
    const std::filesystem::path& temporary() const { return m_temporary; }

    // Steps 3 to 5. False with `error` = "cannot write FILE: reason".
    bool commit(std::string& error);

  private:
    friend bool write_file_durably(const std::filesystem::path&, std::string_view, std::string&,
                                   const DurableWriteOptions&);
    DurableFile(int fd, std::filesystem::path file, std::filesystem::path temporary,
                DurableWriteOptions options);
    void drain();
    std::string message(const std::string& reason) const;

    int m_fd;
    const std::filesystem::path m_file;
    const std::filesystem::path m_temporary;
    const DurableWriteOptions m_options;
    std::string m_buffer;
    int m_errno = 0;  // the first failure; writing stops there
    bool m_committed = false;
};

// The seam for fault-injection tests (tests/unit/durable_file_test.cpp): every
// system call of this module goes through this table. Compiled in always, not
// only for tests: an indirect call costs nothing next to an fsync, and the code
// the tests exercise is then exactly the code that ships. Only a test replaces
// entries, and only while no other thread writes a file.
namespace durable_file_testing {
struct SystemCalls {
    int (*open)(const char* path, int flags, mode_t mode);
    ssize_t (*write)(int fd, const void* bytes, size_t size);
    int (*fsync)(int fd);
    int (*close)(int fd);
    int (*rename)(const char* from, const char* to);
    int (*unlink)(const char* path);
};
// The table in use; the real calls until a test changes it.
SystemCalls& system_calls();
// The real calls, for a test to restore or to call through.
const SystemCalls& real_system_calls();
}  // namespace durable_file_testing

}  // namespace amanat
