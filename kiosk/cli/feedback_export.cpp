#include "cli/feedback_export.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>

#include "cli/command_line.hpp"
#include "cli/feedback_options.hpp"
#include "cli/output_file.hpp"
#include "core/files/json_record.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_tables.hpp"

namespace amanat::cli {
namespace {

const char* const kExamples =
    "Examples:\n"
    "  amanat feedback export --db kiosks/*.sqlite -o reactions.csv\n"
    "  amanat feedback export --db merged.sqlite --table engagement \\\n"
    "                         --since 2026-11-01 --until 2026-11-30 -o november.csv\n"
    "  amanat feedback export --db merged.sqlite --table all -o feedback.json\n"
    "\n"
    "Exit status: 0 written, 1 a file could not be read or written, 2 usage error.\n";

const CommandText kText{
    .listing = "export --db FILE...",
    .summary = "the feedback as a table for spreadsheets and pandas (CSV or JSON)",
    .synopsis =
        "Usage: amanat feedback export --db FILE... [--table TABLE] [--format csv|json]\n"
        "                              [--since DATE] [--until DATE] [-o FILE]\n",
    .description =
        "Writes the visitors' feedback as a table with one row per observation, in time order,\n"
        "for LibreOffice, Excel, pandas or R. The columns are listed in README.md (\"Feedback for\n"
        "organisers\"); the database itself in docs/FEEDBACK-SCHEMA.md.\n",
    .footer = std::string(kDateHelp) + "\n" + kExamples,
};

enum class Table { reactions, engagement, survey, all };
enum class Format { csv, json };

constexpr std::pair<std::string_view, Table> kTables[] = {{"reactions", Table::reactions},
                                                          {"engagement", Table::engagement},
                                                          {"survey", Table::survey},
                                                          {"all", Table::all}};
constexpr std::pair<std::string_view, Format> kFormats[] = {{"csv", Format::csv}, {"json", Format::json}};

template <typename T, std::size_t N>
std::optional<T> named(const std::pair<std::string_view, T> (&names)[N], std::string_view name) {
    for (const auto& [text, value] : names)
        if (text == name) return value;
    return std::nullopt;
}

struct ExportOptions {
    FeedbackSelection selection;
    std::optional<Table> table;
    std::optional<Format> format;
    std::optional<std::filesystem::path> output;
    bool no_bom = false;
};

// A JSON object per row, with the columns store::columns() gives every table.
class JsonRow final : public store::RowSink {
  public:
    void text(std::string_view column, std::string_view value) override { m_record.text(column, value); }
    void number(std::string_view column, long long value) override { m_record.number(column, value); }
    std::string_view finish() { return m_record.finish(); }

  private:
    JsonRecord m_record;
};

// One table as CSV, exactly as the kiosk's staff mode writes it to a USB stick.
bool write_csv(const store::FeedbackArchive& archive, store::FeedbackTable table, const store::Period& period,
               bool bom, ExportOutput& out, std::string& error) {
    long long rows = 0;
    return store::write_csv_table(
        archive, table, period, bom, [&](std::string_view bytes) { out.write(bytes); }, rows, error);
}

// "[\n{...},\n{...}\n]": one object per line, so the file can be read (or
// grepped) a row at a time as well as parsed whole.
template <typename Row>
bool write_json_array(const store::FeedbackArchive& archive, const store::Period& period, ExportOutput& out,
                      std::string& error) {
    JsonRow json;
    bool first = true;
    out.write("[");
    const bool ok = store::each_row<Row>(
        archive, period,
        [&](const Row& row) {
            out.write(first ? "\n" : ",\n");
            first = false;
            store::columns(json, row);
            out.write(json.finish());
        },
        error);
    out.write(first ? "]" : "\n]");
    return ok;
}

bool write_json(const store::FeedbackArchive& archive, Table table, const store::Period& period,
                ExportOutput& out, std::string& error) {
    switch (table) {
        case Table::reactions:
            return write_json_array<store::ReactionRow>(archive, period, out, error);
        case Table::engagement:
            return write_json_array<store::EngagementRow>(archive, period, out, error);
        case Table::survey:
            return write_json_array<store::SurveyAnswerRow>(archive, period, out, error);
        case Table::all:
            out.write("{\"reactions\":");
            if (!write_json_array<store::ReactionRow>(archive, period, out, error)) return false;
            out.write(",\n\"engagement\":");
            if (!write_json_array<store::EngagementRow>(archive, period, out, error)) return false;
            out.write(",\n\"survey\":");
            if (!write_json_array<store::SurveyAnswerRow>(archive, period, out, error)) return false;
            out.write("}");
            return true;
    }
    return false;
}

int export_feedback(const ExportOptions& options, const Command& command) {
    const FeedbackSelection& selection = options.selection;
    const std::optional<std::filesystem::path>& output = options.output;
    std::string problem;
    if (!check_selection(selection, problem)) return command.usage_error(problem);
    const Format format =
        options.format.value_or(output && output->extension() == ".json" ? Format::json : Format::csv);
    const Table table = options.table.value_or(Table::reactions);
    if (table == Table::all && format == Format::csv)
        return command.usage_error(
            "--table all needs --format json: a CSV file holds one table, so export each to its own file");

    if (output) {
        // Renaming the export over a kiosk's database would lose its feedback.
        for (const auto& file : selection.files) {
            std::error_code ec;
            if (std::filesystem::equivalent(file, *output, ec))
                return command.usage_error("-o " + output->string() +
                                           " is one of the feedback files being read");
        }
    }
    if (!check_files_exist(selection, problem)) return command.input_error(problem);
    std::string error;
    // The files are opened before the output, so a wrong --db creates no file.
    const auto archive = store::FeedbackArchive::open(selection.files, error);
    if (!archive) return command.input_error(error);
    const auto out = ExportOutput::open(output, error);
    if (!out) return command.input_error(error);

    bool read = false;
    const bool bom = !options.no_bom;
    if (format == Format::json) {
        read = write_json(*archive, table, selection.period, *out, error);
        out->write("\n");
    } else if (table == Table::reactions) {
        read = write_csv(*archive, store::FeedbackTable::reactions, selection.period, bom, *out, error);
    } else if (table == Table::engagement) {
        read = write_csv(*archive, store::FeedbackTable::engagement, selection.period, bom, *out, error);
    } else {
        read = write_csv(*archive, store::FeedbackTable::survey, selection.period, bom, *out, error);
    }
    if (!read)
        return command.input_error(error + (output ? " (" + out->name() + " was not written)"
                                                   : "; what standard output received is incomplete"));
    if (!out->commit(error)) return command.input_error(error);
    return 0;
}

}  // namespace

void add_feedback_export(Command& feedback) {
    const auto options = std::make_shared<ExportOptions>();
    Command& command = feedback.command("export", kText,
                                        [options](const Command& c) { return export_feedback(*options, c); });
    command.value("--table", "TABLE", "reactions, engagement, survey or all",
                  "reactions (default): one row per artifact rating\n"
                  "engagement: one row per thing a visitor did (views, narration, films...)\n"
                  "survey: one row per survey answer chosen\n"
                  "all: the three tables in one JSON object (--format json only)",
                  [&table = options->table](const std::string& name, std::string&) {
                      table = named(kTables, name);
                      return table.has_value();
                  });
    command.value("--format", "FORMAT", "csv or json",
                  "csv (default; json if -o ends in .json): UTF-8 with a byte order mark,\n"
                  "RFC 4180 quoting, CRLF line ends; text starting with = + - @ gets a\n"
                  "leading ' so that a spreadsheet does not run it as a formula\n"
                  "json: an array of objects, one per row, numbers as numbers",
                  [&format = options->format](const std::string& name, std::string&) {
                      format = named(kFormats, name);
                      return format.has_value();
                  });
    command.flag("--no-bom", options->no_bom,
                 "CSV without the byte order mark (for tools that do not expect one;\n"
                 "Excel then misreads Kazakh and Korean text)");
    command.value("-o,--output", options->output, "FILE", "a file name",
                  "write to FILE (replaced only once the export is complete) instead of\n"
                  "standard output");
    add_selection_options(command, options->selection);
}

}  // namespace amanat::cli
