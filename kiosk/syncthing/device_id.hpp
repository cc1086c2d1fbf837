#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace amanat::syncthing {

// A Syncthing device id as Syncthing writes it: eight groups of seven base32
// letters (A-Z, 2-7) joined by dashes, the 14th, 28th, 42nd and 56th letters
// being Luhn check letters of the 13 before them. Typed ids are often copied
// from a screen or a message, so spaces, dashes, lower case and the letters
// people confuse with digits are forgiven; a wrong check letter is not (it
// catches a mistyped letter before the id reaches Syncthing).
//
// Returns the canonical id, or nullopt with `problem` saying what is wrong
// ("has 55 letters, a device id has 56", "a typing mistake in the letters 15 to 28").
std::optional<std::string> canonical_device_id(std::string_view typed, std::string& problem);

// The id's first seven letters, as Syncthing shows devices in its logs: the
// name of a kiosk's outbox folder ("amanat-outbox-HEN3EJU").
std::string short_device_id(const std::string& canonical_id);

}  // namespace amanat::syncthing
