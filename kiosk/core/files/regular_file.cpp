#include "core/files/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/files/byte_count.hpp"

namespace amanat {

namespace fs = std::filesystem;

namespace {

// "is a named pipe (FIFO), not a regular file", or "is a symbolic link to a
// named pipe (FIFO), ..." when the name is a link: staff see a name that looks
// like a file and need to know why it is not one.
std::string not_regular(const fs::path& path, mode_t type) {
    struct stat link {};
    const bool linked = ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
    return std::string("is ") + (linked ? "a symbolic link to " : "") + file_kind(type) +
           ", not a regular file";
}

}  // namespace

std::string file_kind(mode_t mode) {
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device (like /dev/null, /dev/zero or a terminal)";
    if (S_ISBLK(mode)) return "a block device (a whole disk or partition)";
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISLNK(mode)) return "a symbolic link";
    if (S_ISREG(mode)) return "a regular file";
    return "an unknown kind of file";
}

std::optional<RegularFile> RegularFile::open(const fs::path& path, std::string& problem) {
    // By name first, so that a device is never opened (see the header); a
    // name that does not exist falls through to open()'s own reason.
    struct stat named {};
    if (::stat(path.c_str(), &named) == 0 && !S_ISREG(named.st_mode)) {
        problem = not_regular(path, named.st_mode);
        return std::nullopt;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        problem = "cannot be opened: " + std::string(std::strerror(errno));
        return std::nullopt;
    }
    // The decision: on what was opened, whatever the name names by now.
    struct stat opened {};
    if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode)) {
        problem = S_ISREG(opened.st_mode) ? "cannot be read: " + std::string(std::strerror(errno))
                                          : not_regular(path, opened.st_mode);
        ::close(fd);
        return std::nullopt;
    }
    // Reads of a regular file never wait for a writer; make them ordinary ones.
    if (const int flags = ::fcntl(fd, F_GETFL); flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return RegularFile(path, fd, static_cast<long long>(opened.st_size));
}

RegularFile::RegularFile(RegularFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_fd(other.m_fd), m_size(other.m_size) {
    other.m_fd = -1;
}

RegularFile& RegularFile::operator=(RegularFile&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_path = std::move(other.m_path);
        m_fd = other.m_fd;
        m_size = other.m_size;
        other.m_fd = -1;
    }
    return *this;
}

RegularFile::~RegularFile() {
    if (m_fd >= 0) ::close(m_fd);
}

bool RegularFile::read_all(long long max_bytes, std::string& out, std::string& problem) const {
    const auto too_large = [&] {
        // Both sizes in bytes too: at the limit "1.0 MB" and "1.0 MB" would say nothing.
        problem = "is larger than " + describe_bytes(max_bytes) + " (" + std::to_string(max_bytes) +
                  " bytes), far more than such a file holds";
        return false;
    };
    if (m_size > max_bytes) return too_large();
    out.clear();
    char block[4096];
    long long offset = 0;
    while (true) {
        // pread: from the start, wherever the descriptor's offset is.
        const ssize_t got = ::pread(m_fd, block, sizeof block, offset);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            problem = "cannot be read: " + std::string(std::strerror(errno));
            return false;
        }
        if (got == 0) return true;
        out.append(block, static_cast<std::size_t>(got));
        offset += got;
        if (offset > max_bytes) return too_large();  // it grew since it was opened
    }
}

}  // namespace amanat
