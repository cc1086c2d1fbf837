#include "cli/feedback.hpp"
#include "cli/command_errors.hpp"

#include <cstdio>

#include "cli/feedback_export.hpp"
#include "cli/feedback_merge.hpp"
#include "cli/feedback_report.hpp"
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
    "  report --db FILE...    the organisers' report: one HTML file with charts, venue by venue\n"
    "  summary --db FILE...   visitors per day and hour, languages, top artifacts, survey answers\n"
    "  merge --into OUT IN... gather kiosks' files into one\n"
    "\n"
    "Run 'amanat feedback SUBCOMMAND --help' for each one's options. The columns are described\n"
    "in README.md (\"Feedback for organisers\"), the database in docs/FEEDBACK-SCHEMA.md.\n";

}  // namespace

int feedback(const std::vector<std::string>& args) {
    return run_subcommand("amanat feedback", kUsage, args,
                          {{"export", feedback_export},
                           {"report", feedback_report},
                           {"summary", feedback_summary},
                           {"merge", feedback_merge}});
}

}  // namespace amanat::cli
