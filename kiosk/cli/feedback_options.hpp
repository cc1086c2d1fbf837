#pragma once

// The options the `amanat feedback` commands share: which files to read and
// which span of time.

#include <filesystem>
#include <string>
#include <vector>

#include "store/feedback_archive.hpp"

namespace amanat::cli {

class Command;

struct FeedbackSelection {
    std::vector<std::filesystem::path> files;
    store::Period period;
    std::string since;  // as typed, for messages and reports
    std::string until;
};

// Declares `--db FILE...`, `--since DATE` and `--until DATE` on `command`. `--db`
// takes every following argument up to the next option, so `--db kiosks/*.sqlite`
// works, and may be repeated; a folder stands for the feedback files below it.
void add_selection_options(Command& command, FeedbackSelection& selection);

// After all options: at least one file, and --since before --until.
bool check_selection(const FeedbackSelection& selection, std::string& problem);

// Checks that each file exists and is a regular file (a FIFO would block the
// reader), so that the common mistakes get a plain message before the archive
// is opened. False with `problem` naming the file.
bool check_files_exist(const FeedbackSelection& selection, std::string& problem);

// What DATE may be, for the commands' help.
extern const char* const kDateHelp;

}  // namespace amanat::cli
