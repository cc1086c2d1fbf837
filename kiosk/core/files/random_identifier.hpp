#pragma once

#include <string>

namespace amanat {

// A fresh random identifier: 128 bits from the operating system's random
// source, as 32 lowercase hex digits. Derived from nothing (no time, no device).
std::string random_identifier();

}  // namespace amanat
