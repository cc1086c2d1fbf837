#include "core/language_map.hpp"

namespace amanat {

void LanguageMap::set(std::string language, std::string text) {
    for (auto& [tag, existing] : m_entries) {
        if (tag == language) {
            existing = std::move(text);
            return;
        }
    }
    m_entries.emplace_back(std::move(language), std::move(text));
}

const std::string* LanguageMap::find(std::string_view language) const {
    for (const auto& [tag, text] : m_entries) {
        if (tag == language) return &text;
    }
    return nullptr;
}

}  // namespace amanat
