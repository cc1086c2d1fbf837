#pragma once

namespace amanat::cli {

class Command;

// `amanat feedback summary --db FILE... [--since DATE] [--until DATE] [--top N] [--json]`:
// visitors per day and hour, languages, the artifacts most reacted to and looked
// at, survey answers and venues, for a terminal or (--json) for programs.
// Exit 0 when done, 1 when a file cannot be read, 2 on usage errors.
void add_feedback_summary(Command& feedback);

}  // namespace amanat::cli
