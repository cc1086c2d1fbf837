#include "cli/feedback.hpp"

#include "cli/command_line.hpp"
#include "cli/feedback_export.hpp"
#include "cli/feedback_merge.hpp"
#include "cli/feedback_report.hpp"
#include "cli/feedback_summary.hpp"

namespace amanat::cli {

void add_feedback(Command& program) {
    Command& feedback = program.group(
        "feedback",
        {.synopsis = "Usage: amanat feedback SUBCOMMAND [ARGS...]\n",
         .description =
             "The visitors' anonymous feedback (reactions, what they looked at, survey answers), kept\n"
             "by each kiosk in its own database file, for the exhibition's organisers.\n",
         .footer =
             "Run 'amanat feedback SUBCOMMAND --help' for each one's options. The columns are described\n"
             "in README.md (\"Feedback for organisers\"), the database in docs/FEEDBACK-SCHEMA.md.\n"});
    add_feedback_export(feedback);
    add_feedback_report(feedback);
    add_feedback_summary(feedback);
    add_feedback_merge(feedback);
}

}  // namespace amanat::cli
