#pragma once

namespace amanat::cli {

class Command;

// `amanat feedback report --db FILE... [--bundle DIR] [--attendance CSV]
// [--language TAG] [--since DATE] [--until DATE] (-o report.html | --json [-o FILE])`:
// the organisers' report of a touring exhibition as one self-contained HTML
// file, or its figures as JSON. Exit 0, 1 when an input is wrong, 2 on usage errors.
void add_feedback_report(Command& feedback);

}  // namespace amanat::cli
