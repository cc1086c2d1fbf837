#include "cli/feedback_export.hpp"
#include "cli/command_errors.hpp"

#include <cstdio>
#include <optional>
#include <system_error>
#include <utility>

#include "cli/feedback_options.hpp"
#include "cli/output_file.hpp"
#include "core/files/json_record.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_tables.hpp"

namespace amanat::cli {
namespace {

const char* const kSynopsis =
    "Usage: amanat feedback export --db FILE... [--table TABLE] [--format csv|json]\n"
    "                              [--since DATE] [--until DATE] [-o FILE]\n";

const char* const kDescription =
    "\n"
    "Writes the visitors' feedback as a table with one row per observation, in time order,\n"
    "for LibreOffice, Excel, pandas or R. The columns are listed in README.md (\"Feedback for\n"
    "organisers\"); the database itself in docs/FEEDBACK-SCHEMA.md.\n"
    "\n"
    "Options:\n"
    "  --table TABLE     reactions (default): one row per artifact rating\n"
    "                    engagement: one row per thing a visitor did (views, narration, films...)\n"
    "                    survey: one row per survey answer chosen\n"
    "                    all: the three tables in one JSON object (--format json only)\n"
    "  --format FORMAT   csv (default; json if -o ends in .json): UTF-8 with a byte order mark,\n"
    "                    RFC 4180 quoting, CRLF line ends; text starting with = + - @ gets a\n"
    "                    leading ' so that a spreadsheet does not run it as a formula\n"
    "                    json: an array of objects, one per row, numbers as numbers\n"
    "  --no-bom          CSV without the byte order mark (for tools that do not expect one;\n"
    "                    Excel then misreads Kazakh and Korean text)\n"
    "  -o, --output FILE write to FILE (replaced only once the export is complete) instead of\n"
    "                    standard output\n";

const char* const kHelpOption = "  -h, --help        print this help\n";

const char* const kExamples =
    "Examples:\n"
    "  amanat feedback export --db kiosks/*.sqlite -o reactions.csv\n"
    "  amanat feedback export --db merged.sqlite --table engagement \\\n"
    "                         --since 2026-11-01 --until 2026-11-30 -o november.csv\n"
    "  amanat feedback export --db merged.sqlite --table all -o feedback.json\n"
    "\n"
    "Exit status: 0 written, 1 a file could not be read or written, 2 usage error.\n";

void print_help() {
    std::printf("%s%s%s%s\n%s\n%s", kSynopsis, kDescription, kSelectionHelp, kHelpOption, kDateHelp,
                kExamples);
}

const FeedbackErrors kErrors{{"amanat feedback export", kSynopsis}};

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

// " (got 'xlsx')" for a message, or nothing when the value was missing.
std::string got(const std::optional<std::string>& value) {
    return value ? " (got '" + *value + "')" : std::string();
}

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

}  // namespace

int feedback_export(const std::vector<std::string>& raw_args) {
    const std::vector<std::string> args = split_option_values(raw_args);
    FeedbackSelection selection;
    std::optional<Table> table;
    std::optional<Format> format;
    std::optional<std::filesystem::path> output;
    bool bom = true;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        std::string problem;
        const OptionRead read = read_selection_option(args, i, selection, problem);
        if (read == OptionRead::wrong) return kErrors.usage_error(problem);
        if (read == OptionRead::read) continue;
        const auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        if (arg == "-h" || arg == "--help") {
            print_help();
            return 0;
        } else if (arg == "--table") {
            const auto name = value();
            table = name ? named(kTables, *name) : std::nullopt;
            if (!table)
                return kErrors.usage_error("--table needs reactions, engagement, survey or all" + got(name));
        } else if (arg == "--format") {
            const auto name = value();
            format = name ? named(kFormats, *name) : std::nullopt;
            if (!format) return kErrors.usage_error("--format needs csv or json" + got(name));
        } else if (arg == "--no-bom") {
            bom = false;
        } else if (arg == "-o" || arg == "--output") {
            const auto file = value();
            if (!file || file->empty()) return kErrors.usage_error(arg + " needs a file name");
            output = *file;
        } else if (!arg.empty() && arg[0] == '-') {
            return kErrors.usage_error("unknown option '" + arg + "'");
        } else {
            return kErrors.usage_error("unexpected '" + arg + "' (give feedback files with --db FILE...)");
        }
    }
    std::string problem;
    if (!check_selection(selection, problem)) return kErrors.usage_error(problem);
    if (!format) format = output && output->extension() == ".json" ? Format::json : Format::csv;
    if (!table) table = Table::reactions;
    if (*table == Table::all && *format == Format::csv)
        return kErrors.usage_error(
            "--table all needs --format json: a CSV file holds one table, so export each to its own file");

    if (output) {
        // Renaming the export over a kiosk's database would lose its feedback.
        for (const auto& file : selection.files) {
            std::error_code ec;
            if (std::filesystem::equivalent(file, *output, ec))
                return kErrors.usage_error("-o " + output->string() +
                                           " is one of the feedback files being read");
        }
    }
    if (!check_files_exist(selection, problem)) return kErrors.input_error(problem);
    std::string error;
    // The files are opened before the output, so a wrong --db creates no file.
    const auto archive = store::FeedbackArchive::open(selection.files, error);
    if (!archive) return kErrors.input_error(error);
    const auto out = ExportOutput::open(output, error);
    if (!out) return kErrors.input_error(error);

    bool read = false;
    if (*format == Format::json) {
        read = write_json(*archive, *table, selection.period, *out, error);
        out->write("\n");
    } else if (*table == Table::reactions) {
        read = write_csv(*archive, store::FeedbackTable::reactions, selection.period, bom, *out, error);
    } else if (*table == Table::engagement) {
        read = write_csv(*archive, store::FeedbackTable::engagement, selection.period, bom, *out, error);
    } else {
        read = write_csv(*archive, store::FeedbackTable::survey, selection.period, bom, *out, error);
    }
    if (!read)
        return kErrors.input_error(error + (output ? " (" + out->name() + " was not written)"
                                                   : "; what standard output received is incomplete"));
    if (!out->commit(error)) return kErrors.input_error(error);
    return 0;
}

}  // namespace amanat::cli
