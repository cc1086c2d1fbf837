#pragma once

namespace amanat::cli {

class Command;

// `amanat feedback export --db FILE... [--table T] [--format csv|json] [--since DATE]
// [--until DATE] [-o FILE]`: the feedback as a tidy table, one row per observation.
// Exit 0 when written, 1 when a file cannot be read or written, 2 on usage errors.
void add_feedback_export(Command& feedback);

}  // namespace amanat::cli
