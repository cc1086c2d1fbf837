#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace amanat {

// A human-readable field in several languages, keyed by BCP 47 tag ("en", "kk",
// "kk-Latn"), in the spirit of IIIF Presentation 3's language maps.
// Entries keep the order in which the manifest wrote them.
class LanguageMap {
  public:
    void set(std::string language, std::string text);

    // The text in exactly this language, or nullptr.
    const std::string* find(std::string_view language) const;

    bool empty() const { return m_entries.empty(); }
    const std::vector<std::pair<std::string, std::string>>& entries() const { return m_entries; }

  private:
    std::vector<std::pair<std::string, std::string>> m_entries;
};

// Which languages to try, in order, when a text is missing in the visitor's
// language: the exhibition's [fallback] table.
class FallbackChains {
  public:
    void set_default(std::vector<std::string> languages) { m_default = std::move(languages); }
    void set(std::string language, std::vector<std::string> fallbacks);

    // The visitor's language first, then its own fallback list (or the default
    // list when it has none), each language once.
    std::vector<std::string> chain(std::string_view language) const;

    bool has_default() const { return !m_default.empty(); }
    bool has_own_line(std::string_view language) const;
    const std::vector<std::string>& default_chain() const { return m_default; }
    const std::vector<std::pair<std::string, std::vector<std::string>>>& lines() const { return m_lines; }

  private:
    std::vector<std::string> m_default;
    std::vector<std::pair<std::string, std::vector<std::string>>> m_lines;
};

// A field looked up for a visitor: the text, and the language it is really in,
// so the UI can mark text shown in another language than the visitor's.
struct LocalisedText {
    const std::string* text = nullptr;  // nullptr: not in any language of the chain
    std::string language;
    bool is_fallback = false;  // true when `language` is not the one asked for

    explicit operator bool() const { return text != nullptr; }
};

LocalisedText localise(const LanguageMap& map, std::string_view language, const FallbackChains& fallback);

}  // namespace amanat
