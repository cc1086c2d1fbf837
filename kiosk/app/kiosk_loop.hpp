#pragma once

#include "core/bundle.hpp"
#include "core/catalog.hpp"
#include "core/kiosk_config.hpp"
#include "core/kiosk_options.hpp"

namespace amanat {

// Opens the window and runs the visitor screens until SIGTERM/SIGINT.
// Returns the process exit code.
int run_kiosk(const KioskOptions& options, const Bundle& bundle, const KioskConfig& config,
              const TranslationCatalogs& catalogs);

}  // namespace amanat
