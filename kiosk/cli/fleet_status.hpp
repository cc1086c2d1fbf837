#pragma once

namespace amanat::cli {

class Command;

// amanat fleet status FOLDER [--json]: every kiosk heard from (see its --help).
void add_fleet_status(Command& fleet);

}  // namespace amanat::cli
