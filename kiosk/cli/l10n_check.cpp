// amanat l10n check: is every word a visitor or staff member can see at this
// venue translated, correct and drawable? One report per offered language.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/l10n.hpp"
#include "core/exhibition/bundle_validator.hpp"
#include "core/exhibition/script_languages.hpp"
#include "core/files/diagnostics.hpp"
#include "core/files/showable_text.hpp"
#include "core/localisation/catalog.hpp"
#include "core/localisation/language_tag.hpp"
#include "core/localisation/transliteration.hpp"
#include "core/settings/data_folders.hpp"
#include "core/settings/kiosk_config.hpp"
#include "pack/packs.hpp"
#include "ui/localisation_check.hpp"

namespace amanat::cli {
namespace {

const CommandText kCheckText{
    .listing = "check",
    .summary = "every phrase translated, correct and fitting, in every offered language",
    .synopsis =
        "Usage: amanat l10n check [--bundle DIR] [--config FILE] [--languages TAGS] [--localisation DIR]\n"
        "                         [--json]\n",
    .description =
        "Checks the kiosk's own words (buttons, hints, messages) in every language the venue\n"
        "offers, as visitors and staff would meet them:\n"
        "  - every phrase translated (localisation/LANG.po), none marked fuzzy;\n"
        "  - phrases with numbers keep the English text's {arguments} and give every plural\n"
        "    form the language has (CLDR: Russian one/few/many/other, Korean other);\n"
        "  - every label fits its button at both text sizes, measured with the kiosk's fonts\n"
        "    on a landscape (1920x1080) and a portrait (1080x1920) screen;\n"
        "  - every letter, in the catalogs and in the exhibition's texts, is in the fonts;\n"
        "  - the exhibition's own translation coverage (as 'amanat pack validate' reports it).\n",
    .footer = "Exit status: 0 no problems (notes allowed), 1 problems found, 2 usage error.\n",
};

struct CheckOptions {
    std::optional<std::filesystem::path> bundle;
    std::optional<std::filesystem::path> config;
    std::optional<std::filesystem::path> localisation;
    std::vector<std::string> languages;
    bool json = false;
};

struct Problem {
    bool error = true;
    std::string where;  // "localisation/ru.po:42", "artifacts/dombra/artifact.toml"
    std::string message;
    std::string fix;
};

struct LanguageReport {
    std::string language;
    std::string catalog;  // "localisation/ru.po", or empty when there is none
    std::size_t phrases = 0, translated = 0;
    std::string derived_from;  // the exhibition's texts are written from this language
    std::vector<Problem> problems;
    std::optional<LanguageCoverage> coverage;

    std::size_t errors() const {
        return static_cast<std::size_t>(
            std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.error; }));
    }
};

std::vector<std::string> split_tags(const std::string& list) {
    std::vector<std::string> tags;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        if (comma > start) tags.push_back(list.substr(start, comma - start));
        start = comma + 1;
    }
    return tags;
}

std::string code_point_name(unsigned c) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", c);
    return text;
}

// Every text a visitor reading `language` can meet, with where it comes from.
std::vector<std::pair<std::string, std::string>> texts_in(const Bundle& bundle, const Phrasebook& phrases,
                                                          const TranslationCatalogs& catalogs,
                                                          const std::string& catalog) {
    std::vector<std::pair<std::string, std::string>> texts;
    for (const PhraseKey& key : catalogs.template_phrases()) {
        if (!shown_on_kiosk(key))
            continue;  // the organisers' report is read on paper, not drawn by the kiosk
        const std::string* text =
            key.context ? phrases.find(*key.context, key.msgid) : phrases.find(key.msgid);
        if (text != nullptr) texts.emplace_back(catalog + ": '" + key.display() + "'", *text);
    }
    const std::string& language = phrases.language();
    const auto add = [&](const std::string& where, const LanguageMap& map) {
        if (const std::string* text = map.find(language)) texts.emplace_back(where, *text);
    };
    add("exhibition.toml: title", bundle.exhibition.title);
    add("exhibition.toml: subtitle", bundle.exhibition.subtitle);
    for (const Section& section : bundle.exhibition.sections)
        add("exhibition.toml: section " + section.id, section.title);
    for (const SurveyQuestion& question : bundle.exhibition.survey) {
        add("exhibition.toml: survey question " + question.id, question.question);
        for (const SurveyOption& option : question.options)
            add("exhibition.toml: survey option " + question.id + "." + option.id, option.label);
    }
    for (const Artifact& a : bundle.artifacts) {
        for (const auto& [name, map] :
             std::vector<std::pair<const char*, const LanguageMap*>>{{"title", &a.title},
                                                                     {"subtitle", &a.subtitle},
                                                                     {"period", &a.period},
                                                                     {"materials", &a.materials},
                                                                     {"dimensions", &a.dimensions},
                                                                     {"credit", &a.credit},
                                                                     {"origin.place", &a.origin_place},
                                                                     {"origin.people", &a.origin_people}}) {
            add(a.manifest + ": " + name, *map);
        }
        for (const ArtifactImage& image : a.images) {
            add(a.manifest + ": alt of " + image.file, image.alt);
            add(a.manifest + ": caption of " + image.file, image.caption);
        }
    }
    return texts;
}

// The kiosk's fonts must have every letter of the language's texts.
void check_glyphs(const Bundle& bundle, const TranslationCatalogs& catalogs, LanguageReport& report) {
    const auto texts = texts_in(bundle, catalogs.phrasebook(report.language), catalogs,
                                report.catalog.empty() ? "the English source" : report.catalog);
    std::string all;
    for (const auto& [where, text] : texts) all += text;
    std::vector<unsigned> missing;
    std::string error;
    if (!ui::glyphs_missing_from_fonts(all, missing, error)) {
        report.problems.push_back(
            {true, "", "the kiosk's fonts cannot be read: " + error,
             "install the fonts: packaging/install-deps (fonts-noto-core, fonts-noto-cjk)"});
        return;
    }
    for (const unsigned c : missing) {
        const std::string letter = utf8_of(static_cast<char32_t>(c));
        std::string where = "a text";
        for (const auto& [place, text] : texts) {
            if (text.find(letter) != std::string::npos) {
                where = place;
                break;
            }
        }
        report.problems.push_back(
            {true, where,
             "'" + letter + "' (" + code_point_name(c) +
                 ") is in none of the kiosk's fonts: visitors would see '?'",
             "use another letter, or ask the kiosk's developers to add a font that has it"});
    }
}

// Which phrase a button label is, for the translator: its English text.
std::string phrase_of(const TranslationCatalogs& catalogs, const Phrasebook& phrases,
                      const std::string& label) {
    for (const PhraseKey& key : catalogs.template_phrases()) {
        const std::string* text =
            key.context ? phrases.find(*key.context, key.msgid) : phrases.find(key.msgid);
        if (text != nullptr && *text == label) return key.display();
    }
    return "";
}

// The tags given to --languages, checked and made canonical.
bool read_languages(const std::string& list, std::vector<std::string>& languages, std::string& problem) {
    languages = split_tags(list);
    for (std::string& tag : languages) {
        if (const auto tag_problem = language_tag_problem(tag)) {
            const std::string suggestion = did_you_mean_language(tag);
            problem = std::string("'") + tag + "' in --languages: " + *tag_problem +
                      (suggestion.empty() ? "" : "; " + suggestion);
            return false;
        }
        tag = canonical_language_tag(tag);
    }
    return true;
}

// What `amanat l10n check` checks: the --bundle folder; else, with --config,
// the exhibition a kiosk with that config shows (its active pack, else the one
// built in: the kiosk's own resolution, app/exhibition_source); else the one
// built in. `described` names it for the first line of the report.
struct ExhibitionToCheck {
    std::filesystem::path folder;
    std::string described;
};

ExhibitionToCheck exhibition_to_check(const CheckOptions& options, const KioskConfig& config,
                                      const std::filesystem::path& built_in) {
    if (options.bundle) return {*options.bundle, "the exhibition in " + options.bundle->string()};
    if (options.config) {
        const std::filesystem::path root = packs_root_of(config);
        const pack::InstalledPacks installed(root);
        if (const auto active = installed.active_bundle()) {
            std::error_code ec;
            const std::filesystem::path folder = std::filesystem::canonical(*active, ec);
            const std::filesystem::path shown = ec ? *active : folder;
            std::string name = shown.parent_path().filename().string();
            std::string unreadable;
            for (const pack::InstalledPack& p : installed.list(unreadable)) {
                if (p.active) name = p.bundle_id + " " + p.bundle_version;
            }
            return {shown, "the active pack " + name + " (" + shown.string() + "), which a kiosk with " +
                               options.config->string() + " shows"};
        }
        return {built_in, "the built-in exhibition (" + built_in.string() + "): no pack is active in " +
                              root.string() + ", so a kiosk with " + options.config->string() + " shows it"};
    }
    return {built_in, "the built-in exhibition (" + built_in.string() +
                          "); give --config with the kiosk's settings to check what a kiosk shows"};
}

// What every language's report is made from.
struct CheckContext {
    const TranslationCatalogs& catalogs;
    const Diagnostics& catalog_problems;
    const ScriptLanguages& scripts;
    const Bundle& bundle;  // as this venue shows it (with its derived languages)
    const std::vector<LanguageCoverage>& coverage;
    std::string folder_label;  // the catalogs' folder, as reports name it ("localisation")
};

// The kiosk's own words in `language`: its catalog, every phrase translated.
void check_catalog(const std::string& language, const CheckContext& c, LanguageReport& report) {
    // The phrases visitors and staff meet on the kiosk: not the organisers' report's.
    report.phrases = static_cast<std::size_t>(std::count_if(
        c.catalogs.template_phrases().begin(), c.catalogs.template_phrases().end(), shown_on_kiosk));
    const auto loaded = c.catalogs.languages();
    const bool has_catalog = std::find(loaded.begin(), loaded.end(), language) != loaded.end();
    const std::string catalog = c.folder_label + "/" + language + ".po";
    if (has_catalog || language == "en") {
        report.catalog = has_catalog ? catalog : "";
        const auto untranslated = c.catalogs.untranslated(language);
        report.translated = report.phrases - (language == "en" && !has_catalog ? 0 : untranslated.size());
        if (has_catalog) {
            for (const std::string& phrase : untranslated) {
                report.problems.push_back({true, catalog,
                                           "'" + phrase + "' is not translated: visitors see English",
                                           "translate it (Poedit, or msgstr in the file)"});
            }
        }
    } else {
        report.problems.push_back({true, catalog,
                                   "there is no catalog for " + language_english_name(language) +
                                       ": visitors choosing it see the kiosk's buttons in English",
                                   "make one from the template: cp amanat.pot " + language +
                                       ".po, then translate it "
                                       "(localisation/README.md)"});
    }
}

// The transliteration rules `language` is written by, if any, and their problems.
const ScriptDerivation* check_derivation(const std::string& language, const CheckContext& c,
                                         LanguageReport& report) {
    const std::string catalog = c.folder_label + "/" + language + ".po";
    const ScriptDerivation* derivation = nullptr;
    for (const ScriptDerivation& d : kScriptDerivations) {
        if (language == d.target) derivation = &d;
    }
    for (const Diagnostic& d : c.catalog_problems.items()) {
        if (d.file != catalog && !(derivation != nullptr && d.file.ends_with(derivation->rule_file)))
            continue;
        report.problems.push_back({d.severity == Severity::Error,
                                   d.file + (d.line > 0 ? ":" + std::to_string(d.line) : ""), d.message,
                                   d.fix});
    }
    return derivation;
}

LanguageReport report_on(const std::string& language, const CheckContext& c) {
    LanguageReport report;
    report.language = language;
    check_catalog(language, c, report);
    const ScriptDerivation* derivation = check_derivation(language, c, report);
    const auto& derived = c.bundle.exhibition.derived_languages;
    if (std::find(derived.begin(), derived.end(), language) != derived.end()) {
        report.derived_from = derivation->source;
    } else if (derivation != nullptr && !c.scripts.making(language)) {
        report.problems.push_back(
            {true, c.folder_label + "/" + derivation->rule_file,
             "the transliteration rules are missing, so the exhibition's texts cannot be written in " +
                 language_english_name(language) + " from " + language_english_name(derivation->source),
             "restore the file from the kiosk's source"});
    }
    if (std::find(c.bundle.exhibition.languages.begin(), c.bundle.exhibition.languages.end(), language) ==
        c.bundle.exhibition.languages.end()) {
        report.problems.push_back({false, "exhibition.toml",
                                   "the exhibition does not offer " + language_english_name(language) +
                                       ", so visitors at this venue cannot choose it",
                                   "add '" + language + "' to the exhibition's languages = [...]"});
    }
    for (const LanguageCoverage& row : c.coverage) {
        if (row.language == language) report.coverage = row;
    }
    check_glyphs(c.bundle, c.catalogs, report);
    return report;
}

// Labels that do not fit, measured once for every language (one font atlas),
// added to their languages' reports. False with `problem` when the fonts cannot be read.
bool check_label_widths(const Bundle& bundle, const TranslationCatalogs& catalogs,
                        const std::vector<std::string>& languages, std::vector<LanguageReport>& reports,
                        std::string& problem) {
    std::vector<ui::SqueezedLabel> squeezed;
    std::string font_error;
    if (!ui::find_squeezed_labels(bundle, catalogs, languages, {{1920, 1080}, {1080, 1920}}, squeezed,
                                  font_error)) {
        problem = "the kiosk's fonts cannot be read: " + font_error;
        return false;
    }
    for (const ui::SqueezedLabel& s : squeezed) {
        for (LanguageReport& report : reports) {
            if (report.language != s.language) continue;
            const std::string phrase = phrase_of(catalogs, catalogs.phrasebook(s.language), s.label);
            report.problems.push_back(
                {true, report.catalog.empty() ? s.screen : report.catalog,
                 "'" + s.label + "'" + (phrase.empty() ? "" : " ('" + phrase + "')") +
                     " does not fit its button on the " + s.screen + " screen at " +
                     (s.text_size == TextSize::Large ? "large" : "normal") + " text, " +
                     std::to_string(s.width) + "x" + std::to_string(s.height) + ": it needs " +
                     std::to_string(static_cast<int>(s.needed)) + " pixels, the button has room for " +
                     std::to_string(static_cast<int>(s.available)) + " (the kiosk draws it smaller)",
                 "use a shorter word; the note above the phrase in amanat.pot says how long it may be"});
        }
    }

    return true;
}

void print_json(const std::string& described, const std::filesystem::path& folder,
                const std::vector<LanguageReport>& reports, std::size_t errors, std::size_t notes) {
    using nlohmann::json;
    json out;
    out["bundle"] = folder.string();
    out["exhibition"] = described;
    out["ok"] = errors == 0;
    out["errors"] = errors;
    out["notes"] = notes;
    json list = json::array();
    for (const LanguageReport& report : reports) {
        json problems = json::array();
        for (const Problem& p : report.problems) {
            problems.push_back({{"severity", p.error ? "error" : "note"},
                                {"where", p.where},
                                {"message", p.message},
                                {"fix", p.fix}});
        }
        json entry{{"language", report.language},     {"name", language_english_name(report.language)},
                   {"catalog", report.catalog},       {"phrases", report.phrases},
                   {"translated", report.translated}, {"derived_from", report.derived_from},
                   {"problems", std::move(problems)}};
        if (report.coverage) {
            const LanguageCoverage& c = *report.coverage;
            entry["coverage"] = {{"titles", c.titles},
                                 {"artifacts", c.artifacts},
                                 {"stories", c.stories},
                                 {"alt_texts", c.alt_texts},
                                 {"images", c.images},
                                 {"narrations", c.narrations},
                                 {"narrated_artifacts", c.narrated_artifacts},
                                 {"subtitles", c.subtitles},
                                 {"videos", c.videos}};
        }
        list.push_back(std::move(entry));
    }
    out["languages"] = std::move(list);
    std::printf("%s\n", out.dump(2).c_str());
}

void print_text(const std::string& described, const std::vector<LanguageReport>& reports, std::size_t errors,
                std::size_t notes) {
    std::printf("The kiosk's words for %s\n\n", described.c_str());
    for (const LanguageReport& report : reports) {
        std::string line = report.language + " " + language_english_name(report.language) + ": ";
        line += report.catalog.empty() && report.language != "en"
                    ? "no catalog"
                    : std::to_string(report.translated) + "/" + std::to_string(report.phrases) + " phrases";
        if (report.coverage) {
            const LanguageCoverage& c = *report.coverage;
            line += "; exhibition: " + std::to_string(c.titles) + "/" + std::to_string(c.artifacts) +
                    " titles, " + std::to_string(c.stories) + "/" + std::to_string(c.artifacts) + " stories";
        }
        if (!report.derived_from.empty()) line += " (written from " + report.derived_from + ")";
        line += report.problems.empty() ? " - ok" : "";
        std::printf("%s\n", line.c_str());
        for (const Problem& p : report.problems) {
            std::printf("  %-6s %s%s%s\n", p.error ? "error" : "note", p.where.c_str(),
                        p.where.empty() ? "" : ": ", p.message.c_str());
            std::printf("         fix: %s\n", p.fix.c_str());
        }
    }
    std::printf("\n%zu language%s checked: %zu problem%s, %zu note%s.\n", reports.size(),
                reports.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s", notes, notes == 1 ? "" : "s");
}

int check(const CheckOptions& options, const Command& command) {
    const DataFolders data = data_folders(AMANAT_DEFAULT_LOCALISATION, AMANAT_DEFAULT_BUNDLE);
    const std::filesystem::path localisation = options.localisation.value_or(data.localisation);
    const std::optional<std::filesystem::path>& config_file = options.config;
    std::vector<std::string> languages = options.languages;
    const bool json = options.json;

    std::error_code unreadable;
    if (!std::filesystem::is_directory(localisation, unreadable))
        return command.input_error(localisation.string() + " is not a folder of catalogs");
    Diagnostics catalog_problems;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(localisation, catalog_problems);
    const ScriptLanguages scripts = ScriptLanguages::load(localisation, catalog_problems);
    if (catalogs.template_phrases().empty())
        return command.input_error("no template " +
                                   (localisation / TranslationCatalogs::kTemplateFileName).string() +
                                   ": cannot tell which phrases the kiosk needs");

    KioskConfig config;
    if (config_file) {
        Diagnostics config_problems;
        config = load_kiosk_config(*config_file, config_problems);
        if (config_problems.has_errors()) {
            for (const Diagnostic& d : config_problems.items())
                std::fprintf(stderr, "amanat l10n check: %s:%d: %s\n", d.file.c_str(), d.line,
                             d.message.c_str());
            return command.input_error("fix " + config_file->string() + " first");
        }
    }

    const ExhibitionToCheck exhibition = exhibition_to_check(options, config, data.exhibition);
    const std::filesystem::path& bundle_folder = exhibition.folder;
    if (!json) std::fprintf(stderr, "amanat l10n check: checking %s\n", exhibition.described.c_str());
    ValidationOptions validation;
    validation.scripts = &scripts;
    const ValidationReport validated = validate_bundle(bundle_folder, validation);
    if (!validated.bundle)
        return command.input_error("cannot read the exhibition in " + bundle_folder.string() +
                                   "; run 'amanat pack validate " + bundle_folder.string() + "'");
    Bundle bundle = *validated.bundle;
    if (languages.empty()) languages = config.languages;
    derive_script_languages(bundle, scripts, languages);
    if (languages.empty()) languages = bundle.exhibition.languages;

    const std::vector<LanguageCoverage> coverage = translation_coverage(bundle);
    const std::string folder_label =
        std::filesystem::absolute(localisation).lexically_normal().filename().string();
    const CheckContext context{catalogs, catalog_problems,
                               scripts,  bundle,
                               coverage, folder_label.empty() ? "localisation" : folder_label};
    std::vector<LanguageReport> reports;
    for (const std::string& language : languages) reports.push_back(report_on(language, context));
    std::string font_problem;
    if (!check_label_widths(bundle, catalogs, languages, reports, font_problem))
        return command.input_error(font_problem);

    std::size_t errors = 0;
    std::size_t notes = 0;
    for (const LanguageReport& report : reports) {
        errors += report.errors();
        notes += report.problems.size() - report.errors();
    }
    if (json)
        print_json(exhibition.described, bundle_folder, reports, errors, notes);
    else
        print_text(exhibition.described, reports, errors, notes);
    return errors == 0 ? 0 : 1;
}

void add_l10n_check(Command& l10n) {
    const auto options = std::make_shared<CheckOptions>();
    Command& command =
        l10n.command("check", kCheckText, [options](const Command& c) { return check(*options, c); });
    command.value("--bundle", options->bundle, "DIR", "a folder",
                  "the exhibition to check with (default: with --config, the one a\n"
                  "kiosk with that config shows; else the built-in one)");
    command.value("--config", options->config, "FILE", "a file",
                  "the kiosk's settings: its [visitors] languages are the ones checked,\n"
                  "in the exhibition it shows (its active pack, else the built-in one)");
    command.value("--languages", "TAGS", "a value",
                  "the languages to check, e.g. ko,en,kk-Latn (default: the config's,\n"
                  "else the exhibition's)",
                  [&languages = options->languages](const std::string& list, std::string& problem) {
                      return read_languages(list, languages, problem);
                  });
    command.value("--localisation", options->localisation, "DIR", "a folder",
                  "the folder of the catalogs (default: the kiosk's own)");
    command.flag("--json", options->json, "print the report as JSON on standard output");
    command.call_unknown_options_unexpected();
}

}  // namespace

void add_l10n(Command& program) {
    Command& l10n = program.group(
        "l10n", {.synopsis = "Usage: amanat l10n SUBCOMMAND [ARGS...]\n",
                 .description = "The kiosk's own words in the venue's languages (localisation/README.md).\n",
                 .footer = "Run 'amanat l10n SUBCOMMAND --help' for each one's options.\n"});
    add_l10n_check(l10n);
    add_l10n_transliterate(l10n);
}

}  // namespace amanat::cli
