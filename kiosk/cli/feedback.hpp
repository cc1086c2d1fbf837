#pragma once

namespace amanat::cli {

class Command;

// `amanat feedback export|summary|merge ...`: the visitors' feedback for organisers.
void add_feedback(Command& program);

}  // namespace amanat::cli
