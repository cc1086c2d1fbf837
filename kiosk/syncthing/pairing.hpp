#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "syncthing/rest_client.hpp"

namespace amanat::syncthing {

// Pairing a kiosk with the organisers' machine, through each one's running
// Syncthing (REST). Folder ids are fixed, so the two sides find each other's
// folders without exchanging anything but device ids:
//   amanat-packs               organisers' packs (send only) -> every kiosk's inbox (receive only)
//   amanat-outbox-<KIOSK7>     a kiosk's outbox (send only) -> the organisers' collected/<kiosk> (receive
//   only)
// where KIOSK7 is the first seven letters of the kiosk's device id.
//
// Either side may be paired first, and pairing again changes nothing: a device
// or folder already there is left as it is, only what is missing is added (a
// device to a folder's list, an address that changed). A folder already there
// at another path, or of another type, is a Failure (it is somebody's choice,
// not ours to undo).

inline constexpr const char* kPacksFolder = "amanat-packs";
std::string outbox_folder_id(const std::string& kiosk_device_id);

// The kiosk's side (amanat fleet join).
struct Joining {
    std::string organiser_id;       // canonical (canonical_device_id)
    std::string organiser_address;  // "tcp://organisers.example:22000"
    std::filesystem::path inbox;    // absolute
    std::filesystem::path outbox;   // absolute
};

// The organisers' side (amanat fleet accept).
struct Accepting {
    std::string kiosk_id;                      // canonical
    std::optional<std::string> kiosk_address;  // none: "dynamic" (the kiosk dials in)
    std::string name;                          // the kiosk's name here, and its collected/ subfolder
    std::filesystem::path packs;               // absolute
    std::filesystem::path collected_by_kiosk;  // absolute: COLLECTED/<name>
};

// What pairing did, one sentence each; empty when everything was already there.
using Changes = std::vector<std::string>;

Changes join_organisers(RestClient& kiosk, const Joining& joining);
Changes accept_kiosk(RestClient& organisers, const Accepting& accepting);

// This Syncthing's own device id (GET /rest/system/status).
std::string own_device_id(RestClient& client);

}  // namespace amanat::syncthing
