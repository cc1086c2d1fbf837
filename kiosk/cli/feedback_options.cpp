#include "cli/feedback_options.hpp"

#include <algorithm>
#include <optional>
#include <system_error>

#include "cli/command_line.hpp"
#include "core/files/utc_time.hpp"

namespace amanat::cli {

const char* const kDateHelp =
    "DATE is YYYY-MM-DD, a day in UTC, or YYYY-MM-DDTHH:MM[:SS] with Z (UTC) or an offset:\n"
    "2026-11-30T09:00+05:00 is 9 in the morning in Almaty.\n";

namespace {

// A feedback file in a folder given to --db: feedback*.sqlite, but never a
// synchroniser's or the kiosk's unfinished file (hidden, or starting with '~').
bool is_feedback_file(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    return name.rfind("feedback", 0) == 0 && path.extension() == ".sqlite";
}

// `given`, or when it is a folder, the feedback files below it, sorted (an
// organiser's collected folder: one folder per kiosk, one file per day).
void add_feedback_files(std::vector<std::filesystem::path>& files, const std::filesystem::path& given) {
    std::error_code ec;
    if (!std::filesystem::is_directory(given, ec)) {
        files.push_back(given);
        return;
    }
    std::vector<std::filesystem::path> found;
    std::filesystem::recursive_directory_iterator it(given, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || name[0] == '~') {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && is_feedback_file(it->path())) found.push_back(it->path());
    }
    if (found.empty()) {
        files.push_back(given);  // check_files_exist() names it: the input is wrong (exit 1)
        return;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
}

// A moment given to --since or --until; nullopt with `problem` naming the option.
std::optional<TimeArgument> read_moment(const char* option, const std::string& text, std::string& problem) {
    std::string why;
    auto moment = parse_time_argument(text, why);
    if (!moment) problem = std::string(option) + " '" + text + "': " + why;
    return moment;
}

}  // namespace

void add_selection_options(Command& command, FeedbackSelection& selection) {
    command.values("--db", "FILE...", "one or more feedback files",
                   "the kiosks' feedback files, read together: every file up to the next\n"
                   "option (--db kiosks/*.sqlite), and --db may be repeated. A folder\n"
                   "means every feedback*.sqlite below it (the fleet's collected folder).\n"
                   "A merged file and one of its sources, or a file sent twice, may be\n"
                   "given together: nothing counts twice",
                   [&selection](const std::string& file, std::string&) {
                       add_feedback_files(selection.files, file);
                       return true;
                   });
    command.value("--since", "DATE", "a date, such as 2026-11-30", "only feedback from DATE on",
                  [&selection](const std::string& text, std::string& problem) {
                      const auto since = read_moment("--since", text, problem);
                      if (since) selection.period.since = since->unix_seconds;
                      selection.since = text;
                      return since.has_value();
                  });
    command.value("--until", "DATE", "a date, such as 2026-11-30",
                  "only feedback up to DATE; a whole day is included (--until 2026-11-30\n"
                  "ends at midnight UTC starting 1 December), a time is the first moment\n"
                  "left out",
                  [&selection](const std::string& text, std::string& problem) {
                      const auto until = read_moment("--until", text, problem);
                      // "Until 30 November" includes the 30th: the end is the next midnight.
                      if (until)
                          selection.period.until = until->unix_seconds + (until->whole_day ? 86400 : 0);
                      selection.until = text;
                      return until.has_value();
                  });
    command.hint_for_unexpected_operands("give feedback files with --db FILE...");
}

bool check_selection(const FeedbackSelection& selection, std::string& problem) {
    if (selection.files.empty()) {
        problem = "which feedback files? Give them with --db FILE...";
        return false;
    }
    if (selection.period.since && selection.period.until &&
        *selection.period.since >= *selection.period.until) {
        problem = "--since '" + selection.since + "' is not before --until '" + selection.until + "'";
        return false;
    }
    return true;
}

bool check_files_exist(const FeedbackSelection& selection, std::string& problem) {
    for (const auto& file : selection.files) {
        std::error_code ec;
        const auto status = std::filesystem::status(file, ec);
        if (!std::filesystem::exists(status)) {
            problem = file.string() + ": no such file; check the path";
            return false;
        }
        if (std::filesystem::is_directory(status)) {
            problem = file.string() +
                      ": a folder with no feedback files (feedback*.sqlite) in it; give the "
                      "feedback files, or the folder that holds them";
            return false;
        }
        if (!std::filesystem::is_regular_file(status)) {
            problem =
                file.string() + ": not a file (a FIFO, a device or a socket); give a feedback database file";
            return false;
        }
    }
    return true;
}

}  // namespace amanat::cli
