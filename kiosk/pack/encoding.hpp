#pragma once

// Keys, signatures and hashes as text: base64 for what staff copy and paste
// (keys), lower-case hex for hashes (as `b2sum` prints them). libsodium's
// constant-time codecs, since keys pass through them.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace amanat::pack {

std::string to_base64(std::span<const unsigned char> bytes);
// Spaces, tabs and line breaks are ignored; anything else that is not base64
// (or a truncated text) gives nullopt.
std::optional<std::vector<unsigned char>> from_base64(std::string_view text);

std::string to_hex(std::span<const unsigned char> bytes);

}  // namespace amanat::pack
