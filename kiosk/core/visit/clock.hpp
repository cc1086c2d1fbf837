#pragma once

#include <cstdint>

namespace amanat {

// Milliseconds on a monotonic clock. Core logic takes the time as an argument
// (an injected clock) so that tests can drive it without waiting.
using Millis = std::int64_t;

}  // namespace amanat
