#include "cli/pack_rollback.hpp"

#include <cstdio>

#include "cli/command_errors.hpp"
#include "cli/pack_settings.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const char* const kSynopsis = "Usage: amanat pack rollback [--root DIR] [--config FILE]\n";

const char* const kHelp =
    "\n"
    "Makes the exhibition that was active before the last install (or rollback) active\n"
    "again, in one step. The one it replaces is kept, so a second rollback undoes the\n"
    "first. `amanat pack list` shows which pack that is.\n"
    "\n"
    "Options:\n";

const char* const kMoreHelp =
    "  -h, --help          print this help\n"
    "\n"
    "Exit status: 0 rolled back, 1 nothing to roll back to (or it failed: the active\n"
    "exhibition is then unchanged), 2 usage error.\n";

const CommandErrors kErrors{"amanat pack rollback", kSynopsis};

}  // namespace

int pack_rollback(const std::vector<std::string>& args) {
    PackOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        std::string problem;
        const auto read = read_pack_option(args, i, {"--root", "--config"}, options, problem);
        if (read == PackOptionRead::wrong) return kErrors.usage_error(problem);
        if (read == PackOptionRead::read) continue;
        if (arg == "-h" || arg == "--help") {
            std::printf("%s%s%s%s%s", kSynopsis, kHelp, kRootHelp, kConfigHelp, kMoreHelp);
            return 0;
        }
        return kErrors.usage_error(!arg.empty() && arg[0] == '-' ? "unknown option '" + arg + "'"
                                                                 : "unexpected '" + arg + "'");
    }
    PackSettings settings;
    std::string message;
    if (!resolve_pack_settings(options, "amanat pack rollback", settings, message))
        return kErrors.input_error(message);
    pack::InstalledPacks packs(settings.root);
    const bool rolled_back = packs.rollback(message);
    if (const std::string note = hand_packs_to_kiosk_user(settings.root); !note.empty())
        std::fprintf(stderr, "amanat pack rollback: %s\n", note.c_str());
    if (!rolled_back) return kErrors.input_error(message);
    std::printf("%s\n", message.c_str());
    return 0;
}

}  // namespace amanat::cli
