#pragma once

namespace amanat::cli {

class Command;

// `amanat pack list [--root DIR] [--config FILE] [--available] [--json]`.
// 0 listed, 1 the packs folder cannot be read, 2 usage error.
void add_pack_list(Command& pack);

}  // namespace amanat::cli
