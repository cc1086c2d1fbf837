#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// amanat fleet init|id|join|accept: a touring exhibition's kiosks kept in step
// with the organisers' machine through Syncthing (kiosk/syncthing).
int fleet(const std::vector<std::string>& args);

}  // namespace amanat::cli
