#pragma once

// The options the `amanat feedback` commands share: which files to read and
// which span of time.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/command_errors.hpp"
#include "store/feedback_archive.hpp"

namespace amanat::cli {

// How the feedback commands report a mistake (see CommandErrors), the message
// made valid UTF-8 first: it may quote a file's name, or a name read from a
// file, and whatever the feedback commands print is valid UTF-8.
struct FeedbackErrors {
    CommandErrors errors;
    int usage_error(const std::string& message) const;
    int input_error(const std::string& message) const;
};

// "--name=value" becomes "--name", "value", so every option takes either form.
std::vector<std::string> split_option_values(const std::vector<std::string>& args);

struct FeedbackSelection {
    std::vector<std::filesystem::path> files;
    store::Period period;
    std::string since;  // as typed, for messages and reports
    std::string until;
};

enum class OptionRead { not_mine, read, wrong };

// Reads `--db FILE...`, `--since DATE` or `--until DATE` at args[i], leaving `i`
// on the last argument used. `--db` takes every following argument up to the
// next one starting with "-", so `--db kiosks/*.sqlite` works, and may be
// repeated. `wrong` sets `problem` to a sentence naming the option and value.
OptionRead read_selection_option(const std::vector<std::string>& args, std::size_t& i,
                                 FeedbackSelection& selection, std::string& problem);

// After all options: at least one file, and --since before --until.
bool check_selection(const FeedbackSelection& selection, std::string& problem);

// Checks that each file exists and is a regular file (a FIFO would block the
// reader), so that the common mistakes get a plain message before the archive
// is opened. False with `problem` naming the file.
bool check_files_exist(const FeedbackSelection& selection, std::string& problem);

// Help shared by the commands: the options above, and what DATE may be.
extern const char* const kSelectionHelp;
extern const char* const kDateHelp;

}  // namespace amanat::cli
