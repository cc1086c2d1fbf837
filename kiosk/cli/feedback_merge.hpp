#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat feedback merge --into OUT.sqlite IN.sqlite... [--json]`: gathers the
// kiosks' files into one; rows already there are not added again. Returns 0,
// 1 when a file cannot be read or written, 2 on usage errors.
int feedback_merge(const std::vector<std::string>& args);

}  // namespace amanat::cli
