#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat staff set-pin|clear-pin [--pin-file FILE] [--config FILE]`: sets the
// PIN that opens the kiosk's staff mode (stored as an Argon2id hash; see
// core/staff/staff_pin.hpp), or removes it, which turns staff mode off. `args` follow
// "staff". Returns 0 when done, 1 when the PIN or a file is wrong, 2 on usage
// errors.
int staff(const std::vector<std::string>& args);

}  // namespace amanat::cli
