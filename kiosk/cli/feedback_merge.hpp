#pragma once

namespace amanat::cli {

class Command;

// `amanat feedback merge --into OUT.sqlite IN.sqlite... [--json]`: gathers the
// kiosks' files into one; rows already there are not added again. Exit 0,
// 1 when a file cannot be read or written, 2 on usage errors.
void add_feedback_merge(Command& feedback);

}  // namespace amanat::cli
