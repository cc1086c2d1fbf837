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

int run_subcommand(const char* command, const char* usage, const std::vector<std::string>& args,
                   std::initializer_list<Subcommand> subcommands) {
    if (args.empty()) {
        std::fputs(usage, stderr);
        return 2;
    }
    if (args[0] == "-h" || args[0] == "--help") {
        std::fputs(usage, stdout);
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const auto& [name, run] : subcommands) {
        if (args[0] == name) return run(rest);
    }
    std::fprintf(stderr, "%s: unknown subcommand '%s'\n\n%s", command, args[0].c_str(), usage);
    return 2;
}

}  // namespace amanat::cli
