#pragma once

#include <string>

namespace amanat {

// "7.6 MB", "2.0 TB", "512 bytes": sizes in messages and progress lines, in
// decimal units like the file managers staff use.
std::string describe_bytes(long long bytes);

}  // namespace amanat
