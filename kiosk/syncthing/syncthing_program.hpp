#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace amanat::syncthing {

// The syncthing program: $AMANAT_SYNCTHING when set (tests, a syncthing
// elsewhere), else `syncthing` found on PATH. Empty when there is none.
std::string syncthing_program();

// Runs syncthing with `arguments` and waits for it; returns what it printed on
// standard output. A Failure when it is not installed ("apt install syncthing"),
// cannot be started, or exits with another status than 0 (with what it printed
// on standard error). Blocks the calling thread; for short commands only
// (generate, --device-id), never `serve`.
std::string run_syncthing(const std::vector<std::string>& arguments);

// This device's id, from the key in `home` (`syncthing --home DIR --device-id`).
std::string device_id_of_home(const std::filesystem::path& home);

}  // namespace amanat::syncthing
