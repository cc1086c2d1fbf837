#pragma once

namespace amanat::cli {

class Command;

// `amanat pack verify FILE [--trust KEY]... [--config FILE] [--allow-unsigned]
// [--json]`. 0 the pack is intact and acceptable, 1 it is not (or cannot be
// read), 2 usage error.
void add_pack_verify(Command& pack);

}  // namespace amanat::cli
