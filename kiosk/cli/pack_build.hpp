#pragma once

namespace amanat::cli {

class Command;

// `amanat pack build DIR -o NAME.amanat [--sign KEYFILE]`. 0 written, 1 the
// bundle does not validate or a file cannot be read or written, 2 usage error.
void add_pack_build(Command& pack);

}  // namespace amanat::cli
