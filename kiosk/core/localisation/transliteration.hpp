#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/files/diagnostics.hpp"
#include "core/localisation/language_map.hpp"

namespace amanat {

// Writes a language's texts in another script, by an ICU transform rule file in
// localisation/ (see localisation/README.md). The kiosk uses it to offer Kazakh in
// the Latin alphabet of 2021 ("kk-Latn") when a bundle has Kazakh only in Cyrillic
// ("kk"): localisation/kk-Cyrl-kk-Latn.txt.
//
// Only the letters the rules name change: Latin text, digits and ASCII punctuation
// pass through, so Markdown stays Markdown.
//
// Thread contract: load() may run on any thread. Once loaded, transliterate() and
// derive() may be called from any number of threads at once. ICU's API documents
// no such guarantee for one Transliterator (transliterate() being const does not
// make it one), so calls on one ScriptTransliterator take turns on a mutex. That
// costs nothing in practice: a whole story takes well under a millisecond, and the
// kiosk transliterates each text once when it loads a bundle, not every frame.
class ScriptTransliterator {
  public:
    // The rules for Kazakh, Cyrillic to the Latin alphabet of 2021.
    static constexpr const char* kKazakhLatinRuleFile = "kk-Cyrl-kk-Latn.txt";

    // Reads and compiles `rule_file`, which writes text in `source_language` as
    // `target_language`. Problems go to `out` with the file named relative to its
    // folder's parent ("localisation/kk-Cyrl-kk-Latn.txt") and the line of the
    // faulty rule; the result is then nullopt and no text is derived.
    static std::optional<ScriptTransliterator> load(const std::filesystem::path& rule_file,
                                                    std::string source_language, std::string target_language,
                                                    Diagnostics& out);

    // Kazakh "kk" (Cyrillic) to "kk-Latn", from `localisation_folder`/kKazakhLatinRuleFile.
    static std::optional<ScriptTransliterator> load_kazakh_latin(
        const std::filesystem::path& localisation_folder, Diagnostics& out);

    ScriptTransliterator(ScriptTransliterator&&) noexcept;
    ScriptTransliterator& operator=(ScriptTransliterator&&) noexcept;
    ScriptTransliterator(const ScriptTransliterator&) = delete;
    ScriptTransliterator& operator=(const ScriptTransliterator&) = delete;
    ~ScriptTransliterator();

    // `utf8` in the target script. Invalid UTF-8 sequences become U+FFFD.
    std::string transliterate(std::string_view utf8) const;

    // The target language's text made from the source language's, when `map` has
    // the source language and not the target one (a text a person wrote in the
    // target language always wins); nullopt otherwise.
    std::optional<std::string> derive(const LanguageMap& map) const;

    const std::string& source_language() const { return m_source_language; }
    const std::string& target_language() const { return m_target_language; }

  private:
    struct Rules;  // the compiled ICU transliterator and its mutex

    ScriptTransliterator(std::unique_ptr<Rules> rules, std::string source_language,
                         std::string target_language);

    std::unique_ptr<Rules> m_rules;
    std::string m_source_language;
    std::string m_target_language;
};

}  // namespace amanat
