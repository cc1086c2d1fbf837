#include "pack/pack_signature.hpp"

#include <sodium.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "pack/encoding.hpp"

namespace amanat::pack {

std::string signature_json(const PackSignature& s) {
    return nlohmann::json{{"algorithm", "ed25519"},
                          {"public_key", to_base64(s.public_key)},
                          {"signature", to_base64(s.signature)}}
               .dump() +
           "\n";
}

bool parse_signature(std::string_view text, PackSignature& signature, std::string& problem) {
    const auto document = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        problem = "its signature (amanat-pack.sig) is not valid JSON";
        return false;
    }
    const auto algorithm = document.find("algorithm");
    const auto key = document.find("public_key");
    const auto value = document.find("signature");
    if (algorithm == document.end() || *algorithm != "ed25519" || key == document.end() ||
        !key->is_string() || value == document.end() || !value->is_string()) {
        problem = "its signature (amanat-pack.sig) is not an Ed25519 signature";
        return false;
    }
    const auto public_key = parse_public_key(key->get<std::string>());
    const auto bytes = from_base64(value->get<std::string>());
    if (!public_key || !bytes || bytes->size() != signature.signature.size()) {
        problem = "its signature (amanat-pack.sig) is malformed";
        return false;
    }
    signature.public_key = *public_key;
    std::copy(bytes->begin(), bytes->end(), signature.signature.begin());
    return true;
}

bool signature_matches(const PackSignature& s, std::string_view manifest) {
    if (sodium_init() < 0) return false;
    return crypto_sign_verify_detached(s.signature.data(),
                                       reinterpret_cast<const unsigned char*>(manifest.data()),
                                       manifest.size(), s.public_key.data()) == 0;
}

std::optional<PublicKey> parse_public_key(std::string_view base64) {
    const auto bytes = from_base64(base64);
    if (!bytes || bytes->size() != PublicKey{}.size()) return std::nullopt;
    PublicKey key{};
    std::copy(bytes->begin(), bytes->end(), key.begin());
    return key;
}

std::string public_key_text(const PublicKey& key) {
    return to_base64(key);
}

}  // namespace amanat::pack
