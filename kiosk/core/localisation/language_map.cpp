#include "core/localisation/language_map.hpp"

#include <algorithm>

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

void FallbackChains::set(std::string language, std::vector<std::string> fallbacks) {
    for (auto& [tag, existing] : m_lines) {
        if (tag == language) {
            existing = std::move(fallbacks);
            return;
        }
    }
    m_lines.emplace_back(std::move(language), std::move(fallbacks));
}

bool FallbackChains::has_own_line(std::string_view language) const {
    return std::any_of(m_lines.begin(), m_lines.end(),
                       [&](const auto& line) { return line.first == language; });
}

std::vector<std::string> FallbackChains::chain(std::string_view language) const {
    std::vector<std::string> result{std::string(language)};
    const std::vector<std::string>* fallbacks = &m_default;
    for (const auto& [tag, list] : m_lines) {
        if (tag == language) fallbacks = &list;
    }
    for (const std::string& next : *fallbacks) {
        if (std::find(result.begin(), result.end(), next) == result.end()) result.push_back(next);
    }
    return result;
}

LocalisedText localise(const LanguageMap& map, std::string_view language, const FallbackChains& fallback) {
    for (const std::string& candidate : fallback.chain(language)) {
        if (const std::string* text = map.find(candidate)) {
            return LocalisedText{text, candidate, candidate != language};
        }
    }
    return LocalisedText{};
}

}  // namespace amanat
