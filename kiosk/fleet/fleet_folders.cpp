#include "fleet/fleet_folders.hpp"

#include <system_error>

namespace amanat::fleet {

FleetFolders fleet_folders(const KioskConfig& config, const std::filesystem::path& state_folder) {
    FleetFolders folders{config.fleet_inbox, config.fleet_outbox};
    std::error_code ec;
    for (auto [folder, name] : {std::pair{&folders.inbox, "inbox"}, std::pair{&folders.outbox, "outbox"}}) {
        const std::filesystem::path made = state_folder / "fleet" / name;
        if (!*folder && std::filesystem::is_directory(made, ec)) *folder = made;
    }
    return folders;
}

}  // namespace amanat::fleet
