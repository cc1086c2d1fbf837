#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat pack install PACK.amanat [--root DIR] [--config FILE] [--trust KEY]...
// [--allow-unsigned] [--json]`. 0 installed (or already active), 1 refused, 2
// usage error.
int pack_install(const std::vector<std::string>& args);

}  // namespace amanat::cli
