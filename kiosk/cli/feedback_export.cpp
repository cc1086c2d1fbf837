#include "cli/feedback_export.hpp"
#include "cli/command_errors.hpp"

#include <cstdio>
#include <optional>
#include <system_error>
#include <type_traits>
#include <utility>

#include "cli/feedback_options.hpp"
#include "cli/output_file.hpp"
#include "core/csv_writer.hpp"
#include "core/json_record.hpp"
#include "core/utc_time.hpp"
#include "store/feedback_archive.hpp"

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

const CommandErrors kErrors{"amanat feedback export", kSynopsis};

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

// A row being written: each column by name, in the table's order.
class RowSink {
  public:
    virtual ~RowSink() = default;
    virtual void text(std::string_view column, std::string_view value) = 0;
    virtual void number(std::string_view column, long long value) = 0;
};

// The columns every table starts with: when (in UTC and at the venue), where,
// showing what, and which visit. Time first, as the rows are in time order.
void common_columns(RowSink& row, const store::Provenance& from, const std::string& session_id, long long at,
                    int utc_offset_minutes) {
    row.text("time_utc", format_utc_time(at));
    row.text("local_time", format_local_time(at, utc_offset_minutes));
    row.number("utc_offset_minutes", utc_offset_minutes);
    row.text("venue", from.venue);
    row.text("kiosk_id", from.kiosk_id);
    row.text("bundle_id", from.bundle_id);
    row.text("bundle_version", from.bundle_version);
    row.text("session_id", session_id);
}

void columns(RowSink& row, const store::ReactionRow& r) {
    common_columns(row, r.from, r.reaction.session_id, r.reaction.at_unix_seconds, r.utc_offset_minutes);
    row.text("artifact_id", r.reaction.artifact_id);
    row.number("rating", r.reaction.rating);
    row.text("language", r.reaction.language);
}

void columns(RowSink& row, const store::EngagementRow& r) {
    common_columns(row, r.from, r.event.session_id, r.event.at_unix_seconds, r.utc_offset_minutes);
    row.number("sequence", r.event.sequence);
    row.text("kind", r.event.kind);
    row.text("subject", r.event.subject);
    row.number("value", r.event.value);
}

void columns(RowSink& row, const store::SurveyAnswerRow& r) {
    common_columns(row, r.from, r.session_id, r.at_unix_seconds, r.utc_offset_minutes);
    row.text("question_id", r.question_id);
    row.text("answer", r.answer);
    row.text("language", r.language);
}

// The CSV header is the column names a row writes, so the two cannot disagree.
class CsvHeader final : public RowSink {
  public:
    void text(std::string_view column, std::string_view) override { m_record.text(column); }
    void number(std::string_view column, long long) override { m_record.text(column); }
    std::string_view finish() { return m_record.finish(); }

  private:
    CsvRecord m_record;
};

class CsvRow final : public RowSink {
  public:
    void text(std::string_view, std::string_view value) override { m_record.text(value); }
    void number(std::string_view, long long value) override { m_record.number(value); }
    std::string_view finish() { return m_record.finish(); }

  private:
    CsvRecord m_record;
};

class JsonRow final : public RowSink {
  public:
    void text(std::string_view column, std::string_view value) override { m_record.text(column, value); }
    void number(std::string_view column, long long value) override { m_record.number(column, value); }
    std::string_view finish() { return m_record.finish(); }

  private:
    JsonRecord m_record;
};

// One table's rows from the archive, streamed to `write`.
template <typename Row, typename Write>
bool stream(const store::FeedbackArchive& archive, const store::Period& period, Write&& write,
            std::string& error) {
    if constexpr (std::is_same_v<Row, store::ReactionRow>) {
        return archive.each_reaction(period, write, error);
    } else if constexpr (std::is_same_v<Row, store::EngagementRow>) {
        return archive.each_engagement(period, write, error);
    } else {
        return archive.each_survey_answer(period, write, error);
    }
}

template <typename Row>
bool write_csv(const store::FeedbackArchive& archive, const store::Period& period, bool bom,
               ExportOutput& out, std::string& error) {
    if (bom) out.write(kUtf8ByteOrderMark);
    CsvHeader header;
    columns(header, Row{});
    out.write(header.finish());
    CsvRow csv;
    return stream<Row>(
        archive, period,
        [&](const Row& row) {
            columns(csv, row);
            out.write(csv.finish());
        },
        error);
}

// "[\n{...},\n{...}\n]": one object per line, so the file can be read (or
// grepped) a row at a time as well as parsed whole.
template <typename Row>
bool write_json_array(const store::FeedbackArchive& archive, const store::Period& period, ExportOutput& out,
                      std::string& error) {
    JsonRow json;
    bool first = true;
    out.write("[");
    const bool ok = stream<Row>(
        archive, period,
        [&](const Row& row) {
            out.write(first ? "\n" : ",\n");
            first = false;
            columns(json, row);
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
        read = write_csv<store::ReactionRow>(*archive, selection.period, bom, *out, error);
    } else if (*table == Table::engagement) {
        read = write_csv<store::EngagementRow>(*archive, selection.period, bom, *out, error);
    } else {
        read = write_csv<store::SurveyAnswerRow>(*archive, selection.period, bom, *out, error);
    }
    if (!read)
        return kErrors.input_error(error +
                                   (output ? " (" + out->name() + " was not written)" : std::string()));
    if (!out->commit(error)) return kErrors.input_error(error);
    return 0;
}

}  // namespace amanat::cli
