// amanat: the command-line tool for museum staff and organisers.
//
// Conventions: messages on stderr; exit 0 on success, 1 when the input is wrong,
// 2 on usage errors; --json where a machine reads the output.
#include <cstdio>
#include <cstring>
#include <string>

#include "core/version.hpp"

namespace {

const char* const kUsage =
    "Usage: amanat COMMAND [ARGS...]\n"
    "\n"
    "The Amanat exhibition kiosk's tool for museum staff and organisers.\n"
    "\n"
    "Commands:\n"
    "  pack validate DIR   check an exhibition bundle and explain every problem\n"
    "\n"
    "Options:\n"
    "  --version           print the version and exit\n"
    "  -h, --help          print this help and exit\n"
    "\n"
    "Run 'amanat COMMAND --help' for a command's own options.\n";

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const std::string command = argv[1];
    if (command == "-h" || command == "--help" || command == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("amanat %s\n", amanat::kVersion);
        return 0;
    }
    std::fprintf(stderr, "amanat: unknown command '%s'\n\n%s", command.c_str(), kUsage);
    return 2;
}
