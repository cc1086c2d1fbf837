#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// The fleet subcommands that set up Syncthing and pair machines (fleet.cpp
// dispatches to them). Each: --help, exit 0 done, 1 bad input or Syncthing
// unreachable, 2 usage error; messages on stderr.
int fleet_init(const std::vector<std::string>& args);    // amanat fleet init
int fleet_id(const std::vector<std::string>& args);      // amanat fleet id
int fleet_join(const std::vector<std::string>& args);    // amanat fleet join (kiosk)
int fleet_accept(const std::vector<std::string>& args);  // amanat fleet accept (organisers)

}  // namespace amanat::cli
