#pragma once

namespace amanat::cli {

class Command;

// `amanat status [--file FILE] [--json]`: the kiosk's health from its status
// file. 0 when the file is fresh, 1 when missing, unreadable or stale, 2 on
// usage errors.
void add_status(Command& program);

}  // namespace amanat::cli
