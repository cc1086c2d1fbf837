#pragma once
// Names as messages show them, and as they are matched whatever their case.
#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// "\"a\", \"b\", \"c\"": names listed in a message for staff (audio outputs, keys).
std::string quoted_list(const std::vector<std::string>& names);

// `text` with A-Z made a-z and every other byte kept (key names, device names:
// ASCII compared without case, UTF-8 left alone).
std::string ascii_lower(std::string_view text);

}  // namespace amanat
