#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat status [--file FILE] [--json]`: the kiosk's health from its status
// file. 0 when the file is fresh, 1 when missing, unreadable or stale, 2 on
// usage errors.
int status(const std::vector<std::string>& args);

}  // namespace amanat::cli
