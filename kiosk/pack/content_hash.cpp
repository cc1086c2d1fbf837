#include "pack/content_hash.hpp"

#include <array>
#include <cstdlib>

#include "pack/encoding.hpp"

namespace amanat::pack {

ContentHash::ContentHash() {
    // Idempotent and thread-safe; it picks the fastest BLAKE2b for this CPU.
    if (sodium_init() < 0) std::abort();  // no usable CPU features or random source: nothing is safe
    crypto_generichash_init(&m_state, nullptr, 0, kHashBytes);
}

void ContentHash::add(const void* data, std::size_t size) {
    crypto_generichash_update(&m_state, static_cast<const unsigned char*>(data), size);
}

std::string ContentHash::hex_digest() {
    std::array<unsigned char, kHashBytes> digest{};
    crypto_generichash_final(&m_state, digest.data(), digest.size());
    return to_hex(digest);
}

std::string ContentHash::of(std::string_view bytes) {
    ContentHash hash;
    hash.add(bytes.data(), bytes.size());
    return hash.hex_digest();
}

}  // namespace amanat::pack
