#include "cli/feedback.hpp"

#include <cstdio>

#include "cli/feedback_export.hpp"
#include "cli/feedback_merge.hpp"
#include "cli/feedback_summary.hpp"

namespace amanat::cli {
namespace {

const char* const kUsage =
    "Usage: amanat feedback SUBCOMMAND [ARGS...]\n"
    "\n"
    "The visitors' anonymous feedback (reactions, what they looked at, survey answers), kept\n"
    "by each kiosk in its own database file, for the exhibition's organisers.\n"
    "\n"
    "Subcommands:\n"
    "  export --db FILE...    the feedback as a table for spreadsheets and pandas (CSV or JSON)\n"
    "  summary --db FILE...   visitors per day and hour, languages, top artifacts, survey answers\n"
    "  merge --into OUT IN... gather kiosks' files into one\n"
    "\n"
    "Run 'amanat feedback SUBCOMMAND --help' for each one's options. The columns are described\n"
    "in README.md (\"Feedback for organisers\"), the database in docs/FEEDBACK-SCHEMA.md.\n";

}  // namespace

int feedback(const std::vector<std::string>& args) {
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (args[0] == "-h" || args[0] == "--help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "export") return feedback_export(rest);
    if (args[0] == "summary") return feedback_summary(rest);
    if (args[0] == "merge") return feedback_merge(rest);
    std::fprintf(stderr, "amanat feedback: unknown subcommand '%s'\n\n%s", args[0].c_str(), kUsage);
    return 2;
}

}  // namespace amanat::cli
