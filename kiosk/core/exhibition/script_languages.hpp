#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/files/diagnostics.hpp"
#include "core/localisation/transliteration.hpp"

namespace amanat {

// A language the kiosk can write from another by transliteration, with the ICU
// rule file in localisation/ that does it.
struct ScriptDerivation {
    const char* source;  // "kk": Kazakh as bundles write it (Cyrillic)
    const char* target;  // "kk-Latn": the Latin alphabet of 2021
    const char* rule_file;
};

// Kazakh for visitors who read Turkic Latin scripts (Istanbul); Serbian in both of
// its official scripts (Belgrade).
inline constexpr ScriptDerivation kScriptDerivations[] = {
    {"kk", "kk-Latn", "kk-Cyrl-kk-Latn.txt"},
    {"sr", "sr-Latn", "sr-Cyrl-sr-Latn.txt"},
};

// The rule files of kScriptDerivations, compiled. Immutable once loaded, so any
// number of threads may use one (ScriptTransliterator serialises its own calls).
class ScriptLanguages {
  public:
    ScriptLanguages() = default;  // none: no language is derived

    // Compiles every rule file of kScriptDerivations found in `localisation_folder`.
    // A missing file only means that language cannot be derived (`amanat l10n
    // check` says so); a faulty one is reported to `out` with its line.
    static ScriptLanguages load(const std::filesystem::path& localisation_folder, Diagnostics& out);

    // The transliterator that writes `target`, or nullptr.
    std::shared_ptr<const ScriptTransliterator> making(std::string_view target) const;
    const std::vector<std::shared_ptr<const ScriptTransliterator>>& all() const { return m_scripts; }

  private:
    std::vector<std::shared_ptr<const ScriptTransliterator>> m_scripts;
};

// Gives `bundle` the texts of each derived language its exhibition lists (say
// "kk-Latn" in languages = [...]) and does not write itself: every text in the
// source language ("kk") without one in the target is transliterated, and file
// texts (stories, transcripts, subtitles) are marked to be transliterated as they
// are read (Bundle::as_written_in). A text an author wrote in the target language
// always wins; narration audio is shared (it is the same spoken language).
// Languages the exhibition does not list are still derived when `also` names them
// (the venue's own list of languages, kiosk.toml [visitors] languages), and are
// then added to the exhibition's languages after their source.
void derive_script_languages(Bundle& bundle, const ScriptLanguages& scripts,
                             const std::vector<std::string>& also = {});

// `text`, read from the bundle file `path` for a visitor reading `language`: in
// the derived language's script when the file is one derive_script_languages()
// shares with the source language, unchanged otherwise.
std::string as_written_in(const Bundle& bundle, std::string_view language, std::string_view path,
                          std::string text);

}  // namespace amanat
