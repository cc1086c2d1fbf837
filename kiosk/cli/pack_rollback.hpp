#pragma once

namespace amanat::cli {

class Command;

// `amanat pack rollback [--root DIR] [--config FILE]`. 0 rolled back, 1 nothing
// to roll back to (or it failed), 2 usage error.
void add_pack_rollback(Command& pack);

}  // namespace amanat::cli
