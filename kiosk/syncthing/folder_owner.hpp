#pragma once

#include <filesystem>

namespace amanat::syncthing {

// Folders Syncthing must be able to write, made by whoever runs `amanat fleet`.
//
// A technician often runs the commands with sudo, while Syncthing runs as the
// kiosk's user (amanat-syncthing.service: User=amanat). A home or an inbox made
// by root would then be unreadable to Syncthing, so when run as root what these
// make is given to the owner of `reference` (or of its nearest existing
// parent): the Syncthing home's config.xml, or the folder the home is made in.
// Run as anyone else, files stay theirs. A Failure when a folder cannot be made.

// Creates `folder` and its missing parents.
void make_folder_for_service(const std::filesystem::path& folder, const std::filesystem::path& reference);

// Gives `path` and everything under it to the owner of `reference` (root only).
void give_to_owner_of(const std::filesystem::path& path, const std::filesystem::path& reference);

}  // namespace amanat::syncthing
