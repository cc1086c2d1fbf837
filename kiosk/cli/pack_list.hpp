#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat pack list [--root DIR] [--config FILE] [--json] [--find [FOLDER...]]`.
// 0 listed, 1 the packs folder cannot be read, 2 usage error.
int pack_list(const std::vector<std::string>& args);

}  // namespace amanat::cli
