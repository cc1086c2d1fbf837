#pragma once

namespace amanat::cli {

class Command;

// amanat fleet publish [--config FILE]: the kiosk's status and feedback into its
// [fleet] outbox now (see its --help).
void add_fleet_publish(Command& fleet);

}  // namespace amanat::cli
