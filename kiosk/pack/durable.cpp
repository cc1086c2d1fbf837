#include "pack/durable.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "pack/crash_point.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

std::string errno_text(int error_number) {
    return std::strerror(error_number);
}

bool write_all(int fd, std::string_view bytes, std::string& error) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            error = errno_text(errno);
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

bool fsync_folder(const fs::path& folder, std::string& error) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + folder.string() + ": " + errno_text(errno);
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    if (!ok) error = "cannot sync " + folder.string() + ": " + errno_text(errno);
    ::close(fd);
    crash_point("fsync folder");
    return ok;
}

bool sync_file_system(const fs::path& path, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + path.string() + ": " + errno_text(errno);
        return false;
    }
    // Since Linux 5.8 syncfs also reports write-back errors (a failing disk).
    const bool ok = ::syncfs(fd) == 0;
    if (!ok) error = "cannot write " + path.string() + " to disk: " + errno_text(errno);
    ::close(fd);
    crash_point("syncfs");
    return ok;
}

bool write_file_durably(const fs::path& file, std::string_view bytes, std::string& error) {
    const fs::path temporary = file.string() + ".new";
    ::unlink(temporary.c_str());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = "cannot create " + temporary.string() + ": " + errno_text(errno);
        return false;
    }
    std::string why;
    bool ok = write_all(fd, bytes, why);
    if (ok && ::fsync(fd) != 0) {
        ok = false;
        why = errno_text(errno);
    }
    ::close(fd);
    crash_point("write file");
    if (ok && ::rename(temporary.c_str(), file.c_str()) != 0) {
        ok = false;
        why = errno_text(errno);
    }
    if (!ok) {
        ::unlink(temporary.c_str());
        error = "cannot write " + file.string() + ": " + why;
        return false;
    }
    crash_point("rename file");
    return fsync_folder(file.parent_path(), error);
}

bool replace_link_durably(const fs::path& link, const std::string& target, std::string& error) {
    const fs::path temporary = link.string() + ".new";
    // A crash may have left one behind.
    if (::unlink(temporary.c_str()) == 0) crash_point("remove stale link");
    if (::symlink(target.c_str(), temporary.c_str()) != 0) {
        error = "cannot create the link " + temporary.string() + ": " + errno_text(errno);
        return false;
    }
    crash_point("create link");
    if (!fsync_folder(link.parent_path(), error)) return false;
    if (::rename(temporary.c_str(), link.c_str()) != 0) {
        error = "cannot rename " + temporary.string() + " to " + link.string() + ": " + errno_text(errno);
        ::unlink(temporary.c_str());
        return false;
    }
    crash_point("rename link");
    return fsync_folder(link.parent_path(), error);
}

std::string read_link(const fs::path& link) {
    char target[4096];
    const ssize_t length = ::readlink(link.c_str(), target, sizeof target);
    if (length <= 0 || static_cast<std::size_t>(length) >= sizeof target) return "";
    return std::string(target, static_cast<std::size_t>(length));
}

}  // namespace amanat::pack
