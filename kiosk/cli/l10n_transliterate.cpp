// amanat l10n transliterate: writes standard input in another script by the
// kiosk's own rules (localisation/kk-Cyrl-kk-Latn.txt...), for translators who
// start a Latin-script catalog from the Cyrillic one with msgfilter.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "cli/command_errors.hpp"
#include "cli/l10n.hpp"
#include "core/exhibition/script_languages.hpp"
#include "core/files/diagnostics.hpp"
#include "core/settings/data_folders.hpp"

namespace amanat::cli {

namespace {

const char* const kSynopsis = "Usage: amanat l10n transliterate LANGUAGE [--localisation DIR] < TEXT\n";

const char* const kHelp =
    "\n"
    "Writes standard input in LANGUAGE's script by the kiosk's transliteration rules, the\n"
    "same the kiosk uses for the exhibition's texts: kk-Latn (Kazakh in the Latin alphabet\n"
    "of 2021, from Cyrillic) or sr-Latn (Serbian in Latin, from Cyrillic). Latin letters,\n"
    "digits, Markdown and {arguments} pass through unchanged. To start a catalog:\n"
    "\n"
    "  msgfilter --keep-header -i kk.po -o kk-Latn.po amanat l10n transliterate kk-Latn\n"
    "\n"
    "then set its header's Language to kk-Latn and read it through.\n"
    "\n"
    "Options:\n"
    "  --localisation DIR   the folder of the rule files (default: the kiosk's own)\n"
    "  -h, --help           print this help\n";

const CommandErrors kErrors{"amanat l10n transliterate", kSynopsis};

}  // namespace

int l10n_transliterate(const std::vector<std::string>& args) {
    std::filesystem::path localisation =
        data_folders(AMANAT_DEFAULT_LOCALISATION, AMANAT_DEFAULT_BUNDLE).localisation;
    std::string language;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-h" || args[i] == "--help") {
            std::fputs(kSynopsis, stdout);
            std::fputs(kHelp, stdout);
            return 0;
        } else if (args[i] == "--localisation") {
            if (i + 1 >= args.size()) return kErrors.usage_error("--localisation needs a folder");
            localisation = args[++i];
        } else if (!args[i].empty() && args[i][0] == '-') {
            return kErrors.usage_error("unknown option '" + args[i] + "'");
        } else if (language.empty()) {
            language = args[i];
        } else {
            return kErrors.usage_error("give one language (got '" + language + "' and '" + args[i] + "')");
        }
    }
    if (language.empty()) return kErrors.usage_error("which language? kk-Latn or sr-Latn");
    bool known = false;
    for (const ScriptDerivation& derivation : kScriptDerivations)
        known = known || language == derivation.target;
    if (!known) return kErrors.usage_error("the kiosk writes only kk-Latn and sr-Latn by transliteration");

    Diagnostics problems;
    const ScriptLanguages scripts = ScriptLanguages::load(localisation, problems);
    const auto script = scripts.making(language);
    if (!script) {
        for (const Diagnostic& d : problems.items())
            std::fprintf(stderr, "amanat l10n transliterate: %s:%d: %s\n", d.file.c_str(), d.line,
                         d.message.c_str());
        return kErrors.input_error("no usable rules for " + language + " in " + localisation.string());
    }
    const std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    const std::string written = script->transliterate(text);
    std::fwrite(written.data(), 1, written.size(), stdout);
    return 0;
}

}  // namespace amanat::cli
