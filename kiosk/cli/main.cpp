// amanat: the command-line tool for museum staff and organisers.
//
// Conventions (cli/command_line.hpp keeps them): messages on stderr; exit 0 on
// success, 1 when the input is wrong, 2 on usage errors; --json where a machine
// reads the output.
#include "cli/command_line.hpp"
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

using amanat::cli::Command;

// The commands staff and organisers use most, two levels deep: more than the
// list of `amanat`'s own subcommands would say.
const char* const kOverview =
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
    "                      fitting their buttons, every letter in the fonts\n";

void add_pack(Command& program) {
    using namespace amanat::cli;
    Command& pack = program.group(
        "pack",
        {.synopsis = "Usage: amanat pack SUBCOMMAND [ARGS...]\n",
         .footer = "Run 'amanat pack SUBCOMMAND --help' for each one's options; docs/PACKS.md explains\n"
                   "packs, keys and the kiosk's packs folder.\n"});
    add_pack_validate(pack);
    add_pack_build(pack);
    add_pack_keygen(pack);
    add_pack_verify(pack);
    add_pack_install(pack);
    add_pack_rollback(pack);
    add_pack_list(pack);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace amanat::cli;
    Command program("amanat",
                    {.synopsis = "Usage: amanat COMMAND [ARGS...]\n",
                     .description = kOverview,
                     .footer = "Run 'amanat COMMAND --help' for a command's own options.\n"},
                    amanat::kVersion, "print this help and exit");
    add_pack(program);
    add_feedback(program);
    add_staff(program);
    add_status(program);
    add_fleet(program);
    add_l10n(program);
    return program.run(argc, argv);
}
