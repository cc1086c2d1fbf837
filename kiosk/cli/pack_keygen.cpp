#include "cli/pack_keygen.hpp"

#include <cstdio>
#include <memory>

#include "cli/command_line.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "keygen KEYFILE",
    .summary = "make a key to sign packs with; prints its public key",
    .synopsis = "Usage: amanat pack keygen KEYFILE\n",
    .description =
        "Makes a new Ed25519 key for signing packs. The secret key goes to KEYFILE (readable\n"
        "by you alone, mode 0600; an existing file is never overwritten); the public key is\n"
        "printed, with the line to paste into each kiosk's config so it accepts your packs.\n"
        "\n"
        "Keep KEYFILE secret and backed up: whoever holds it can sign packs your kiosks\n"
        "install, and if it is lost, kiosks must be given a new public key. docs/PACKS.md\n"
        "explains where to keep it.\n",
    .footer = "Exit status: 0 written, 1 KEYFILE exists or cannot be written, 2 usage error.\n",
};

int keygen(const std::string& file, const Command& command) {
    std::string error;
    const auto public_key = pack::generate_signing_key(file, error);
    if (!public_key) return command.input_error(error);
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

}  // namespace

void add_pack_keygen(Command& pack) {
    const auto file = std::make_shared<std::string>();
    Command& command = pack.command("keygen", kText, [file](const Command& c) { return keygen(*file, c); });
    command.operand("KEYFILE", *file, "where should I write the secret key? (give KEYFILE)");
}

}  // namespace amanat::cli
