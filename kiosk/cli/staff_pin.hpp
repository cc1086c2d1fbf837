#pragma once

namespace amanat::cli {

class Command;

// `amanat staff set-pin|clear-pin [--pin-file FILE] [--config FILE]`: sets the
// PIN that opens the kiosk's staff mode (stored as an Argon2id hash; see
// core/staff/staff_pin.hpp), or removes it, which turns staff mode off. Exit 0
// when done, 1 when the PIN or a file is wrong, 2 on usage errors.
void add_staff(Command& program);

}  // namespace amanat::cli
