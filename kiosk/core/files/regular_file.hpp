#pragma once

// Opening a file that someone named (a pack, a signing key, a file of a bundle
// being packed) so that reading it always comes to an end. A named pipe would
// block the open, then every read, until some writer came; a device such as
// /dev/zero or /dev/urandom never ends; a folder or a socket is no file at all.
// An install stuck on one holds the packs folder's lock, and every other
// install and rollback is refused until someone kills it.
//
// So only regular files are read, and the check is made on the descriptor
// that is then read (fstat), never on the name alone: nothing can swap the
// path between the check and the reading. The name is looked at first (stat)
// only so that a device is never opened at all, since opening some has effects
// of its own (a watchdog arms, a tape rewinds); and the open itself does not
// block (O_NONBLOCK), so a pipe put there meanwhile is refused like any other.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

namespace amanat {

class RegularFile {
  public:
    // Opened for reading, or nullopt with `problem`: what the path is, as words
    // without the path itself ("is a named pipe (FIFO), not a regular file",
    // "is a symbolic link to a folder, not a regular file", "cannot be opened:
    // No such file or directory"). The caller names the path and says what to
    // give instead, which depends on what was asked for.
    static std::optional<RegularFile> open(const std::filesystem::path& path, std::string& problem);

    RegularFile(RegularFile&& other) noexcept;
    RegularFile& operator=(RegularFile&& other) noexcept;
    RegularFile(const RegularFile&) = delete;
    RegularFile& operator=(const RegularFile&) = delete;
    ~RegularFile();

    const std::filesystem::path& path() const { return m_path; }
    int fd() const { return m_fd; }
    // As fstat found it when opened.
    long long size() const { return m_size; }

    // Up to `max_bytes` of the file from its start into `out`; false with
    // `problem` (words without the path) when it is longer or unreadable.
    bool read_all(long long max_bytes, std::string& out, std::string& problem) const;

  private:
    RegularFile(std::filesystem::path path, int fd, long long size)
        : m_path(std::move(path)), m_fd(fd), m_size(size) {}

    std::filesystem::path m_path;
    int m_fd = -1;
    long long m_size = 0;
};

// What a file type (st_mode) is, for a message: "a named pipe (FIFO)", "a
// character device (like /dev/zero)", "a folder"...
std::string file_kind(mode_t mode);

}  // namespace amanat
