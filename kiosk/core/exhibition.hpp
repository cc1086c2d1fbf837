#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/language_map.hpp"

namespace amanat {

// The exhibition as described by a bundle's exhibition.toml.
struct Exhibition {
    std::string id;
    LanguageMap title;
    LanguageMap subtitle;
    std::vector<std::string> languages;  // offered, in display order
};

// Reads `bundle_dir/exhibition.toml`. On failure returns nullopt and sets `error`
// to a message naming the file, the position and the problem.
std::optional<Exhibition> load_exhibition(const std::filesystem::path& bundle_dir, std::string& error);

}  // namespace amanat
