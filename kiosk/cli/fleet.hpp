#pragma once

namespace amanat::cli {

class Command;

// amanat fleet init|id|join|publish|accept|status: a touring exhibition's kiosks kept in step
// with the organisers' machine through Syncthing (kiosk/syncthing).
void add_fleet(Command& program);

}  // namespace amanat::cli
