// A pack's signature entry (amanat-pack.sig) through pack/pack_signature, its
// check against a manifest, and the same bytes read as what else holds keys:
// a trusted public key as kiosk.toml lists it, and a secret key file as
// `amanat pack build --sign KEYFILE` reads it (pack/signing_key).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "pack/pack_signature.hpp"
#include "pack/signing_key.hpp"

using namespace amanat;

namespace {

constexpr std::string_view kManifest = "{\n\"format\": \"amanat-pack\",\n\"format_version\": 1\n}\n";

void read_as_signature(std::string_view text) {
    pack::PackSignature signature;
    std::string problem;
    if (!pack::parse_signature(text, signature, problem)) {
        fuzzing::expect(!problem.empty(), "a signature is refused without saying why");
        return;
    }
    pack::signature_matches(signature, kManifest);
    // What a build writes reads back as the same signature.
    pack::PackSignature again;
    fuzzing::expect(pack::parse_signature(pack::signature_json(signature), again, problem) &&
                        again.public_key == signature.public_key && again.signature == signature.signature,
                    "a signature written again does not read back");
}

void read_as_secret_key(std::string_view text) {
    const auto file = fuzzing::scratch_folder() / "signing-key";
    fuzzing::write_bytes(file, text);
    std::string error;
    if (const auto key = pack::SigningKey::load(file, error)) {
        // A key that loads signs, and its signature is its own.
        fuzzing::expect(pack::signature_matches(key->sign(kManifest), kManifest),
                        "a signing key that loads makes signatures that do not match");
    } else {
        fuzzing::expect(!error.empty(), "a signing key is refused without saying why");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzzing::text_of(data, size);
    read_as_signature(text);
    if (const auto key = pack::parse_public_key(text))
        fuzzing::expect(pack::parse_public_key(pack::public_key_text(*key)) == key,
                        "a public key written again does not read back");
    read_as_secret_key(text);
    return 0;
}
