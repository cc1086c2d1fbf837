#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat pack rollback [--root DIR] [--config FILE]`. 0 rolled back, 1 nothing
// to roll back to (or it failed), 2 usage error.
int pack_rollback(const std::vector<std::string>& args);

}  // namespace amanat::cli
