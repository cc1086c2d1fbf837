#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat pack keygen KEYFILE`: a new signing key. 0 written, 1 the file could
// not be written (or exists), 2 usage error.
int pack_keygen(const std::vector<std::string>& args);

}  // namespace amanat::cli
