#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/files/diagnostics.hpp"

namespace amanat {

// The kiosk's own UI words (buttons, overlays) come from gettext PO catalogs, one
// file per language in localisation/ (see localisation/README.md). Code names a
// phrase by its English text, so that
//   xgettext --keyword=tr --keyword=trc:1c,2 ...
// can regenerate the template localisation/amanat.pot from calls such as
//   phrasebook.tr("Touch to start")
//   phrasebook.trc("language name", "English")
// (`cmake --build --preset dev --target amanat-pot` runs localisation/make-pot.cmake).
// A `// TRANSLATORS:` comment on the line(s) right above a phrase becomes its note
// for translators in the template.

// Marks a phrase for xgettext where it is written but translated elsewhere:
//   add(N_("Period"), ...);  ...  phrases.tr(label)
// It does nothing: the text stays the English msgid.
#define N_(text) text

// One UI phrase as gettext identifies it: the English source text (msgid) and,
// where the same English words need different translations, a context (msgctxt).
struct PhraseKey {
    std::optional<std::string> context;
    std::string msgid;

    // "Home", or "language name|English" for a phrase with a context: for reports.
    std::string display() const;
    bool operator==(const PhraseKey&) const = default;
};

// The msgctxt of every phrase of the organisers' report (kiosk/report), which
// organisers read on paper, never visitors on a kiosk. A language is complete
// for the kiosk without them: untranslated phrases of the report show in
// English, and the kiosk's completeness checks (untranslated(), the loader's
// "incomplete" warning, `amanat l10n check`) leave them out.
inline constexpr std::string_view kReportContext = "organisers' report";

// Whether the kiosk shows this phrase (every phrase but the report's).
inline bool shown_on_kiosk(const PhraseKey& key) {
    return !key.context || *key.context != kReportContext;
}

struct Phrase {
    PhraseKey key;
    std::string translation;
};

// The UI phrases of one language. Immutable once built, so any number of threads
// may read one at the same time.
//
// Move-only: tr() and trc() hand out pointers into the phrasebook's own strings,
// which stay where they are when the phrasebook is moved, but a copy would not
// own them.
class Phrasebook {
  public:
    // The English source: it has no translations, so every phrase is its msgid.
    Phrasebook() : Phrasebook("en", {}) {}
    // Phrases with an empty translation are left out (they show their msgid); of
    // two phrases with the same key, the first counts.
    Phrasebook(std::string language, std::vector<Phrase> phrases);

    Phrasebook(Phrasebook&&) = default;
    Phrasebook& operator=(Phrasebook&&) = default;
    Phrasebook(const Phrasebook&) = delete;
    Phrasebook& operator=(const Phrasebook&) = delete;

    // The translation of `msgid`, or `msgid` itself when this language has none.
    // Called every frame: no allocation, one hash lookup. A returned translation
    // stays valid as long as this phrasebook (a returned msgid is the caller's).
    const char* tr(const char* msgid) const;
    // The same for a phrase with a context (msgctxt), e.g. trc("language name", "English").
    const char* trc(const char* context, const char* msgid) const;

    // The translation, or nullptr when this language has none.
    const std::string* find(std::string_view msgid) const;
    const std::string* find(std::string_view context, std::string_view msgid) const;

    // The BCP 47 tag, e.g. "kk" or "kk-Latn".
    const std::string& language() const { return m_language; }
    // The language's name in itself ("Қазақша", "한국어"): trc("language name", "English").
    std::string language_name() const;
    // How many phrases are translated.
    std::size_t size() const { return m_phrases.size(); }

  private:
    // Views into m_phrases, which is never changed after construction.
    struct IndexKey {
        bool has_context = false;
        std::string_view context;
        std::string_view msgid;
        bool operator==(const IndexKey&) const = default;
    };
    struct IndexKeyHash {
        std::size_t operator()(const IndexKey& key) const;
    };

    const std::string* find(const IndexKey& key) const;

    std::string m_language;
    std::vector<Phrase> m_phrases;
    std::unordered_map<IndexKey, std::size_t, IndexKeyHash> m_index;  // -> m_phrases
};

// Every language's phrasebook, read from a folder of PO files.
//
// Thread contract: load() may run on any thread, also on several at once (it
// serialises its use of libgettextpo, see catalog.cpp). The result is immutable,
// so its const methods are safe to call from any number of threads.
class TranslationCatalogs {
  public:
    // The template every PO file is made from, in the same folder.
    static constexpr const char* kTemplateFileName = "amanat.pot";

    // No languages: every phrasebook is the English source.
    TranslationCatalogs() = default;

    // Reads the template and every *.po file in `folder`; the file name is the
    // language's BCP 47 tag (kk.po, kk-Latn.po). Problems go to `out` with file
    // names relative to the folder's parent ("localisation/kk.po"). A file with
    // syntax errors, or not in UTF-8, is left out (its language shows English);
    // fuzzy entries, gettext plural entries (the kiosk's plurals are ICU message
    // patterns) and translations of patterns that would show wrongly (see
    // core/localisation/message_pattern.hpp) are left out one by one.
    static TranslationCatalogs load(const std::filesystem::path& folder, Diagnostics& out);

    // This language's phrasebook (the tag must match the file name exactly), or
    // the English source phrasebook when there is none.
    const Phrasebook& phrasebook(std::string_view language) const;
    const Phrasebook& source() const { return m_source; }

    // The tags of the languages loaded, sorted.
    std::vector<std::string> languages() const;

    // The template's phrases, in its order; empty when there is no template.
    const std::vector<PhraseKey>& template_phrases() const { return m_template; }

    // The template's phrases the kiosk shows (shown_on_kiosk) that have no
    // translation in this language, each as PhraseKey::display() writes it; all
    // of them for a language not loaded. For the English source language this
    // lists the phrases that show their msgid.
    std::vector<std::string> untranslated(std::string_view language) const;

  private:
    Phrasebook m_source;
    std::map<std::string, Phrasebook, std::less<>> m_phrasebooks;
    std::vector<PhraseKey> m_template;
};

}  // namespace amanat
