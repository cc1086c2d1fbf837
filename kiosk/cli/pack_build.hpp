#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat pack build DIR -o NAME.amanat [--sign KEYFILE]`. 0 written, 1 the
// bundle does not validate or a file cannot be read or written, 2 usage error.
int pack_build(const std::vector<std::string>& args);

}  // namespace amanat::cli
