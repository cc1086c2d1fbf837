#pragma once

// Which of two versions of one exhibition is newer, so that an install never
// puts back, unasked, content a newer pack replaced (docs/PACKS.md, "Older
// packs"). The version is the one exhibition.toml gives ("2026.11.1") and the
// signed manifest repeats.

#include <compare>
#include <string_view>

namespace amanat::pack {

// Compares dotted versions part by part, from the left: parts made only of
// digits compare as numbers (2026.9.1 < 2026.10.1, 007 == 7), any other part
// compares as text, byte by byte (2026.11.1 < 2026.11.1b), and a missing part
// counts as 0 (2026.11 == 2026.11.0).
std::strong_ordering compare_versions(std::string_view a, std::string_view b);

}  // namespace amanat::pack
