#pragma once

namespace amanat::cli {

class Command;

// The fleet subcommands that set up Syncthing and pair machines (fleet.cpp
// gathers them). Each: --help, exit 0 done, 1 bad input or Syncthing
// unreachable, 2 usage error; messages on stderr.
void add_fleet_init(Command& fleet);    // amanat fleet init
void add_fleet_id(Command& fleet);      // amanat fleet id
void add_fleet_join(Command& fleet);    // amanat fleet join (kiosk)
void add_fleet_accept(Command& fleet);  // amanat fleet accept (organisers)

}  // namespace amanat::cli
