#pragma once

// The options the `amanat pack` commands that work on a kiosk share: where its
// packs are installed, whose packs it trusts, and its limits, from the kiosk's
// config (--config) and the command line (which adds to it).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pack/packs.hpp"

namespace amanat::cli {

struct PackOptions {
    std::optional<std::filesystem::path> config;
    std::optional<std::filesystem::path> root;
    std::vector<std::string> trusted_keys;  // --trust, in addition to the config's
    bool allow_unsigned = false;
};

class Command;

// The options, each declared on the command that takes it: `--root DIR`,
// `--config FILE`, and `--trust KEY`... with `--allow-unsigned`.
void add_root_option(Command& command, PackOptions& options);
void add_config_option(Command& command, PackOptions& options);
void add_trust_options(Command& command, PackOptions& options);

struct PackSettings {
    std::filesystem::path root;
    pack::Trust trust;
    pack::Limits limits;
    bool trust_given = false;  // keys or allow_unsigned came from the config or the options
};

// The kiosk's config read (when given) and the options applied over it. Its
// problems are printed on stderr as warnings, prefixed with `command`, as the
// kiosk itself would only warn. False with `problem` when the config cannot be
// read at all.
bool resolve_pack_settings(const PackOptions& options, const char* command, PackSettings& settings,
                           std::string& problem);

// Run as root (`sudo amanat pack install ...`), the files a command made under
// `root` would be root's, and the kiosk, which runs as its own user, could not
// later replace or delete them. This hands everything under `root` to the owner
// of the folder that holds it (/var/lib/amanat, the kiosk's user). Does nothing
// when not root, or when that folder is root's own. Returns what to tell the user,
// or "" when nothing was done.
std::string hand_packs_to_kiosk_user(const std::filesystem::path& root);

}  // namespace amanat::cli
