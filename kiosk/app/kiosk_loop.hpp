#pragma once

#include "app/exhibition_source.hpp"
#include "core/exhibition/script_languages.hpp"
#include "core/localisation/catalog.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/settings/kiosk_options.hpp"

namespace amanat {

// What run_kiosk() returns when staff asked for a restart: main() then starts
// the program again in place (execv), with the same arguments.
inline constexpr int kRestartKiosk = 75;

// Opens the window and runs the visitor screens until SIGTERM/SIGINT, showing
// the exhibition `source` names, and the next one it names, between visitors.
// An exhibition that cannot be shown gets the out-of-order screen. Returns the
// process exit code.
int run_kiosk(const KioskOptions& options, const ExhibitionSource& source, const KioskConfig& config,
              const TranslationCatalogs& catalogs, const ScriptLanguages& scripts);

}  // namespace amanat
