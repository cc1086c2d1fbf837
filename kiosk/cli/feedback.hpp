#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat feedback export|summary|merge ...`: the visitors' feedback for organisers.
int feedback(const std::vector<std::string>& args);

}  // namespace amanat::cli
