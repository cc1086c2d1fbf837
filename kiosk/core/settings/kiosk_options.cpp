#include "core/settings/kiosk_options.hpp"

#include <charconv>

namespace amanat {

const char* const kKioskUsage =
    "Usage: amanat-kiosk [OPTIONS] [--bundle DIR]\n"
    "\n"
    "Shows an exhibition to visitors, full screen.\n"
    "\n"
    "Options:\n"
    "  --bundle DIR             the exhibition bundle folder (default: the installed\n"
    "                           exhibition, or the sample when run from a build tree)\n"
    "  --config FILE            the kiosk's settings: idle timeout, the venue's languages,\n"
    "                           text size, screen size (see packaging/kiosk.toml)\n"
    "  --localisation DIR       the folder of the kiosk's translation catalogs (*.po)\n"
    "  --windowed WIDTHxHEIGHT  run in a window of that size (for development)\n"
    "  --no-audio               play narration and films without sound output (for a\n"
    "                           kiosk without speakers, and for tests)\n"
#ifdef AMANAT_TEST_HOOKS
    // Test hooks (this build has them; a release build does not know these options).
    "  --soak SESSIONS          test hook: play SESSIONS synthetic visitors (taps, swipes,\n"
    "                           pinches, idle resets, pack switches) on an accelerated\n"
    "                           clock, write --soak-report, then exit\n"
    "  --soak-report FILE       where --soak writes its report (JSON)\n"
    "  --soak-seed N            the synthetic visitors' random seed (default 1)\n"
#endif
    "  --version                print the version and exit\n"
    "  -h, --help               print this help and exit\n";

namespace {

bool parse_size(const std::string& text, int& width, int& height) {
    const auto x = text.find('x');
    if (x == std::string::npos) return false;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    auto w = std::from_chars(begin, begin + x, width);
    auto h = std::from_chars(begin + x + 1, end, height);
    return w.ec == std::errc{} && w.ptr == begin + x && h.ec == std::errc{} && h.ptr == end && width >= 320 &&
           height >= 240 && width <= 16384 && height <= 16384;
}

#ifdef AMANAT_TEST_HOOKS
// A whole number from 1 to `most`, all of `text`.
bool parse_count(const std::string& text, unsigned long long most, unsigned long long& value) {
    const char* end = text.data() + text.size();
    const auto parsed = std::from_chars(text.data(), end, value);
    return parsed.ec == std::errc{} && parsed.ptr == end && value >= 1 && value <= most;
}
#endif

}  // namespace

bool parse_kiosk_options(const std::vector<std::string>& args, KioskOptions& options, std::string& error) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-h" || arg == "--help") {
            options.action = KioskOptions::Action::ShowHelp;
        } else if (arg == "--version") {
            options.action = KioskOptions::Action::ShowVersion;
        } else if (arg == "--no-audio") {
            options.audio = false;
        } else if (arg == "--windowed") {
            if (i + 1 == args.size() || !parse_size(args[i + 1], options.width, options.height)) {
                error = "--windowed needs a size such as 1280x720 (from 320x240 to 16384x16384)";
                return false;
            }
            options.fullscreen = false;
            ++i;
        } else if (arg == "--bundle" || arg == "--config" || arg == "--localisation") {
            if (i + 1 == args.size() || args[i + 1].empty()) {
                error = arg + " needs a path";
                return false;
            }
            std::filesystem::path& target = arg == "--bundle"   ? options.bundle
                                            : arg == "--config" ? options.config
                                                                : options.localisation;
            if (arg == "--bundle" && !options.bundle.empty()) {
                error = "only one bundle folder may be given";
                return false;
            }
            target = args[++i];
#ifdef AMANAT_TEST_HOOKS
        } else if (arg == "--soak" || arg == "--soak-seed") {
            unsigned long long value = 0;
            const bool sessions = arg == "--soak";
            if (i + 1 == args.size() || !parse_count(args[i + 1], sessions ? 10'000'000 : ~0ULL, value)) {
                error = sessions ? "--soak needs a number of sessions from 1 to 10000000"
                                 : "--soak-seed needs a whole number from 1";
                return false;
            }
            if (sessions) {
                options.soak_sessions = static_cast<int>(value);
            } else {
                options.soak_seed = value;
            }
            ++i;
        } else if (arg == "--soak-report") {
            if (i + 1 == args.size() || args[i + 1].empty()) {
                error = "--soak-report needs a path";
                return false;
            }
            options.soak_report = args[++i];
#endif
        } else if (!arg.empty() && arg[0] == '-') {
            error = "unknown option '" + arg + "'";
            return false;
        } else if (options.bundle.empty()) {
            options.bundle = arg;
        } else {
            error = "only one bundle folder may be given (got '" + options.bundle.string() + "' and '" + arg +
                    "')";
            return false;
        }
    }
#ifdef AMANAT_TEST_HOOKS
    if (options.action == KioskOptions::Action::Run &&
        (options.soak_sessions > 0) != !options.soak_report.empty()) {
        error = "--soak and --soak-report go together: --soak SESSIONS --soak-report FILE";
        return false;
    }
#endif
    return true;
}

}  // namespace amanat
