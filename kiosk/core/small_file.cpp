#include "core/small_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace amanat {
namespace {

const char* kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

// Closes the descriptor however the read ends.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

bool read_small_file(const std::filesystem::path& file, std::size_t max_bytes, std::string& content,
                     std::string& problem) {
    // Looked at before opening: opening some devices does something (a tape
    // rewinds), and nothing but a regular file is ever read here.
    struct stat named {};
    if (::stat(file.c_str(), &named) != 0) {
        problem =
            errno == ENOENT ? "it does not exist" : std::string("it cannot be read: ") + std::strerror(errno);
        return false;
    }
    if (!S_ISREG(named.st_mode)) {
        problem = std::string("it is ") + kind_of(named.st_mode) + ", not a file";
        return false;
    }
    const Descriptor in{::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
    struct stat opened {};
    if (in.fd < 0 || ::fstat(in.fd, &opened) != 0) {
        problem = std::string("it cannot be opened: ") + std::strerror(errno) + " (check its permissions)";
        return false;
    }
    if (!S_ISREG(opened.st_mode)) {  // replaced between the two looks
        problem = std::string("it is ") + kind_of(opened.st_mode) + ", not a file";
        return false;
    }
    if (static_cast<unsigned long long>(opened.st_size) > max_bytes) {
        problem = "it is " + std::to_string(opened.st_size) + " bytes, more than the " +
                  std::to_string(max_bytes) + " bytes allowed for this kind of file";
        return false;
    }
    content.assign(static_cast<std::size_t>(opened.st_size), '\0');
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t got = ::read(in.fd, content.data() + done, content.size() - done);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            problem = std::string("it cannot be read: ") + std::strerror(errno);
            return false;
        }
        if (got == 0) break;  // shorter than it said: a file being written
        done += static_cast<std::size_t>(got);
    }
    content.resize(done);
    return true;
}

}  // namespace amanat
