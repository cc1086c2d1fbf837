#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace amanat {

// What `amanat-kiosk` was asked to do on its command line.
struct KioskOptions {
    enum class Action { Run, ShowHelp, ShowVersion };
    Action action = Action::Run;
    bool fullscreen = true;
    int width = 0;  // with --windowed
    int height = 0;
    std::filesystem::path bundle;        // empty: the default exhibition
    std::filesystem::path config;        // empty: none (built-in defaults)
    std::filesystem::path localisation;  // empty: the default catalog folder
    bool audio = true;                   // false with --no-audio
    // Test hook, parsed only in builds with AMANAT_TEST_HOOKS (kiosk/app/test_hooks/soak_driver.hpp):
    // --soak SESSIONS --soak-report FILE [--soak-seed N] plays that many synthetic
    // visitors, writes the report, and exits. 0: a kiosk for visitors.
    int soak_sessions = 0;
    std::filesystem::path soak_report;
    std::uint64_t soak_seed = 1;
};

// Parses argv (without argv[0]). On a usage error returns false and sets `error`.
bool parse_kiosk_options(const std::vector<std::string>& args, KioskOptions& options, std::string& error);

extern const char* const kKioskUsage;

}  // namespace amanat
