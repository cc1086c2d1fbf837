#include "syncthing/folder_owner.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "syncthing/failure.hpp"

namespace amanat::syncthing {
namespace {

// The owner of `reference` or of its nearest existing parent.
bool owner_of(std::filesystem::path reference, struct stat& owner) {
    for (;;) {
        if (::stat(reference.c_str(), &owner) == 0) return true;
        if (!reference.has_relative_path()) return false;
        reference = reference.parent_path();
    }
}

void change_owner(const std::filesystem::path& path, const struct stat& owner) {
    if (::lchown(path.c_str(), owner.st_uid, owner.st_gid) != 0) {
        std::string message = "cannot give ";
        message += path.string();
        message += " to the user Syncthing runs as (uid ";
        message += std::to_string(owner.st_uid);
        message += ")";
        throw Failure(message);
    }
}

}  // namespace

void make_folder_for_service(const std::filesystem::path& folder, const std::filesystem::path& reference) {
    std::vector<std::filesystem::path> made;
    std::error_code ec;
    for (std::filesystem::path missing = folder; !missing.empty() && !std::filesystem::exists(missing, ec);
         missing = missing.parent_path()) {
        made.push_back(missing);
        if (!missing.has_relative_path()) break;
    }
    std::filesystem::create_directories(folder, ec);
    if (ec || !std::filesystem::is_directory(folder)) {
        std::string message = "cannot make the folder ";
        message += folder.string();
        message += ": ";
        message += ec ? ec.message() : "something else is there";
        throw Failure(message);
    }
    struct stat owner {};
    if (::geteuid() != 0 || !owner_of(reference, owner)) return;
    for (const std::filesystem::path& path : made) change_owner(path, owner);
}

void give_to_owner_of(const std::filesystem::path& path, const std::filesystem::path& reference) {
    struct stat owner {};
    if (::geteuid() != 0 || !owner_of(reference, owner)) return;
    change_owner(path, owner);
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        change_owner(it->path(), owner);
}

}  // namespace amanat::syncthing
