#pragma once

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
};

// Parses argv (without argv[0]). On a usage error returns false and sets `error`.
bool parse_kiosk_options(const std::vector<std::string>& args, KioskOptions& options, std::string& error);

extern const char* const kKioskUsage;

}  // namespace amanat
