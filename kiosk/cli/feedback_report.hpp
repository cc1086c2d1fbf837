#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat feedback report --db FILE... [--bundle DIR] [--attendance CSV]
// [--language TAG] [--since DATE] [--until DATE] (-o report.html | --json [-o FILE])`:
// the organisers' report of a touring exhibition as one self-contained HTML
// file, or its figures as JSON. Returns 0, 1 when an input is wrong, 2 on usage errors.
int feedback_report(const std::vector<std::string>& args);

}  // namespace amanat::cli
