#include "ui/formatted_phrases.hpp"

#include <variant>

namespace amanat::ui {
namespace {

// One text naming the phrase and its arguments; the unit separator cannot occur
// in a phrase or a number.
std::string key_of(const std::string& language, const char* msgid,
                   const std::vector<NamedArgument>& arguments) {
    std::string key = language + '\x1f' + msgid;
    for (const NamedArgument& argument : arguments) {
        key += '\x1f' + argument.name + '=';
        std::visit(
            [&key](const auto& value) {
                if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>) {
                    key += value;
                } else {
                    key += std::to_string(value);
                }
            },
            argument.value.value());
    }
    return key;
}

}  // namespace

const std::string& FormattedPhrases::format(const Phrasebook& phrases, const char* msgid,
                                            const std::vector<NamedArgument>& arguments) {
    std::string key = key_of(phrases.language(), msgid, arguments);
    if (const auto kept = m_kept.find(key); kept != m_kept.end()) return kept->second;
    if (m_kept.size() >= kKept) m_kept.clear();
    Diagnostics problems;
    std::string text = format_message(phrases.language(), phrases.tr(msgid), arguments, problems);
    if (problems.has_errors()) {
        Diagnostics english_problems;
        text = format_message("en", msgid, arguments, english_problems);
    }
    return m_kept.emplace(std::move(key), std::move(text)).first->second;
}

}  // namespace amanat::ui
