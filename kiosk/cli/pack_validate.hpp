#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat pack validate [--json] [--max-image-dimension N] DIR`.
// Returns 0 when valid (warnings allowed), 1 with errors, 2 on usage errors.
int pack_validate(const std::vector<std::string>& args);

}  // namespace amanat::cli
