#pragma once

namespace amanat::cli {

class Command;

// `amanat pack install PACK.amanat [--root DIR] [--config FILE] [--trust KEY]...
// [--allow-unsigned] [--json]`. 0 installed (or already active), 1 refused, 2
// usage error.
void add_pack_install(Command& pack);

}  // namespace amanat::cli
