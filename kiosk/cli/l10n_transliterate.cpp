// amanat l10n transliterate: writes standard input in another script by the
// kiosk's own rules (localisation/kk-Cyrl-kk-Latn.txt...), for translators who
// start a Latin-script catalog from the Cyrillic one with msgfilter.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/l10n.hpp"
#include "core/exhibition/script_languages.hpp"
#include "core/files/diagnostics.hpp"
#include "core/settings/data_folders.hpp"

namespace amanat::cli {

namespace {

const CommandText kText{
    .listing = "transliterate",
    .summary = "standard input in kk-Latn or sr-Latn, by the kiosk's rules",
    .synopsis = "Usage: amanat l10n transliterate LANGUAGE [--localisation DIR] < TEXT\n",
    .description =
        "Writes standard input in LANGUAGE's script by the kiosk's transliteration rules, the\n"
        "same the kiosk uses for the exhibition's texts: kk-Latn (Kazakh in the Latin alphabet\n"
        "of 2021, from Cyrillic) or sr-Latn (Serbian in Latin, from Cyrillic). Latin letters,\n"
        "digits, Markdown and {arguments} pass through unchanged. To start a catalog:\n"
        "\n"
        "  msgfilter --keep-header -i kk.po -o kk-Latn.po amanat l10n transliterate kk-Latn\n"
        "\n"
        "then set its header's Language to kk-Latn and read it through.\n",
};

struct TransliterateOptions {
    std::string language;
    std::optional<std::filesystem::path> localisation;
};

int transliterate(const TransliterateOptions& options, const Command& command) {
    const std::string& language = options.language;
    const std::filesystem::path localisation = options.localisation.value_or(
        data_folders(AMANAT_DEFAULT_LOCALISATION, AMANAT_DEFAULT_BUNDLE).localisation);
    bool known = false;
    for (const ScriptDerivation& derivation : kScriptDerivations)
        known = known || language == derivation.target;
    if (!known) return command.usage_error("the kiosk writes only kk-Latn and sr-Latn by transliteration");

    Diagnostics problems;
    const ScriptLanguages scripts = ScriptLanguages::load(localisation, problems);
    const auto script = scripts.making(language);
    if (!script) {
        for (const Diagnostic& d : problems.items())
            std::fprintf(stderr, "amanat l10n transliterate: %s:%d: %s\n", d.file.c_str(), d.line,
                         d.message.c_str());
        return command.input_error("no usable rules for " + language + " in " + localisation.string());
    }
    const std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    const std::string written = script->transliterate(text);
    std::fwrite(written.data(), 1, written.size(), stdout);
    return 0;
}

}  // namespace

void add_l10n_transliterate(Command& l10n) {
    const auto options = std::make_shared<TransliterateOptions>();
    Command& command = l10n.command("transliterate", kText,
                                    [options](const Command& c) { return transliterate(*options, c); });
    command.operand("LANGUAGE", options->language, "which language? kk-Latn or sr-Latn");
    command.value("--localisation", options->localisation, "DIR", "a folder",
                  "the folder of the rule files (default: the kiosk's own)");
}

}  // namespace amanat::cli
