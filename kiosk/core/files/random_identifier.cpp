#include "core/files/random_identifier.hpp"

#include <cstdio>
#include <random>

namespace amanat {

std::string random_identifier() {
    // std::random_device reads the kernel's random source (getrandom) on Linux.
    std::random_device source;
    std::string hex;
    hex.reserve(32);
    for (int word = 0; word < 4; ++word) {
        char digits[9];
        std::snprintf(digits, sizeof digits, "%08x", static_cast<unsigned>(source()));
        hex += digits;
    }
    return hex;
}

}  // namespace amanat
