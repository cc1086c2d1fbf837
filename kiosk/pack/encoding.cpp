#include "pack/encoding.hpp"

#include <sodium.h>

namespace amanat::pack {

std::string to_base64(std::span<const unsigned char> bytes) {
    constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
    text.resize(text.size() - 1);  // the terminating NUL
    return text;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
    std::vector<unsigned char> bytes(text.size() / 4 * 3 + 3);
    std::size_t length = 0;
    // A null end pointer makes libsodium refuse any character it cannot decode.
    if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), " \t\r\n", &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    bytes.resize(length);
    return bytes;
}

std::string to_hex(std::span<const unsigned char> bytes) {
    std::string text(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), bytes.data(), bytes.size());
    text.resize(text.size() - 1);
    return text;
}

}  // namespace amanat::pack
