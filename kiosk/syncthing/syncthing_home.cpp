#include "syncthing/syncthing_home.hpp"

#include <chrono>

#include "syncthing/failure.hpp"
#include "syncthing/folder_owner.hpp"
#include "syncthing/rest_client.hpp"
#include "syncthing/syncthing_program.hpp"

namespace amanat::syncthing {
namespace {

const char* yes_no(bool value) {
    return value ? "true" : "false";
}

// Syncthing owns its config.xml while it runs (it rewrites it): is one running here?
bool running(const std::filesystem::path& home) {
    try {
        RestClient client(endpoint_of_home(home), std::chrono::seconds(2));
        client.get("/rest/system/ping");
        return true;
    } catch (const Failure&) {
        return false;
    }
}

// A Syncthing generated with --no-default-folder has no <folder> outside
// <defaults>; one there would be shared with whoever pairs with this device.
void check_no_folder(const ConfigXml& config) {
    const std::string& text = config.text();
    const std::size_t defaults = text.find("<defaults>");
    const std::size_t folder = text.find("<folder ");
    if (folder != std::string::npos && (defaults == std::string::npos || folder < defaults)) {
        std::string message = config.file().string();
        message += " already shares a folder (<folder> before <defaults>): a new home should have none";
        throw Failure(message);
    }
}

}  // namespace

std::vector<ConfigSetting> settings_for(const HomeChoices& choices, bool new_home) {
    std::vector<ConfigSetting> settings;
    const auto choose = [&](const char* section, const char* element,
                            const std::optional<std::string>& chosen, const std::string& fresh) {
        if (chosen)
            settings.push_back({section, element, *chosen});
        else if (new_home)
            settings.push_back({section, element, fresh});
    };
    const auto flag = [](const std::optional<bool>& chosen) -> std::optional<std::string> {
        if (!chosen) return std::nullopt;
        return std::string(yes_no(*chosen));
    };
    // Relays are reached through a listen address of their own: Syncthing's
    // "default" listens on TCP and QUIC and at a relay.
    std::optional<std::string> listen = choices.listen_address;
    if (!listen && choices.relays && *choices.relays) listen = "default";
    choose("options", "listenAddress", listen, kKioskListenAddress);
    choose("gui", "address", choices.gui_address, kGuiAddress);
    choose("options", "globalAnnounceEnabled", flag(choices.discovery), "false");
    choose("options", "localAnnounceEnabled", flag(choices.discovery), "false");
    choose("options", "relaysEnabled", flag(choices.relays), "false");
    choose("options", "natEnabled", flag(choices.relays), "false");
    // Always, new home or not: nothing is reported to anyone, and Debian upgrades Syncthing.
    settings.push_back({"options", "urAccepted", "-1"});
    settings.push_back({"options", "crashReportingEnabled", "false"});
    settings.push_back({"options", "autoUpgradeIntervalH", "0"});
    settings.push_back({"options", "startBrowser", "false"});
    return settings;
}

std::vector<std::string> lock_down(ConfigXml& config, const HomeChoices& choices, bool new_home) {
    std::vector<std::string> changes;
    for (const ConfigSetting& setting : settings_for(choices, new_home)) {
        const std::string old = config.value(setting.section, setting.element);
        if (old == setting.value) continue;
        config.set_value(setting.section, setting.element, setting.value);
        std::string change = setting.element;
        change += ": ";
        change += old;
        change += " -> ";
        change += setting.value;
        changes.push_back(change);
    }
    return changes;
}

PreparedHome prepare_home(const HomeChoices& choices) {
    const std::filesystem::path& home = choices.home;
    const std::filesystem::path file = home / "config.xml";
    PreparedHome prepared;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        make_folder_for_service(home, home.parent_path());
        run_syncthing({"generate", "--home", home.string(), "--no-default-folder", "--skip-port-probing"});
        ConfigXml config = ConfigXml::read(file);
        check_no_folder(config);
        lock_down(config, choices, true);
        config.write();
        give_to_owner_of(home, home.parent_path());
        prepared.created = true;
    } else {
        ConfigXml config = ConfigXml::read(file);
        prepared.changes = lock_down(config, choices, false);
        if (!prepared.changes.empty()) {
            if (running(home)) {
                std::string message = "Syncthing is running with the home ";
                message += home.string();
                message +=
                    " and owns its config.xml; stop it first (systemctl stop amanat-syncthing), then run "
                    "this again";
                throw Failure(message);
            }
            config.write();
        }
    }
    prepared.device_id = device_id_of_home(home);
    return prepared;
}

}  // namespace amanat::syncthing
