#pragma once

// The hash of every file in a pack, and of its manifest: BLAKE2b with a 256-bit
// digest (libsodium's crypto_generichash), unkeyed. It is what
// `b2sum -l 256 FILE` prints, so staff can check one file by hand. Chosen over
// SHA-256 because libsodium's BLAKE2b is several times faster on kiosk CPUs
// (its SHA-256 has no SHA-NI path); docs/PACKS.md has the numbers.

#include <sodium.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace amanat::pack {

inline constexpr std::string_view kHashName = "blake2b-256";
inline constexpr std::size_t kHashBytes = 32;

// One hash computed over bytes given in pieces. Not thread-safe (one per file).
class ContentHash {
  public:
    ContentHash();
    void add(const void* data, std::size_t size);
    // Lower-case hex, 64 characters. Call once.
    std::string hex_digest();

    static std::string of(std::string_view bytes);

  private:
    crypto_generichash_state m_state;
};

}  // namespace amanat::pack
