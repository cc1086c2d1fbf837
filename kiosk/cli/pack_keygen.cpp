#include "cli/pack_keygen.hpp"

#include <cstdio>

#include "cli/command_errors.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const char* const kSynopsis = "Usage: amanat pack keygen KEYFILE\n";

const char* const kHelp =
    "\n"
    "Makes a new Ed25519 key for signing packs. The secret key goes to KEYFILE (readable\n"
    "by you alone, mode 0600; an existing file is never overwritten); the public key is\n"
    "printed, with the line to paste into each kiosk's config so it accepts your packs.\n"
    "\n"
    "Keep KEYFILE secret and backed up: whoever holds it can sign packs your kiosks\n"
    "install, and if it is lost, kiosks must be given a new public key. docs/PACKS.md\n"
    "explains where to keep it.\n"
    "\n"
    "Options:\n"
    "  -h, --help   print this help\n"
    "\n"
    "Exit status: 0 written, 1 KEYFILE exists or cannot be written, 2 usage error.\n";

const CommandErrors kErrors{"amanat pack keygen", kSynopsis};

}  // namespace

int pack_keygen(const std::vector<std::string>& args) {
    std::string file;
    for (const std::string& arg : args) {
        if (arg == "-h" || arg == "--help") {
            std::printf("%s%s", kSynopsis, kHelp);
            return 0;
        }
        if (!arg.empty() && arg[0] == '-') return kErrors.usage_error("unknown option '" + arg + "'");
        if (!file.empty())
            return kErrors.usage_error("give one key file (got '" + file + "' and '" + arg + "')");
        file = arg;
    }
    if (file.empty()) return kErrors.usage_error("where should I write the secret key? (give KEYFILE)");
    std::string error;
    const auto public_key = pack::generate_signing_key(file, error);
    if (!public_key) return kErrors.input_error(error);
    std::fprintf(stderr, "amanat pack keygen: wrote the secret key to %s (keep it secret and backed up)\n",
                 file.c_str());
    std::printf(
        "Public key: %s\n"
        "\n"
        "Kiosks accept packs signed with this key once their config says:\n"
        "\n"
        "[packs]\n"
        "trusted_keys = [\"%s\"]\n",
        public_key->c_str(), public_key->c_str());
    return 0;
}

}  // namespace amanat::cli
