// install_crasher: runs one install (or rollback) with the pack module built
// with crash points (amanat_pack_with_crash_points), and SIGKILLs itself at
// the Nth point, where N is AMANAT_CRASH_AT. Without it (or 0) it runs to the
// end and prints "points N", the number of points passed, so the kill test
// knows how many places there are to stop at.
//
//   install_crasher install ROOT PACK PUBLIC_KEY
//   install_crasher rollback ROOT
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "pack/crash_point.hpp"
#include "pack/packs.hpp"

namespace {
long long g_passed = 0;
}  // namespace

namespace amanat::pack {

void crash_point(const char* step) {
    static const long long crash_at = [] {
        const char* text = std::getenv("AMANAT_CRASH_AT");
        return text != nullptr ? std::atoll(text) : 0LL;
    }();
    ++g_passed;
    if (std::getenv("AMANAT_CRASH_TRACE") != nullptr) std::fprintf(stderr, "%lld %s\n", g_passed, step);
    if (g_passed == crash_at) std::raise(SIGKILL);
}

}  // namespace amanat::pack

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (!((mode == "install" && argc == 5) || (mode == "rollback" && argc == 3))) {
        std::fprintf(stderr, "Usage: install_crasher install ROOT PACK PUBLIC_KEY | rollback ROOT\n");
        return 2;
    }
    amanat::pack::InstalledPacks packs(argv[2]);
    bool ok = false;
    std::string message;
    if (mode == "install") {
        const auto outcome = packs.install(argv[3], amanat::pack::Trust{{argv[4]}, false}, {}, {});
        ok = outcome.ok;
        message = outcome.message;
    } else {
        ok = packs.rollback(message);
    }
    std::printf("points %lld\n", g_passed);
    if (!ok) std::fprintf(stderr, "install_crasher: %s\n", message.c_str());
    return ok ? 0 : 1;
}
