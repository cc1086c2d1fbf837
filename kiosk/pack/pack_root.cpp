#include "pack/pack_root.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

#include "pack/durable.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

PackRoot::PackRoot(const fs::path& r)
    : root(r), packs(r / "packs"), staging(r / "staging"), active(r / "active"), lock(r / ".lock") {}

std::optional<std::string> PackRoot::active_name() const {
    const std::string target = read_link(active);
    constexpr std::string_view prefix = "packs/";
    if (!target.starts_with(prefix) || !is_pack_name(std::string_view(target).substr(prefix.size())))
        return std::nullopt;
    return target.substr(prefix.size());
}

std::optional<std::string> PackRoot::previous_name(const std::string& name) const {
    const std::string target = read_link(previous_link(name));
    constexpr std::string_view prefix = "../";
    if (!target.starts_with(prefix) || !is_pack_name(std::string_view(target).substr(prefix.size())))
        return std::nullopt;
    return target.substr(prefix.size());
}

std::string active_target(const std::string& name) {
    return "packs/" + name;
}

std::string previous_target(const std::string& name) {
    return "../" + name;
}

bool is_pack_name(std::string_view name) {
    return !name.empty() && name.size() <= 255 && name.find('/') == std::string_view::npos &&
           name[0] != '.' && name.find('\0') == std::string_view::npos;
}

std::unique_ptr<RootLock> RootLock::take(const PackRoot& root, std::string& error) {
    std::error_code ec;
    for (const fs::path& folder : {root.root, root.packs}) {
        fs::create_directories(folder, ec);
        if (ec) {
            error = "cannot create the packs folder " + folder.string() + ": " + ec.message() +
                    "; run this as the kiosk's user (or with sudo), or choose another --root";
            return nullptr;
        }
    }
    const int fd = ::open(root.lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        error = "cannot open the lock file " + root.lock.string() + ": " + errno_text(errno);
        return nullptr;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int e = errno;
        ::close(fd);
        error = e == EWOULDBLOCK
                    ? "another install or rollback is running in " + root.root.string() + " (it holds " +
                          root.lock.string() + "); wait until it has finished, then try again"
                    : "cannot lock " + root.lock.string() + ": " + errno_text(e);
        return nullptr;
    }
    return std::unique_ptr<RootLock>(new RootLock(fd));
}

RootLock::~RootLock() {
    ::close(m_fd);
}

}  // namespace amanat::pack
