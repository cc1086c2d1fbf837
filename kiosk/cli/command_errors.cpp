#include "cli/command_errors.hpp"

#include <cstdio>

namespace amanat::cli {

int CommandErrors::usage_error(const std::string& message) const {
    std::fprintf(stderr, "%s: %s\n\n%sRun '%s --help' for more.\n", command, message.c_str(), synopsis,
                 command);
    return 2;
}

int CommandErrors::input_error(const std::string& message) const {
    std::fprintf(stderr, "%s: %s\n", command, message.c_str());
    return 1;
}

}  // namespace amanat::cli
