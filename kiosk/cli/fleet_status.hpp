#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// amanat fleet status FOLDER [--json]: every kiosk heard from (see its --help).
int fleet_status(const std::vector<std::string>& args);

}  // namespace amanat::cli
