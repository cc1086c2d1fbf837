#include "cli/feedback_merge.hpp"
#include "cli/command_errors.hpp"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "cli/feedback_options.hpp"
#include "cli/terminal_table.hpp"
#include "core/files/json_record.hpp"
#include "store/feedback_archive.hpp"

namespace amanat::cli {
namespace {

const char* const kSynopsis = "Usage: amanat feedback merge --into OUT.sqlite IN.sqlite... [--json]\n";

const char* const kDescription =
    "\n"
    "Gathers kiosks' feedback files into one database (created if missing), for sharing or\n"
    "for reading with other tools. A row already in OUT.sqlite is not added again, so merging\n"
    "the same file twice, or a file that was merged before, adds nothing. All or nothing: if\n"
    "one file cannot be read, OUT.sqlite is left as it was. The files read are not changed.\n"
    "OUT.sqlite must be a new or empty file, or a feedback database: another program's\n"
    "database, or any other file, is refused and left as it was.\n"
    "\n"
    "Options:\n"
    "  --into FILE   the database to merge into\n"
    "  --json        print the rows added as JSON\n"
    "  -h, --help    print this help\n"
    "\n"
    "Example:\n"
    "  amanat feedback merge --into all-kiosks.sqlite usb/kiosk-*/feedback.sqlite\n"
    "\n"
    "Exit status: 0 merged, 1 a file could not be read or written, 2 usage error.\n";

const FeedbackErrors kErrors{{"amanat feedback merge", kSynopsis}};

std::string rows_text(long long count) {
    return std::to_string(count) + (count == 1 ? " new row" : " new rows");
}

}  // namespace

int feedback_merge(const std::vector<std::string>& raw_args) {
    const std::vector<std::string> args = split_option_values(raw_args);
    std::filesystem::path into;
    std::vector<std::filesystem::path> sources;
    bool json = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-h" || arg == "--help") {
            std::printf("%s%s", kSynopsis, kDescription);
            return 0;
        } else if (arg == "--json") {
            json = true;
        } else if (arg == "--into") {
            if (i + 1 >= args.size() || args[i + 1].empty())
                return kErrors.usage_error("--into needs a file name");
            if (!into.empty()) return kErrors.usage_error("give --into once");
            into = args[++i];
        } else if (!arg.empty() && arg[0] == '-') {
            return kErrors.usage_error("unknown option '" + arg + "'");
        } else if (arg.empty()) {
            return kErrors.usage_error("an empty file name was given");
        } else {
            sources.emplace_back(arg);
        }
    }
    if (into.empty()) return kErrors.usage_error("where to? Give the file to merge into with --into FILE");
    if (sources.empty())
        return kErrors.usage_error("which feedback files should be merged into " + into.string() + "?");

    FeedbackSelection selection;
    selection.files = sources;
    std::string problem;
    if (!check_files_exist(selection, problem)) return kErrors.input_error(problem);
    std::error_code ec;
    for (const auto& source : sources) {
        if (std::filesystem::equivalent(source, into, ec))
            return kErrors.usage_error("cannot merge " + source.string() + " into itself");
    }
    if (std::filesystem::is_directory(into, ec))
        return kErrors.input_error(into.string() + ": a folder; give a file name to merge into");

    store::MergeCounts added;
    std::string error;
    if (!store::merge_feedback(into, sources, added, error)) return kErrors.input_error(error);

    if (json) {
        JsonRecord record;
        std::string text(record.text("into", into.string())
                             .number("reactions", added.reactions)
                             .number("engagement", added.engagement)
                             .number("survey", added.survey_answers)
                             .finish());
        std::puts(text.c_str());
        return 0;
    }
    using Align = TerminalTable::Align;
    TerminalTable table({Align::left, Align::right});
    table.add({"reactions", rows_text(added.reactions)});
    table.add({"engagement", rows_text(added.engagement)});
    table.add({"survey answers", rows_text(added.survey_answers)});
    std::printf("Merged %zu %s into %s:\n%s", sources.size(), sources.size() == 1 ? "file" : "files",
                printable(valid_utf8(into.string())).c_str(), table.render().c_str());
    return 0;
}

}  // namespace amanat::cli
