#include "cli/feedback_options.hpp"

#include <algorithm>
#include <system_error>

#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"

namespace amanat::cli {

int FeedbackErrors::usage_error(const std::string& message) const {
    return errors.usage_error(valid_utf8(message));
}

int FeedbackErrors::input_error(const std::string& message) const {
    return errors.input_error(valid_utf8(message));
}

const char* const kSelectionHelp =
    "  --db FILE...      the kiosks' feedback files, read together: every file up to the next\n"
    "                    option (--db kiosks/*.sqlite), and --db may be repeated. A folder\n"
    "                    means every feedback*.sqlite below it (the fleet's collected folder).\n"
    "                    A merged file and one of its sources, or a file sent twice, may be\n"
    "                    given together: nothing counts twice\n"
    "  --since DATE      only feedback from DATE on\n"
    "  --until DATE      only feedback up to DATE; a whole day is included (--until 2026-11-30\n"
    "                    ends at midnight UTC starting 1 December), a time is the first moment\n"
    "                    left out\n";

const char* const kDateHelp =
    "DATE is YYYY-MM-DD, a day in UTC, or YYYY-MM-DDTHH:MM[:SS] with Z (UTC) or an offset:\n"
    "2026-11-30T09:00+05:00 is 9 in the morning in Almaty.\n";

std::vector<std::string> split_option_values(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const std::string& arg : args) {
        const std::size_t equals = arg.find('=');
        if (arg.starts_with("--") && equals != std::string::npos) {
            out.push_back(arg.substr(0, equals));
            out.push_back(arg.substr(equals + 1));
        } else {
            out.push_back(arg);
        }
    }
    return out;
}

namespace {

// A feedback file in a folder given to --db: feedback*.sqlite, but never a
// synchroniser's or the kiosk's unfinished file (hidden, or starting with '~').
bool is_feedback_file(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    return name.rfind("feedback", 0) == 0 && path.extension() == ".sqlite";
}

// Each folder among files[from...] becomes the feedback files below it, sorted
// (an organiser's collected folder: one folder per kiosk, one file per day).
void expand_folders(std::vector<std::filesystem::path>& files, std::size_t from) {
    std::vector<std::filesystem::path> expanded(files.begin(), files.begin() + static_cast<long>(from));
    for (std::size_t f = from; f < files.size(); ++f) {
        std::error_code ec;
        if (!std::filesystem::is_directory(files[f], ec)) {
            expanded.push_back(files[f]);
            continue;
        }
        std::vector<std::filesystem::path> found;
        std::filesystem::recursive_directory_iterator it(files[f], ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name.empty() || name[0] == '.' || name[0] == '~') {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec) && is_feedback_file(it->path())) found.push_back(it->path());
        }
        if (found.empty()) {
            expanded.push_back(files[f]);  // check_files_exist() names it: the input is wrong (exit 1)
            continue;
        }
        std::sort(found.begin(), found.end());
        expanded.insert(expanded.end(), found.begin(), found.end());
    }
    files = std::move(expanded);
}

}  // namespace

OptionRead read_selection_option(const std::vector<std::string>& args, std::size_t& i,
                                 FeedbackSelection& selection, std::string& problem) {
    const std::string& option = args[i];
    if (option == "--db") {
        const std::size_t before = selection.files.size();
        while (i + 1 < args.size() && (args[i + 1].empty() || args[i + 1][0] != '-'))
            selection.files.emplace_back(args[++i]);
        if (selection.files.size() == before) {
            problem = "--db needs one or more feedback files";
            return OptionRead::wrong;
        }
        for (std::size_t f = before; f < selection.files.size(); ++f) {
            if (selection.files[f].empty()) {
                problem = "--db was given an empty file name";
                return OptionRead::wrong;
            }
        }
        expand_folders(selection.files, before);
        return OptionRead::read;
    }
    if (option == "--since" || option == "--until") {
        if (i + 1 >= args.size()) {
            problem = option + " needs a date, such as 2026-11-30";
            return OptionRead::wrong;
        }
        const std::string& text = args[++i];
        std::string why;
        const auto argument = parse_time_argument(text, why);
        if (!argument) {
            problem = option + " '" + text + "': " + why;
            return OptionRead::wrong;
        }
        if (option == "--since") {
            selection.period.since = argument->unix_seconds;
            selection.since = text;
        } else {
            // "Until 30 November" includes the 30th: the end is the next midnight.
            selection.period.until = argument->unix_seconds + (argument->whole_day ? 86400 : 0);
            selection.until = text;
        }
        return OptionRead::read;
    }
    return OptionRead::not_mine;
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
