#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat feedback summary --db FILE... [--since DATE] [--until DATE] [--top N] [--json]`:
// visitors per day and hour, languages, the artifacts most reacted to and looked
// at, survey answers and venues, for a terminal or (--json) for programs.
// Returns 0, 1 when a file cannot be read, 2 on usage errors.
int feedback_summary(const std::vector<std::string>& args);

}  // namespace amanat::cli
