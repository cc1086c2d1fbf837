#pragma once

// The options the `amanat pack` commands that work on a kiosk share: where its
// packs are installed, whose packs it trusts, and its limits, from the kiosk's
// config (--config) and the command line (which adds to it).

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pack/packs.hpp"

namespace amanat::cli {

struct PackOptions {
    std::optional<std::filesystem::path> config;
    std::optional<std::filesystem::path> root;
    std::vector<std::string> trusted_keys;  // --trust, in addition to the config's
    bool allow_unsigned = false;
};

enum class PackOptionRead { not_mine, read, wrong };

// Reads `--config FILE`, `--root DIR`, `--trust KEY` or `--allow-unsigned` at
// args[i] when it is one of `accepted` (e.g. {"--config", "--root"}), leaving
// `i` on the last argument used. `wrong` sets `problem` to a sentence for a
// usage error.
PackOptionRead read_pack_option(const std::vector<std::string>& args, std::size_t& i,
                                std::initializer_list<std::string_view> accepted, PackOptions& options,
                                std::string& problem);

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

// Help lines for the shared options.
extern const char* const kRootHelp;
extern const char* const kConfigHelp;
extern const char* const kTrustHelp;

}  // namespace amanat::cli
