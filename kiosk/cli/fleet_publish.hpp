#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// amanat fleet publish [--config FILE]: the kiosk's status and feedback into its
// [fleet] outbox now (see its --help).
int fleet_publish(const std::vector<std::string>& args);

}  // namespace amanat::cli
