#pragma once
// Where a kiosk's fleet inbox and outbox are: the config's [fleet] folders, else
// the ones `amanat fleet join` makes in the kiosk's state folder (fleet/inbox and
// fleet/outbox), once they exist. So a technician connects a kiosk with the
// fleet commands alone, without editing kiosk.toml, and a kiosk never joined
// has no fleet at all.
#include <filesystem>
#include <optional>

#include "core/settings/kiosk_config.hpp"

namespace amanat::fleet {

struct FleetFolders {
    std::optional<std::filesystem::path> inbox;
    std::optional<std::filesystem::path> outbox;
};

FleetFolders fleet_folders(const KioskConfig& config, const std::filesystem::path& state_folder);

}  // namespace amanat::fleet
