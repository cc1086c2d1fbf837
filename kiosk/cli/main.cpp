// amanat: the command-line tool for museum staff and organisers.
//
// Conventions: messages on stderr; exit 0 on success, 1 when the input is wrong,
// 2 on usage errors; --json where a machine reads the output.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command_errors.hpp"
#include "cli/feedback.hpp"
#include "cli/fleet.hpp"
#include "cli/l10n.hpp"
#include "cli/pack_build.hpp"
#include "cli/pack_install.hpp"
#include "cli/pack_keygen.hpp"
#include "cli/pack_list.hpp"
#include "cli/pack_rollback.hpp"
#include "cli/pack_validate.hpp"
#include "cli/pack_verify.hpp"
#include "cli/staff_pin.hpp"
#include "cli/status.hpp"
#include "core/version.hpp"

namespace {

const char* const kUsage =
    "Usage: amanat COMMAND [ARGS...]\n"
    "\n"
    "The Amanat exhibition kiosk's tool for museum staff and organisers.\n"
    "\n"
    "Commands:\n"
    "  pack validate DIR   check an exhibition bundle and explain every problem\n"
    "  pack build DIR      make a signed pack file (NAME.amanat) of a bundle\n"
    "  pack install FILE   install a pack on this kiosk (verify, rollback, list, keygen: see\n"
    "                      amanat pack --help)\n"
    "  feedback export     the visitors' feedback as a table (CSV or JSON) for spreadsheets\n"
    "  feedback report     the organisers' report: which artifacts moved visitors, venue by\n"
    "                      venue, as one HTML file with charts\n"
    "  feedback summary    visitors per day and hour, languages, top artifacts, survey answers\n"
    "  feedback merge      gather kiosks' feedback files into one\n"
    "  staff set-pin       set the PIN that opens the kiosk's staff mode (clear-pin: off)\n"
    "  status              the kiosk's health: exhibition, uptime, restarts, memory, disk,\n"
    "                      feedback, recent problems\n"
    "  fleet init|join     connect this kiosk to the organisers' machine (Syncthing); accept,\n"
    "                      and status (every kiosk heard from), on the organisers' machine\n"
    "                      (see amanat fleet --help)\n"
    "  l10n check          the kiosk's words in the venue's languages: translated, correct,\n"
    "                      fitting their buttons, every letter in the fonts\n"
    "\n"
    "Options:\n"
    "  --version           print the version and exit\n"
    "  -h, --help          print this help and exit\n"
    "\n"
    "Run 'amanat COMMAND --help' for a command's own options.\n";

const char* const kPackUsage =
    "Usage: amanat pack SUBCOMMAND [ARGS...]\n"
    "\n"
    "Subcommands:\n"
    "  validate DIR        check an exhibition bundle folder\n"
    "  build DIR -o FILE   validate a bundle and write it as one signed pack file\n"
    "  keygen KEYFILE      make a key to sign packs with; prints its public key\n"
    "  verify FILE         check a pack's signature and every file's hash\n"
    "  install FILE        install a pack on this kiosk and make it the active exhibition\n"
    "  rollback            make the previously active exhibition active again\n"
    "  list                the packs installed on this kiosk, and which is active\n"
    "\n"
    "Run 'amanat pack SUBCOMMAND --help' for each one's options; docs/PACKS.md explains\n"
    "packs, keys and the kiosk's packs folder.\n";

int pack(const std::vector<std::string>& args) {
    using namespace amanat::cli;
    return run_subcommand("amanat pack", kPackUsage, args,
                          {{"validate", pack_validate},
                           {"build", pack_build},
                           {"keygen", pack_keygen},
                           {"verify", pack_verify},
                           {"install", pack_install},
                           {"rollback", pack_rollback},
                           {"list", pack_list}});
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const std::string& command = args[0];
    if (command == "-h" || command == "--help" || command == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("amanat %s\n", amanat::kVersion);
        return 0;
    }
    if (command == "pack") return pack({args.begin() + 1, args.end()});
    if (command == "feedback") return amanat::cli::feedback({args.begin() + 1, args.end()});
    if (command == "staff") return amanat::cli::staff({args.begin() + 1, args.end()});
    if (command == "fleet") return amanat::cli::fleet({args.begin() + 1, args.end()});
    if (command == "l10n") return amanat::cli::l10n({args.begin() + 1, args.end()});
    if (command == "status") return amanat::cli::status({args.begin() + 1, args.end()});
    std::fprintf(stderr, "amanat: unknown command '%s'\n\n%s", command.c_str(), kUsage);
    return 2;
}
