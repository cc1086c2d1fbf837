#pragma once

#include <string>

#include "pack/packs.hpp"

namespace amanat::cli {

// One installed pack as a JSON object, as `pack list --json` lists them and
// `pack install --json` names the one it installed.
std::string pack_json(const pack::InstalledPack& p);

}  // namespace amanat::cli
