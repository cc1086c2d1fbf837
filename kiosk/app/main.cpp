// amanat-kiosk: what visitors see.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/kiosk_loop.hpp"
#include "core/bundle_loader.hpp"
#include "core/catalog.hpp"
#include "core/kiosk_config.hpp"
#include "core/kiosk_options.hpp"
#include "core/version.hpp"

namespace {

void log_diagnostics(const amanat::Diagnostics& diagnostics) {
    for (const amanat::Diagnostic& d : diagnostics.items()) {
        std::fprintf(stderr, "amanat-kiosk: %s: %s:%d: %s (fix: %s)\n", amanat::severity_name(d.severity),
                     d.file.c_str(), d.line, d.message.c_str(), d.fix.c_str());
    }
}

}  // namespace

int main(int argc, char** argv) {
    // A file that reaches the system's size limit must fail its write (the
    // feedback store logs it and visitors carry on), not end the kiosk.
    std::signal(SIGXFSZ, SIG_IGN);
    const std::vector<std::string> args(argv + 1, argv + argc);
    amanat::KioskOptions options;
    std::string error;
    if (!amanat::parse_kiosk_options(args, options, error)) {
        std::fprintf(stderr, "amanat-kiosk: %s\n\n%s", error.c_str(), amanat::kKioskUsage);
        return 2;
    }
    switch (options.action) {
        case amanat::KioskOptions::Action::ShowHelp:
            std::fputs(amanat::kKioskUsage, stdout);
            return 0;
        case amanat::KioskOptions::Action::ShowVersion:
            std::printf("amanat-kiosk %s\n", amanat::kVersion);
            return 0;
        case amanat::KioskOptions::Action::Run:
            break;
    }
    if (options.bundle.empty()) options.bundle = AMANAT_DEFAULT_BUNDLE;
    if (options.localisation.empty()) options.localisation = AMANAT_DEFAULT_LOCALISATION;

    amanat::KioskConfig config;
    if (!options.config.empty()) {
        amanat::Diagnostics problems;
        config = amanat::load_kiosk_config(options.config, problems);
        log_diagnostics(problems);
    }
    amanat::Diagnostics catalog_problems;
    const auto catalogs = amanat::TranslationCatalogs::load(options.localisation, catalog_problems);
    log_diagnostics(catalog_problems);

    std::error_code unreadable;
    if (!std::filesystem::is_directory(options.bundle, unreadable)) {
        // A path that names no folder is a mistake on the command line, not a
        // broken exhibition: say so and stop.
        std::fprintf(stderr, "amanat-kiosk: %s is not a folder; give the exhibition bundle's folder\n",
                     options.bundle.c_str());
        return 1;
    }
    amanat::LoadedBundle loaded = amanat::load_bundle(options.bundle);
    log_diagnostics(loaded.diagnostics);
    if (!loaded.bundle || loaded.bundle->artifacts.empty()) {
        // Visitors get a calm "short break" screen rather than a desktop, and the
        // kiosk stays up until staff fix the bundle and restart it.
        std::fprintf(stderr,
                     "amanat-kiosk: cannot show the exhibition in %s; showing the out-of-order screen. "
                     "Run 'amanat pack validate %s' to see what to fix\n",
                     options.bundle.c_str(), options.bundle.c_str());
        amanat::Bundle nothing;
        nothing.root = options.bundle;
        return amanat::run_kiosk(options, nothing, config, catalogs);
    }
    return amanat::run_kiosk(options, *loaded.bundle, config, catalogs);
}
