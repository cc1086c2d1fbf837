// amanat fleet: the dispatcher of the fleet subcommands. The subcommands that
// set up and pair Syncthing are in fleet_link.cpp; publishing a kiosk's outbox
// now in fleet_publish.cpp; the organisers' view of every kiosk in fleet_status.cpp.
#include "cli/fleet.hpp"

#include "cli/command_errors.hpp"
#include "cli/fleet_link.hpp"
#include "cli/fleet_publish.hpp"
#include "cli/fleet_status.hpp"

namespace amanat::cli {
namespace {

const char* const kUsage =
    "Usage: amanat fleet SUBCOMMAND [ARGS...]\n"
    "\n"
    "A touring exhibition's kiosks kept in step with the organisers' machine through\n"
    "Syncthing: packs go out from the organisers' packs folder to every kiosk's inbox,\n"
    "each kiosk's outbox comes back to the organisers' collected folder. Discovery and\n"
    "relays are off: kiosks dial the organisers' address themselves.\n"
    "\n"
    "On a kiosk:\n"
    "  init                 prepare this machine's Syncthing (before its first start) and\n"
    "                       print its device id\n"
    "  id                   print this machine's device id\n"
    "  join ORGANISER-ID ADDRESS\n"
    "                       receive the organisers' packs, send them this kiosk's outbox\n"
    "  publish              write this kiosk's status and feedback into its outbox now\n"
    "On the organisers' machine:\n"
    "  accept KIOSK-ID      send a kiosk the packs, collect its outbox\n"
    "  status FOLDER        every kiosk heard from: venue, last heard, exhibition, visits\n"
    "\n"
    "Run 'amanat fleet SUBCOMMAND --help' for each one's options; packaging/README.md\n"
    "(\"Connecting kiosks to the organisers\") is the technician's guide.\n";

}  // namespace

int fleet(const std::vector<std::string>& args) {
    return run_subcommand("amanat fleet", kUsage, args,
                          {
                              {"init", fleet_init},
                              {"id", fleet_id},
                              {"join", fleet_join},
                              {"publish", fleet_publish},
                              {"accept", fleet_accept},
                              {"status", fleet_status},
                          });
}

}  // namespace amanat::cli
