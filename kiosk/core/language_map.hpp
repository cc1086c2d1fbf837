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

}  // namespace amanat
