#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace amanat {

// Where the kiosk keeps what it writes (the feedback database, its id):
// /var/lib/amanat when installed (the package creates it for the kiosk's user),
// else the user's XDG state folder ($XDG_STATE_HOME/amanat, by default
// ~/.local/state/amanat), so a developer's or a test's run never needs root.
std::filesystem::path default_state_folder();

// The kiosk's id: made up (random, see random_identifier()) at its first start
// and kept in `file`, so that every row it records says which kiosk wrote it
// and files from many kiosks can be told apart. It identifies the machine's
// installation, nothing about a person. A file that is unreadable or holds
// something else is renamed aside (never deleted) and a new id made, which
// `note` explains. Returns nullopt with `error` set if no id can be kept
// (e.g. the folder is not writable).
std::optional<std::string> load_kiosk_id(const std::filesystem::path& file, std::string& note,
                                         std::string& error);

}  // namespace amanat
