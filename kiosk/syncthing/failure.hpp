#pragma once

#include <stdexcept>
#include <string>

namespace amanat::syncthing {

// Every function of this module that can fail throws Failure, whose message is
// a sentence for a technician: what went wrong, with the file or address, and
// what to do. The `amanat fleet` commands print it as it is (exit 1).
struct Failure : std::runtime_error {
    explicit Failure(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace amanat::syncthing
