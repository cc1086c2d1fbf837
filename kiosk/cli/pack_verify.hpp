#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat pack verify FILE [--trust KEY]... [--config FILE] [--allow-unsigned]
// [--json]`. 0 the pack is intact and acceptable, 1 it is not (or cannot be
// read), 2 usage error.
int pack_verify(const std::vector<std::string>& args);

}  // namespace amanat::cli
