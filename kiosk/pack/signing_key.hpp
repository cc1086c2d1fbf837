#pragma once

// The museum's secret signing key, read from the file `amanat pack keygen`
// wrote: a comment, then libsodium's 64-byte Ed25519 secret key in base64.
// The secret is wiped from memory when the key goes away.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "pack/pack_signature.hpp"

namespace amanat::pack {

class SigningKey {
  public:
    // False/nullopt with `error` naming the file and what is wrong with it.
    static std::optional<SigningKey> load(const std::filesystem::path& file, std::string& error);
    static SigningKey generate();

    SigningKey(const SigningKey& other) = default;
    SigningKey& operator=(const SigningKey& other) = default;
    ~SigningKey();

    PackSignature sign(std::string_view manifest) const;
    const PublicKey& public_key() const { return m_public; }

    // The key file's text (what generate_signing_key() writes).
    std::string file_text() const;

  private:
    SigningKey() = default;

    std::array<unsigned char, 64> m_secret{};
    PublicKey m_public{};
};

}  // namespace amanat::pack
