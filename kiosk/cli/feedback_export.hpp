#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat feedback export --db FILE... [--table T] [--format csv|json] [--since DATE]
// [--until DATE] [-o FILE]`: the feedback as a tidy table, one row per observation.
// Returns 0 when written, 1 when a file cannot be read or written, 2 on usage errors.
int feedback_export(const std::vector<std::string>& args);

}  // namespace amanat::cli
