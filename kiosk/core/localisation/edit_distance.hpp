#pragma once
// How far apart two words are: the fewest single-byte insertions, deletions and
// substitutions turning one into the other (Levenshtein), for the "did you
// mean" of keys, language tags and other names staff type.
#include <cstddef>
#include <string_view>

namespace amanat {

std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace amanat
