#pragma once

// The signature entry (amanat-pack.sig): an Ed25519 signature over the
// manifest's exact bytes, and the public key that made it, so that a pack
// signed by an unknown key can still say whose it is. Whether that key is
// trusted is the kiosk's decision (Trust), never the pack's.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace amanat::pack {

using PublicKey = std::array<unsigned char, 32>;
using SignatureBytes = std::array<unsigned char, 64>;

struct PackSignature {
    PublicKey public_key{};
    SignatureBytes signature{};
};

// {"algorithm": "ed25519", "public_key": BASE64, "signature": BASE64}
std::string signature_json(const PackSignature& signature);
// False with `problem` when it is not a signature entry this version reads.
bool parse_signature(std::string_view text, PackSignature& signature, std::string& problem);

// True when `signature` was made over exactly `manifest` by its public key.
bool signature_matches(const PackSignature& signature, std::string_view manifest);

// A public key as `amanat pack keygen` prints it (base64 of 32 bytes).
std::optional<PublicKey> parse_public_key(std::string_view base64);
std::string public_key_text(const PublicKey& key);

}  // namespace amanat::pack
