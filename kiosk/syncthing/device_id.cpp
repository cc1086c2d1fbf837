#include "syncthing/device_id.hpp"

#include <array>
#include <cctype>

namespace amanat::syncthing {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kLetters = 56;  // 4 blocks of 13 letters and a check letter
constexpr std::size_t kBlock = 14;

int letter_value(char letter) {
    const std::size_t at = kAlphabet.find(letter);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Syncthing's Luhn mod 32 over a block: weights 1, 2, 1, 2... from the left.
char check_letter(std::string_view block) {
    int factor = 1;
    int sum = 0;
    for (const char letter : block) {
        const int addend = factor * letter_value(letter);
        factor = factor == 1 ? 2 : 1;
        sum += addend / 32 + addend % 32;
    }
    return kAlphabet[static_cast<std::size_t>((32 - sum % 32) % 32)];
}

}  // namespace

std::optional<std::string> canonical_device_id(std::string_view typed, std::string& problem) {
    std::string letters;
    for (const char c : typed) {
        if (c == '-' || c == ' ') continue;
        char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        // Base32 has no 0, 1 or 8: read as the letters people mistake them for.
        if (upper == '0') upper = 'O';
        if (upper == '1') upper = 'I';
        if (upper == '8') upper = 'B';
        if (letter_value(upper) < 0) {
            problem = "has '";
            problem += c;
            problem += "', which is not in a device id (only letters A-Z, digits 2-7 and dashes are)";
            return std::nullopt;
        }
        letters += upper;
    }
    if (letters.size() != kLetters) {
        problem = "has ";
        problem += std::to_string(letters.size());
        problem += " letters and digits; a device id has 56 (eight groups of seven)";
        return std::nullopt;
    }
    for (std::size_t block = 0; block < kLetters / kBlock; ++block) {
        const std::string_view body = std::string_view(letters).substr(block * kBlock, kBlock - 1);
        if (check_letter(body) != letters[block * kBlock + kBlock - 1]) {
            problem = "has a typing mistake in its letters ";
            problem += std::to_string(block * kBlock + 1);
            problem += " to ";
            problem += std::to_string(block * kBlock + kBlock);
            problem += " (their check letter does not match): copy it again from 'amanat fleet id'";
            return std::nullopt;
        }
    }
    std::string canonical;
    for (std::size_t i = 0; i < kLetters; i += 7) {
        if (!canonical.empty()) canonical += '-';
        canonical.append(letters, i, 7);
    }
    return canonical;
}

std::string short_device_id(const std::string& canonical_id) {
    return canonical_id.substr(0, 7);
}

}  // namespace amanat::syncthing
