#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

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

// One subcommand of a command, e.g. {"export", feedback_export}.
using Subcommand = std::pair<const char*, int (*)(const std::vector<std::string>&)>;

// Runs the subcommand `args[0]` names with the rest of `args`; --help prints
// `usage` (exit 0); no subcommand, or an unknown one, is a usage error (exit 2).
int run_subcommand(const char* command, const char* usage, const std::vector<std::string>& args,
                   std::initializer_list<Subcommand> subcommands);

}  // namespace amanat::cli
