#pragma once

#include <string>

namespace amanat::cli {

// How an `amanat` subcommand reports a mistake, the same way everywhere:
// "amanat feedback export: MESSAGE" on stderr, and the exit status that says
// whose mistake it was.
struct CommandErrors {
    const char* command;   // "amanat feedback export"
    const char* synopsis;  // its "Usage: ..." line(s), repeated after a usage error

    // A mistake in the options: the message, the synopsis, where help is. Returns 2.
    int usage_error(const std::string& message) const;
    // The input is wrong (a missing or damaged file...): the message alone. Returns 1.
    int input_error(const std::string& message) const;
};

}  // namespace amanat::cli
