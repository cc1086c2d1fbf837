#include "syncthing/pairing.hpp"

#include <algorithm>

#include "syncthing/device_id.hpp"
#include "syncthing/failure.hpp"

namespace amanat::syncthing {
namespace {

// A folder as we share it: what Syncthing is told when it does not have it yet.
struct FolderPlan {
    std::string id;
    std::string label;
    std::filesystem::path path;
    std::string type;  // "sendonly", "receiveonly"
    std::string peer;  // the device it is shared with
    // Deletions from the peer are not applied: the organisers keep every file a
    // kiosk ever sent, even if its outbox is emptied (a receive-only folder
    // otherwise applies remote deletions).
    bool keep_deleted = false;
};

std::string said(const std::string& what, const std::string& who) {
    std::string sentence = what;
    sentence += ' ';
    sentence += who;
    return sentence;
}

// Adds the device, or brings its address up to date; a device already known
// keeps its name and settings.
void ensure_device(RestClient& api, const std::string& id, const std::string& name,
                   const std::optional<std::string>& address, Changes& changes) {
    std::string path = "/rest/config/devices/";
    path += id;
    const std::optional<nlohmann::json> known = api.find(path);
    if (!known) {
        nlohmann::json device = {{"deviceID", id}, {"name", name}};
        device["addresses"] = nlohmann::json::array({address ? *address : std::string("dynamic")});
        api.post("/rest/config/devices", device);
        changes.push_back(said("added the device", name + " (" + id + ")"));
        return;
    }
    if (address && known->value("addresses", nlohmann::json::array()) != nlohmann::json::array({*address})) {
        api.patch(path, {{"addresses", nlohmann::json::array({*address})}});
        changes.push_back(said("changed the address of", id + " to " + *address));
    }
}

// Sensible for us: packs are written whole by people and tools (the watcher
// picks them up within seconds), permissions mean nothing across machines, and
// a rescan now and then catches what the watcher missed (USB-mounted folders).
nlohmann::json new_folder(const FolderPlan& plan) {
    return {{"id", plan.id},
            {"label", plan.label},
            {"path", plan.path.string()},
            {"type", plan.type},
            {"devices", nlohmann::json::array({{{"deviceID", plan.peer}}})},
            {"ignorePerms", true},
            {"fsWatcherEnabled", true},
            {"fsWatcherDelayS", 2},
            {"rescanIntervalS", 600},
            {"ignoreDelete", plan.keep_deleted}};
}

void refuse_other(const FolderPlan& plan, const std::string& what, const std::string& theirs,
                  const std::string& ours) {
    std::string message = "Syncthing already has the folder ";
    message += plan.id;
    message += " with the ";
    message += what;
    message += ' ';
    message += theirs;
    message += ", not ";
    message += ours;
    message += ": remove it in Syncthing first (or give that ";
    message += what;
    message += ")";
    throw Failure(message);
}

void ensure_folder(RestClient& api, const FolderPlan& plan, Changes& changes) {
    std::string path = "/rest/config/folders/";
    path += plan.id;
    std::optional<nlohmann::json> known = api.find(path);
    if (!known) {
        api.put(path, new_folder(plan));
        changes.push_back(said("added the folder", plan.id + " (" + plan.type + ") at " + plan.path.string() +
                                                       ", shared with " + short_device_id(plan.peer)));
        return;
    }
    const std::string known_path = known->value("path", "");
    if (std::filesystem::path(known_path).lexically_normal() != plan.path.lexically_normal())
        refuse_other(plan, "path", known_path, plan.path.string());
    if (known->value("type", "") != plan.type)
        refuse_other(plan, "type", known->value("type", ""), plan.type);
    bool changed = false;
    if (plan.keep_deleted && !known->value("ignoreDelete", false)) {
        (*known)["ignoreDelete"] = true;
        changes.push_back(said("kept deleted files of the folder", plan.id));
        changed = true;
    }
    nlohmann::json& devices = (*known)["devices"];
    const bool shared = std::any_of(devices.begin(), devices.end(), [&](const nlohmann::json& device) {
        return device.value("deviceID", "") == plan.peer;
    });
    if (!shared) {
        devices.push_back({{"deviceID", plan.peer}});
        changes.push_back(said("shared the folder", plan.id + " with " + short_device_id(plan.peer)));
        changed = true;
    }
    if (changed) api.put(path, *known);
}

}  // namespace

std::string outbox_folder_id(const std::string& kiosk_device_id) {
    std::string id = "amanat-outbox-";
    id += short_device_id(kiosk_device_id);
    return id;
}

std::string own_device_id(RestClient& client) {
    const nlohmann::json status = client.get("/rest/system/status");
    const std::string id = status.value("myID", "");
    if (id.empty())
        throw Failure("Syncthing did not say its own device id (/rest/system/status has no myID)");
    return id;
}

Changes join_organisers(RestClient& kiosk, const Joining& joining) {
    Changes changes;
    const std::string own_id = own_device_id(kiosk);
    if (own_id == joining.organiser_id)
        throw Failure(
            "that is this kiosk's own device id: give the organisers' (amanat fleet id, on their machine)");
    ensure_device(kiosk, joining.organiser_id, "organisers", joining.organiser_address, changes);
    ensure_folder(kiosk,
                  {kPacksFolder, "Amanat packs (from the organisers)", joining.inbox, "receiveonly",
                   joining.organiser_id},
                  changes);
    ensure_folder(kiosk,
                  {outbox_folder_id(own_id), "Amanat outbox (to the organisers)", joining.outbox, "sendonly",
                   joining.organiser_id},
                  changes);
    return changes;
}

Changes accept_kiosk(RestClient& organisers, const Accepting& accepting) {
    Changes changes;
    if (own_device_id(organisers) == accepting.kiosk_id)
        throw Failure(
            "that is this machine's own device id: give the kiosk's (amanat fleet id, on the kiosk)");
    ensure_device(organisers, accepting.kiosk_id, accepting.name, accepting.kiosk_address, changes);
    ensure_folder(
        organisers,
        {kPacksFolder, "Amanat packs (to every kiosk)", accepting.packs, "sendonly", accepting.kiosk_id},
        changes);
    std::string label = "Amanat outbox of ";
    label += accepting.name;
    ensure_folder(organisers,
                  {outbox_folder_id(accepting.kiosk_id), label, accepting.collected_by_kiosk, "receiveonly",
                   accepting.kiosk_id, true},
                  changes);
    return changes;
}

}  // namespace amanat::syncthing
