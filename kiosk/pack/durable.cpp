#include "pack/durable.hpp"

#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "durable/durable_file.hpp"
#include "pack/crash_point.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

std::string errno_text(int error_number) {
    return amanat::errno_text(error_number);
}

bool write_all(int fd, std::string_view bytes, std::string& error) {
    const int failure = amanat::write_all(fd, bytes);
    if (failure != 0) error = errno_text(failure);
    return failure == 0;
}

bool fsync_folder(const fs::path& folder, std::string& error) {
    const bool ok = amanat::fsync_folder(folder, error);
    crash_point("fsync folder");
    return ok;
}

void start_writeback(int fd) {
    // Advisory: if it fails, fsync_tree() simply has more to write.
    ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

namespace {

bool fsync_path(const fs::path& path, int flags, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | flags);
    if (fd < 0) {
        error = "cannot open " + path.string() + ": " + errno_text(errno);
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    if (!ok) error = "cannot write " + path.string() + " to disk: " + errno_text(errno);
    ::close(fd);
    return ok;
}

bool fsync_below(const fs::path& folder, std::string& error) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::file_status status = it->symlink_status(ec);
        if (fs::is_directory(status)) {
            if (!fsync_below(it->path(), error) || !fsync_path(it->path(), O_DIRECTORY, error)) return false;
        } else if (fs::is_regular_file(status)) {
            if (!fsync_path(it->path(), 0, error)) return false;
        }
        // A link's own name is made durable by its folder's fsync.
    }
    if (ec) {
        error = "cannot read " + folder.string() + ": " + ec.message();
        return false;
    }
    return true;
}

}  // namespace

bool fsync_tree(const fs::path& folder, std::string& error) {
    const bool ok = fsync_below(folder, error) && fsync_path(folder, O_DIRECTORY, error);
    crash_point("fsync tree");
    return ok;
}

bool write_file_durably(const fs::path& file, std::string_view bytes, std::string& error) {
    DurableWriteOptions options;
    options.after_step = crash_point;  // "write file", "rename file", "fsync folder"
    return amanat::write_file_durably(file, bytes, error, options);
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
