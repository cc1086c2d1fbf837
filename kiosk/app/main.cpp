// amanat-kiosk: what visitors see.
#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "app/exhibition_source.hpp"
#include "app/kiosk_loop.hpp"
#include "core/exhibition/script_languages.hpp"
#include "core/localisation/catalog.hpp"
#include "core/settings/data_folders.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/settings/kiosk_options.hpp"
#include "core/version.hpp"

namespace {

void log_diagnostics(const amanat::Diagnostics& diagnostics) {
    for (const amanat::Diagnostic& d : diagnostics.items()) {
        std::fprintf(stderr, "amanat-kiosk: %s: %s:%d: %s (fix: %s)\n", amanat::severity_name(d.severity),
                     d.file.c_str(), d.line, d.message.c_str(), d.fix.c_str());
    }
}

// Staff's "Restart the kiosk": the same program again, in place, with the same
// arguments (a fresh process: settings, PIN and exhibition read anew).
// Every way out says so in the journal: under cage, whose own exit status does
// not pass the kiosk's on, this line is how a technician (and the tests) tell a
// clean stop (0) from a failure (1).
int restart_if_asked(int status, char** argv) {
    if (status == amanat::kRestartKiosk) {
        execv("/proc/self/exe", argv);
        std::fprintf(stderr, "amanat-kiosk: cannot restart: %s; stopping instead\n", std::strerror(errno));
        status = 0;
    }
    std::fprintf(stderr, "amanat-kiosk: exiting with status %d\n", status);
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    // A file that reaches the system's size limit must fail its write (the
    // feedback store logs it and visitors carry on), not end the kiosk.
    std::signal(SIGXFSZ, SIG_IGN);
    // Pictures (megabytes each: decoded, shrunk, uploaded, freed, and evicted
    // from the texture cache) must go back to the system when freed. glibc would
    // raise its mmap threshold past their size after the first one and keep
    // them in the heap, which small allocations then fragment: the kiosk grew by
    // about one picture per artifact viewed, to 3 GiB after 500 (BENCHMARKS.md 5).
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
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
    const bool bundle_given = !options.bundle.empty();
    const amanat::DataFolders data = amanat::data_folders(AMANAT_DEFAULT_LOCALISATION, AMANAT_DEFAULT_BUNDLE);
    if (options.localisation.empty()) options.localisation = data.localisation;

    amanat::KioskConfig config;
    if (!options.config.empty()) {
        amanat::Diagnostics problems;
        config = amanat::load_kiosk_config(options.config, problems);
        log_diagnostics(problems);
    }
    // The interface's catalogs (every language's PO file) and the script rules
    // (ICU compiles them) are read side by side: each is a quarter of the time
    // to the first frame. Neither shares anything with the other.
    amanat::Diagnostics script_problems;
    auto compiling_scripts = std::async(std::launch::async, [&options, &script_problems] {
        return amanat::ScriptLanguages::load(options.localisation, script_problems);
    });
    amanat::Diagnostics catalog_problems;
    const auto catalogs = amanat::TranslationCatalogs::load(options.localisation, catalog_problems);
    const auto scripts = compiling_scripts.get();
    log_diagnostics(catalog_problems);
    log_diagnostics(script_problems);

    if (!bundle_given) {
        // The active installed pack, or the exhibition built in until one is.
        const auto root = amanat::packs_root_of(config);
        return restart_if_asked(
            amanat::run_kiosk(options, amanat::ExhibitionSource::installed(root, data.exhibition), config,
                              catalogs, scripts),
            argv);
    }
    std::error_code unreadable;
    if (!std::filesystem::is_directory(options.bundle, unreadable)) {
        // A path that names no folder is a mistake on the command line, not a
        // broken exhibition: say so and stop.
        std::fprintf(stderr, "amanat-kiosk: %s is not a folder; give the exhibition bundle's folder\n",
                     options.bundle.c_str());
        return 1;
    }
    return restart_if_asked(amanat::run_kiosk(options, amanat::ExhibitionSource::fixed(options.bundle),
                                              config, catalogs, scripts),
                            argv);
}
