#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "syncthing/config_xml.hpp"

namespace amanat::syncthing {

// How a Syncthing home is set up by `amanat fleet init`. Unset values are
// defaults for a new home and left as they are in an existing one, so running
// init again (amanat-syncthing.service does, before every start) never undoes
// a choice made on purpose with --discovery or --relays.
struct HomeChoices {
    std::filesystem::path home;
    std::optional<std::string> listen_address;  // new home: tcp://0.0.0.0:22000
    std::optional<std::string> gui_address;     // new home: 127.0.0.1:8384 (the REST API; loopback only)
    std::optional<bool> discovery;              // global and local discovery; new home: off
    std::optional<bool> relays;                 // relays and NAT traversal; new home: off
};

inline constexpr const char* kKioskListenAddress = "tcp://0.0.0.0:22000";
inline constexpr const char* kGuiAddress = "127.0.0.1:8384";

// The settings `lock_down` writes for `choices`, as (section, element, value):
// besides the choices, no usage reporting, no crash reports, no automatic
// upgrades, no browser. Exposed for the tests.
struct ConfigSetting {
    const char* section;
    const char* element;
    std::string value;
};
std::vector<ConfigSetting> settings_for(const HomeChoices& choices, bool new_home);

// Applies `settings_for(choices, new_home)` to a config; returns what changed
// as "element: old -> new". A Failure when an element is not there exactly once.
std::vector<std::string> lock_down(ConfigXml& config, const HomeChoices& choices, bool new_home);

struct PreparedHome {
    std::string device_id;
    bool created = false;
    std::vector<std::string> changes;  // what an existing home's config.xml had otherwise
};

// Makes `choices.home` a Syncthing home ready for its first start, or checks an
// existing one. A new home: `syncthing generate --no-default-folder
// --skip-port-probing`, then its config.xml locked down (lock_down) BEFORE
// Syncthing ever starts with it: Debian's 1.19 would otherwise look up public
// relays and discovery servers and announce itself on the LAN on its first
// start. An existing home is read and checked; a choice given that differs is
// written only while that Syncthing is not running (it owns its config.xml
// then: a Failure says to stop it first). Run as root, a new home is given to
// the owner of the folder it is made in (/var/lib/amanat: the user amanat).
PreparedHome prepare_home(const HomeChoices& choices);

}  // namespace amanat::syncthing
