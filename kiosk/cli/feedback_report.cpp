#include "cli/feedback_report.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "cli/command_line.hpp"
#include "cli/feedback_options.hpp"
#include "cli/output_file.hpp"
#include "core/exhibition/bundle_loader.hpp"
#include "core/files/diagnostics.hpp"
#include "core/files/json_record.hpp"
#include "core/localisation/catalog.hpp"
#include "core/localisation/language_tag.hpp"
#include "core/localisation/locale_format.hpp"
#include "core/settings/data_folders.hpp"
#include "pack/packs.hpp"
#include "report/attendance.hpp"
#include "report/report_page.hpp"
#include "report/tour_figures_json.hpp"
#include "report/tour_labels.hpp"
#include "report/tour_tally.hpp"
#include "store/feedback_union.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "report --db FILE...",
    .summary = "the organisers' report: one HTML file with charts, venue by venue",
    .synopsis =
        "Usage: amanat feedback report --db FILE... [--bundle DIR|PACK] [--attendance FILE.csv] [--language "
        "TAG]\n"
        "                              [--since DATE] [--until DATE] -o REPORT.html\n"
        "       amanat feedback report --db FILE... [options] --json [-o FILE.json]\n",
    .description =
        "The organisers' report of a (touring) exhibition: which artifacts moved visitors, venue by\n"
        "venue and language by language, what visitors said in the survey, and when they came, as\n"
        "one self-contained HTML file with charts that opens in any browser, from an e-mail or a\n"
        "USB stick, and prints to A4. Nothing beside it, no network.\n",
    .footer = std::string(kDateHelp) +
              "\nExit status: 0 done, 1 an input could not be read or is wrong, 2 usage error.\n",
};

struct ReportOptions {
    FeedbackSelection selection;
    std::optional<std::filesystem::path> bundle;
    std::optional<std::filesystem::path> attendance;
    std::optional<std::filesystem::path> output;
    std::optional<std::filesystem::path> localisation;
    std::string language;
    bool json = false;
};

// The language asked for with --language, as a tag the catalogs use.
bool read_language(const std::string& tag, std::string& language, std::string& problem) {
    if (const auto tag_problem = language_tag_problem(tag)) {
        const std::string suggestion = did_you_mean_language(tag);
        problem = std::string("--language '") + tag + "': " + *tag_problem +
                  (suggestion.empty() ? "" : "; " + suggestion);
        return false;
    }
    language = canonical_language_tag(tag);
    return true;
}

void add_report_options(Command& command, ReportOptions& options) {
    command.value("--bundle", options.bundle, "DIR|PACK", "a bundle folder or a pack file",
                  "the exhibition (a bundle folder, or its .amanat pack): artifacts'\n"
                  "titles and pictures and the survey's words in the report's language.\n"
                  "Without it, ids are shown");
    command.value("--attendance", options.attendance, "FILE", "a CSV file",
                  "the venues' own visitor counts, a CSV file with the header\n"
                  "venue,date,visitors (README.md, \"The organisers' report\"): adds visits\n"
                  "per 1,000 visitors");
    command.value("--language", "TAG", "a language tag, such as kk",
                  "the report's language (default: the exhibition's first language, or\n"
                  "English): en, kk, ru and every language whose catalog has the report",
                  [&options](const std::string& tag, std::string& problem) {
                      return read_language(tag, options.language, problem);
                  });
    command.value("--localisation", options.localisation, "DIR", "a folder",
                  "the folder of the catalogs (default: the kiosk's own)");
    command.value("-o", options.output, "FILE", "a file name",
                  "where to write the report; it appears only once complete");
    command.value("--output", options.output, "FILE", "a file name", nullptr);  // -o's long name, unlisted
    command.flag("--json", options.json,
                 "every figure of the report as JSON instead (standard output without -o)");
    add_selection_options(command, options.selection);
}

// The languages the report can be written in: English, and each language whose
// catalog translates every phrase of the report.
std::vector<std::string> report_languages(const TranslationCatalogs& catalogs) {
    std::vector<std::string> languages = {"en"};
    for (const std::string& language : catalogs.languages()) {
        const Phrasebook& phrases = catalogs.phrasebook(language);
        const bool complete =
            std::all_of(catalogs.template_phrases().begin(), catalogs.template_phrases().end(),
                        [&](const PhraseKey& key) {
                            return key.context != kReportContext || phrases.find(*key.context, key.msgid);
                        });
        if (complete && language != "en") languages.push_back(language);
    }
    return languages;
}

std::string listed(const std::vector<std::string>& names) {
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    return list;
}

// A temporary folder of our own, removed with everything in it.
class TemporaryFolder {
  public:
    TemporaryFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "amanat-report-XXXXXX").string();
        if (mkdtemp(pattern.data()) != nullptr) m_path = pattern;
    }
    ~TemporaryFolder() {
        std::error_code ignored;
        if (!m_path.empty()) std::filesystem::remove_all(m_path, ignored);
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

// A pack file's exhibition, extracted into `folder` as a kiosk installs it:
// every file's hash checked against the pack's manifest, nothing outside the
// folder written, the bundle validated. Its signer need not be one of this
// computer's trusted keys (the report only reads its words and pictures), but
// a signature that does not match the pack is refused as on a kiosk.
std::optional<std::filesystem::path> extract_pack(const std::filesystem::path& pack_file,
                                                  const std::filesystem::path& folder, std::string& error) {
    pack::Trust trust;
    trust.allow_unsigned = true;
    // Verified first, for a verdict in words about this file (an install's
    // message speaks to kiosk staff about their active exhibition).
    const pack::PackCheck check = pack::verify_pack(pack_file, trust, pack::Limits{}, {});
    if (!check.ok) {
        error = "--bundle " + pack_file.string() + ": not a bundle folder, nor a pack that can be read: " +
                (check.problems.empty() ? std::string("it could not be verified") : check.problems.front()) +
                "; give the exhibition's bundle folder or its .amanat pack";
        return std::nullopt;
    }
    pack::InstalledPacks packs(folder);
    const pack::InstallOutcome outcome =
        packs.install(pack_file, trust, pack::Limits{}, {}, pack::OlderPack::allow);
    if (!outcome.ok || !outcome.installed) {
        error = "--bundle " + pack_file.string() +
                ": cannot read the exhibition in this pack: " + outcome.message;
        return std::nullopt;
    }
    return outcome.installed->folder / "bundle";
}

// The exhibition, checked as the kiosk would load it; null with `error`.
std::shared_ptr<const Bundle> read_bundle(const std::filesystem::path& folder, std::string& error) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
        error = "--bundle " + folder.string() +
                ": not a folder or a pack file; give the exhibition's bundle folder or its .amanat pack";
        return nullptr;
    }
    LoadedBundle loaded = load_bundle(folder);
    if (!loaded.bundle || loaded.diagnostics.has_errors()) {
        std::string first;
        for (const Diagnostic& d : loaded.diagnostics.items()) {
            if (d.severity != Severity::Error) continue;
            first = d.file;
            if (d.line > 0) first += ':' + std::to_string(d.line);
            first += ": " + d.message;
            break;
        }
        error = "--bundle " + folder.string() + ": the exhibition does not load" +
                (first.empty() ? std::string() : " (" + first + ")") + "; run 'amanat pack validate " +
                folder.string() + "' and fix what it lists";
        return nullptr;
    }
    return loaded.bundle;
}

// The venues the attendance file names that no kiosk recorded: a misspelt
// name would otherwise quietly give no "per 1,000 visitors".
void note_unknown_venues(const report::Attendance& attendance, const Phrasebook& phrases,
                         report::TourFigures& figures) {
    std::vector<std::string> unknown;
    for (const auto& [venue, days] : attendance) {
        const bool known = std::any_of(figures.venues.begin(), figures.venues.end(),
                                       [&](const report::VenueFigures& v) { return v.name == venue; });
        if (!known) unknown.push_back(venue);
    }
    if (unknown.empty()) return;
    const char* pattern = phrases.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: a note at the top. {venues} lists venue names from the attendance
        // file (--attendance) that match no kiosk's venue.
        "The attendance file names venues no kiosk recorded, so their visitor counts are not used: {venues}. "
        "A venue must be written exactly as in its kiosks' settings.");
    Diagnostics ignored;
    figures.notes.push_back(
        format_message(phrases.language(), pattern, {{"venues", listed(unknown)}}, ignored));
}

// The report's language: the one asked for, or the exhibition's first, or
// English; "" with `problem` when the one asked for has no translation.
std::string choose_language(const ReportOptions& options, const Bundle* bundle,
                            const std::vector<std::string>& available, std::string& problem) {
    auto has = [&](const std::string& tag) {
        return std::find(available.begin(), available.end(), tag) != available.end();
    };
    if (!options.language.empty()) {
        if (has(options.language)) return options.language;
        problem = "--language " + options.language +
                  ": the report is not translated into it; it can be made in " + listed(available);
        return {};
    }
    if (bundle != nullptr && !bundle->exhibition.languages.empty()) {
        const std::string& first = bundle->exhibition.languages.front();
        if (has(first)) return first;
        std::fprintf(stderr,
                     "amanat feedback report: the report is not translated into %s, the exhibition's first "
                     "language; writing it in English (--language chooses: %s)\n",
                     first.c_str(), listed(available).c_str());
    }
    return "en";
}

bool write_output(const ReportOptions& options, const std::string& text, std::string& error) {
    const auto output = ExportOutput::open(options.output, error);
    if (!output) return false;
    output->write(text);
    return output->commit(error);
}

int make_report(const ReportOptions& options, const Command& command) {
    std::string problem;
    if (!check_files_exist(options.selection, problem)) return command.input_error(problem);
    const DataFolders data = data_folders(AMANAT_DEFAULT_LOCALISATION, AMANAT_DEFAULT_BUNDLE);
    Diagnostics catalog_problems;
    const TranslationCatalogs catalogs =
        TranslationCatalogs::load(options.localisation.value_or(data.localisation), catalog_problems);

    std::shared_ptr<const Bundle> bundle;
    TemporaryFolder unpacked;  // a pack's exhibition, while the report is made
    if (options.bundle) {
        std::filesystem::path folder = *options.bundle;
        std::error_code ec;
        if (std::filesystem::is_regular_file(folder, ec)) {
            if (unpacked.path().empty())
                return command.input_error("cannot make a temporary folder to read the pack in");
            const auto extracted = extract_pack(folder, unpacked.path(), problem);
            if (!extracted) return command.input_error(problem);
            folder = *extracted;
        }
        if (!(bundle = read_bundle(folder, problem))) return command.input_error(problem);
    }
    const std::string language = choose_language(options, bundle.get(), report_languages(catalogs), problem);
    if (language.empty()) return command.usage_error(problem);
    const Phrasebook& phrases = catalogs.phrasebook(language);

    report::Attendance attendance;
    if (options.attendance && !report::read_attendance(*options.attendance, attendance, problem))
        return command.input_error(problem);

    const auto files = store::FeedbackUnion::open(options.selection.files, problem);
    if (!files) return command.input_error(problem);
    report::TourFigures figures;
    if (!report::tally_tour(*files, options.selection.period, options.attendance ? &attendance : nullptr,
                            figures, problem))
        return command.input_error(problem);
    for (const auto& file : options.selection.files) figures.files.push_back(valid_utf8(file.string()));
    figures.since = options.selection.since;
    figures.until = options.selection.until;
    figures.report_language = language;
    figures.attendance_given = options.attendance.has_value();
    std::vector<std::string> picture_problems;
    report::label_tour(bundle.get(), phrases, figures, picture_problems);
    for (const std::string& p : picture_problems)
        std::fprintf(stderr, "amanat feedback report: left out a picture: %s\n", valid_utf8(p).c_str());
    if (options.attendance) note_unknown_venues(attendance, phrases, figures);

    const std::string text =
        options.json ? report::tour_figures_json(figures)
                     : report::report_page(figures, phrases, {.generated_at = -1, .catalogs = &catalogs});
    if (!write_output(options, text, problem)) return command.input_error(problem);
    return 0;
}

int report(const ReportOptions& options, const Command& command) {
    std::string problem;
    if (!check_selection(options.selection, problem)) return command.usage_error(problem);
    if (!options.json && !options.output)
        return command.usage_error("where should the report go? Give -o report.html (or --json)");
    return make_report(options, command);
}

}  // namespace

void add_feedback_report(Command& feedback) {
    const auto options = std::make_shared<ReportOptions>();
    Command& command =
        feedback.command("report", kText, [options](const Command& c) { return report(*options, c); });
    add_report_options(command, *options);
}

}  // namespace amanat::cli
