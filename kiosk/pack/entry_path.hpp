#pragma once

// Which paths a pack may hold. Checked on every name in the manifest and every
// entry in the archive before anything is written, so that extraction cannot
// land outside the staging folder or make a name the kiosk cannot show.

#include <string>
#include <string_view>

namespace amanat::pack {

// Why `path` (bundle-relative, '/'-separated) is not acceptable, as words for
// staff ("it goes up a folder (\"..\")"), or "" when it is: UTF-8 text without
// control characters or backslashes, relative, no "." or ".." or empty parts,
// at most 255 bytes a part and 1024 in all.
std::string unsafe_path_reason(std::string_view path);

}  // namespace amanat::pack
