#pragma once

namespace amanat::cli {

class Command;

// `amanat pack validate [--json] [--max-image-dimension N] DIR`.
// Exit 0 when valid (warnings allowed), 1 with errors, 2 on usage errors.
void add_pack_validate(Command& pack);

}  // namespace amanat::cli
