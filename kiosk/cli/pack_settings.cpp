#include "cli/pack_settings.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "cli/command_line.hpp"
#include "core/files/diagnostics.hpp"
#include "core/files/regular_file.hpp"
#include "core/settings/kiosk_config.hpp"
#include "pack/pack_signature.hpp"

namespace amanat::cli {

void add_root_option(Command& command, PackOptions& options) {
    command.value("--root", options.root, "DIR", "a folder",
                  "the kiosk's packs folder (default: root under [packs] in --config,\n"
                  "else the kiosk's own default: /var/lib/amanat/packs when installed,\n"
                  "~/.local/state/amanat/packs for a user)");
}

void add_config_option(Command& command, PackOptions& options) {
    command.value("--config", options.config, "FILE", "the kiosk's config file",
                  "the kiosk's config (/etc/amanat/kiosk.toml): its [packs] root,\n"
                  "trusted_keys, allow_unsigned, max_megabytes and max_files");
}

void add_trust_options(Command& command, PackOptions& options) {
    command.value("--trust", "KEY", "a public key (base64)",
                  "also trust packs signed with this public key (base64, as\n"
                  "`amanat pack keygen` prints it); may be repeated",
                  [&options](const std::string& key, std::string& problem) {
                      if (!pack::parse_public_key(key)) {
                          problem = std::string("--trust '") + key +
                                    "' is not a public key: give the 44-character base64 text `amanat pack "
                                    "keygen` printed";
                          return false;
                      }
                      options.trusted_keys.push_back(key);
                      return true;
                  });
    command.flag("--allow-unsigned", options.allow_unsigned,
                 "accept unsigned packs, and packs signed by keys not trusted\n"
                 "(development kiosks only)");
}

bool resolve_pack_settings(const PackOptions& options, const char* command, PackSettings& settings,
                           std::string& problem) {
    settings = PackSettings{};
    // Where the kiosk looks when its config names no root: /var/lib/amanat/packs
    // on an installed kiosk, the user's state folder on a developer's machine.
    settings.root = packs_root_of(KioskConfig{});
    if (options.config) {
        // The config loader (core) reads it by name to its end: a pipe or a
        // device given by mistake is refused here first, rather than hang.
        std::string what;
        if (!RegularFile::open(*options.config, what) && !what.starts_with("cannot")) {
            problem = options.config->string() + ": " + what +
                      "; give the kiosk's config file with --config (/etc/amanat/kiosk.toml)";
            return false;
        }
        Diagnostics diagnostics;
        const KioskConfig config = load_kiosk_config(*options.config, diagnostics);
        for (const Diagnostic& d : diagnostics.items()) {
            if (d.code == "unreadable") {
                problem = "cannot read the kiosk's config " + options.config->string() +
                          "; check the path given with --config";
                return false;
            }
            std::fprintf(stderr, "%s: warning: %s:%d: %s (%s)\n", command, options.config->c_str(), d.line,
                         d.message.c_str(), d.fix.c_str());
        }
        settings.root = packs_root_of(config);
        settings.trust.public_keys = config.trusted_keys;
        settings.trust.allow_unsigned = config.allow_unsigned_packs;
        settings.limits.max_total_bytes = config.pack_max_megabytes << 20;
        settings.limits.max_files = config.pack_max_files;
        for (const std::string& key : config.trusted_keys) {
            if (!pack::parse_public_key(key)) {
                std::fprintf(stderr, "%s: warning: %s: trusted_keys holds '%s', which is not a public key\n",
                             command, options.config->c_str(), key.c_str());
            }
        }
        settings.trust_given = !config.trusted_keys.empty() || config.allow_unsigned_packs;
    }
    if (options.root) settings.root = *options.root;
    settings.trust.public_keys.insert(settings.trust.public_keys.end(), options.trusted_keys.begin(),
                                      options.trusted_keys.end());
    if (options.allow_unsigned) settings.trust.allow_unsigned = true;
    settings.trust_given = settings.trust_given || !options.trusted_keys.empty() || options.allow_unsigned;
    return true;
}

std::string hand_packs_to_kiosk_user(const std::filesystem::path& root) {
    if (::geteuid() != 0) return {};
    struct stat holder {};
    if (::stat(root.parent_path().c_str(), &holder) != 0 || holder.st_uid == 0) return {};
    std::error_code error;
    std::size_t handed = ::lchown(root.c_str(), holder.st_uid, holder.st_gid) == 0 ? 1 : 0;
    for (std::filesystem::recursive_directory_iterator it(root, error), end; !error && it != end;
         it.increment(error)) {
        // lchown: a link (active, previous) is handed over itself, never what it points to.
        if (::lchown(it->path().c_str(), holder.st_uid, holder.st_gid) == 0) ++handed;
    }
    return "run as root: " + std::to_string(handed) + " files and folders under " + root.string() +
           " given to the kiosk's user (uid " + std::to_string(holder.st_uid) + "), the owner of " +
           root.parent_path().string();
}

}  // namespace amanat::cli
