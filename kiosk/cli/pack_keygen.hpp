#pragma once

namespace amanat::cli {

class Command;

// `amanat pack keygen KEYFILE`: a new signing key. 0 written, 1 the file could
// not be written (or exists), 2 usage error.
void add_pack_keygen(Command& pack);

}  // namespace amanat::cli
