#pragma once

#include "core/bundle.hpp"
#include "core/kiosk_options.hpp"

namespace amanat {

// Opens the window and runs the visitor screens until SIGTERM/SIGINT.
// Returns the process exit code.
int run_kiosk(const KioskOptions& options, const Exhibition& exhibition);

}  // namespace amanat
