#include "cli/pack_rollback.hpp"

#include <cstdio>
#include <memory>

#include "cli/command_line.hpp"
#include "cli/pack_settings.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "rollback",
    .summary = "make the previously active exhibition active again",
    .synopsis = "Usage: amanat pack rollback [--root DIR] [--config FILE]\n",
    .description =
        "Makes the exhibition that was active before the last install (or rollback) active\n"
        "again, in one step. The one it replaces is kept, so a second rollback undoes the\n"
        "first. `amanat pack list` shows which pack that is.\n",
    .footer =
        "Exit status: 0 rolled back, 1 nothing to roll back to (or it failed: the active\n"
        "exhibition is then unchanged), 2 usage error.\n",
};

int roll_back(const PackOptions& options, const Command& command) {
    PackSettings settings;
    std::string message;
    if (!resolve_pack_settings(options, "amanat pack rollback", settings, message))
        return command.input_error(message);
    pack::InstalledPacks packs(settings.root);
    const bool rolled_back = packs.rollback(message);
    if (const std::string note = hand_packs_to_kiosk_user(settings.root); !note.empty())
        std::fprintf(stderr, "amanat pack rollback: %s\n", note.c_str());
    if (!rolled_back) return command.input_error(message);
    std::printf("%s\n", message.c_str());
    return 0;
}

}  // namespace

void add_pack_rollback(Command& pack) {
    const auto options = std::make_shared<PackOptions>();
    Command& command =
        pack.command("rollback", kText, [options](const Command& c) { return roll_back(*options, c); });
    add_root_option(command, *options);
    add_config_option(command, *options);
}

}  // namespace amanat::cli
