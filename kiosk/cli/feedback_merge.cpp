#include "cli/feedback_merge.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

#include "cli/command_line.hpp"
#include "cli/feedback_options.hpp"
#include "cli/terminal_table.hpp"
#include "core/files/json_record.hpp"
#include "store/feedback_archive.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "merge --into OUT IN...",
    .summary = "gather kiosks' files into one",
    .synopsis = "Usage: amanat feedback merge --into OUT.sqlite IN.sqlite... [--json]\n",
    .description =
        "Gathers kiosks' feedback files into one database (created if missing), for sharing or\n"
        "for reading with other tools. A row already in OUT.sqlite is not added again, so merging\n"
        "the same file twice, or a file that was merged before, adds nothing. All or nothing: if\n"
        "one file cannot be read, OUT.sqlite is left as it was. The files read are not changed.\n"
        "OUT.sqlite must be a new or empty file, or a feedback database: another program's\n"
        "database, or any other file, is refused and left as it was.\n",
    .footer =
        "Example:\n"
        "  amanat feedback merge --into all-kiosks.sqlite usb/kiosk-*/feedback.sqlite\n"
        "\n"
        "Exit status: 0 merged, 1 a file could not be read or written, 2 usage error.\n",
};

struct MergeOptions {
    std::filesystem::path into;
    std::vector<std::string> sources;
    bool json = false;
};

std::string rows_text(long long count) {
    return std::to_string(count) + (count == 1 ? " new row" : " new rows");
}

int merge(const MergeOptions& options, const Command& command) {
    const std::filesystem::path& into = options.into;
    if (into.empty()) return command.usage_error("where to? Give the file to merge into with --into FILE");
    const std::vector<std::filesystem::path> sources(options.sources.begin(), options.sources.end());
    if (sources.empty())
        return command.usage_error("which feedback files should be merged into " + into.string() + "?");
    for (const auto& source : sources)
        if (source.empty()) return command.usage_error("an empty file name was given");

    FeedbackSelection selection;
    selection.files = sources;
    std::string problem;
    if (!check_files_exist(selection, problem)) return command.input_error(problem);
    std::error_code ec;
    for (const auto& source : sources) {
        if (std::filesystem::equivalent(source, into, ec))
            return command.usage_error("cannot merge " + source.string() + " into itself");
    }
    if (std::filesystem::is_directory(into, ec))
        return command.input_error(into.string() + ": a folder; give a file name to merge into");

    store::MergeCounts added;
    std::string error;
    if (!store::merge_feedback(into, sources, added, error)) return command.input_error(error);

    if (options.json) {
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

}  // namespace

void add_feedback_merge(Command& feedback) {
    const auto options = std::make_shared<MergeOptions>();
    Command& command =
        feedback.command("merge", kText, [options](const Command& c) { return merge(*options, c); });
    command.value("--into", options->into, "FILE", "a file name", "the database to merge into");
    command.flag("--json", options->json, "print the rows added as JSON");
    command.operands("IN", options->sources);
}

}  // namespace amanat::cli
