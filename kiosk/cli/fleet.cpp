// amanat fleet: the fleet subcommands gathered. The subcommands that set up and
// pair Syncthing are in fleet_link.cpp; publishing a kiosk's outbox now in
// fleet_publish.cpp; the organisers' view of every kiosk in fleet_status.cpp.
#include "cli/fleet.hpp"

#include "cli/command_line.hpp"
#include "cli/fleet_link.hpp"
#include "cli/fleet_publish.hpp"
#include "cli/fleet_status.hpp"

namespace amanat::cli {

void add_fleet(Command& program) {
    Command& fleet = program.group(
        "fleet",
        {.synopsis = "Usage: amanat fleet SUBCOMMAND [ARGS...]\n",
         .description = "A touring exhibition's kiosks kept in step with the organisers' machine through\n"
                        "Syncthing: packs go out from the organisers' packs folder to every kiosk's inbox,\n"
                        "each kiosk's outbox comes back to the organisers' collected folder. Discovery and\n"
                        "relays are off: kiosks dial the organisers' address themselves.\n",
         .footer = "Run 'amanat fleet SUBCOMMAND --help' for each one's options; packaging/README.md\n"
                   "(\"Connecting kiosks to the organisers\") is the technician's guide.\n"});
    // Listed in this order, under "On a kiosk" and "On the organisers' machine".
    add_fleet_init(fleet);
    add_fleet_id(fleet);
    add_fleet_join(fleet);
    add_fleet_publish(fleet);
    add_fleet_accept(fleet);
    add_fleet_status(fleet);
}

}  // namespace amanat::cli
