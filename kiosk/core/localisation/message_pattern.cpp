#include "core/localisation/message_pattern.hpp"

#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/parseerr.h>
#include <unicode/plurrule.h>
#include <unicode/strenum.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "core/localisation/icu_text.hpp"

namespace amanat {
namespace {

using icu_text::locale_of;
using icu_text::unicode;
using icu_text::utf8;

std::vector<std::string> categories(std::string_view language, UPluralType type) {
    static const char* const kOrder[] = {"zero", "one", "two", "few", "many", "other"};
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<icu::PluralRules> rules(
        icu::PluralRules::forLocale(locale_of(language), type, status));
    if (U_FAILURE(status) || !rules) return {"other"};
    const std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(status));
    std::vector<std::string> found;
    if (U_FAILURE(status) || !keywords) return {"other"};
    while (const char* keyword = keywords->next(nullptr, status)) {
        if (U_FAILURE(status)) break;
        found.emplace_back(keyword);
    }
    std::vector<std::string> ordered;
    for (const char* name : kOrder) {
        if (std::find(found.begin(), found.end(), name) != found.end()) ordered.emplace_back(name);
    }
    return ordered;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "none" : out;
}

struct ReadPlural {
    PluralArgument argument;
    bool ordinal = false;
};

std::optional<std::vector<ReadPlural>> read_plurals(std::string_view pattern, std::vector<std::string>& names,
                                                    std::string& error) {
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString text = unicode(pattern);
    icu::MessagePattern parsed(text, &parse_error, status);
    if (U_FAILURE(status)) {
        error = std::string(u_errorName(status)) +
                (parse_error.offset >= 0 ? " at character " + std::to_string(parse_error.offset + 1) : "");
        return std::nullopt;
    }
    std::vector<ReadPlural> plurals;
    for (int32_t i = 0; i < parsed.countParts(); ++i) {
        const icu::MessagePattern::Part& part = parsed.getPart(i);
        if (part.getType() == UMSGPAT_PART_TYPE_ARG_NAME || part.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER) {
            const std::string name = utf8(parsed.getSubstring(part));
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
        if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
        const UMessagePatternArgType type = part.getArgType();
        if (type != UMSGPAT_ARG_TYPE_PLURAL && type != UMSGPAT_ARG_TYPE_SELECTORDINAL) continue;
        ReadPlural plural;
        plural.ordinal = type == UMSGPAT_ARG_TYPE_SELECTORDINAL;
        plural.argument.name = utf8(parsed.getSubstring(parsed.getPart(i + 1)));
        // The selectors at this argument's own level: a nested message's parts
        // (another plural inside "one {...}") belong to that message.
        const int32_t limit = parsed.getLimitPartIndex(i);
        for (int32_t j = i + 2; j < limit; ++j) {
            const icu::MessagePattern::Part& inner = parsed.getPart(j);
            if (inner.getType() == UMSGPAT_PART_TYPE_ARG_SELECTOR) {
                plural.argument.selectors.push_back(utf8(parsed.getSubstring(inner)));
            } else if (inner.getType() == UMSGPAT_PART_TYPE_MSG_START) {
                j = parsed.getLimitPartIndex(j);
            }
        }
        plurals.push_back(std::move(plural));
    }
    return plurals;
}

}  // namespace

bool is_message_pattern(std::string_view text) {
    return text.find('{') != std::string_view::npos;
}

std::vector<std::string> plural_categories(std::string_view language) {
    return categories(language, UPLURAL_TYPE_CARDINAL);
}

std::optional<MessageParts> read_message_pattern(std::string_view pattern, std::string& error) {
    std::vector<std::string> names;
    const auto plurals = read_plurals(pattern, names, error);
    if (!plurals) return std::nullopt;
    MessageParts parts;
    std::sort(names.begin(), names.end());
    parts.arguments = std::move(names);
    for (const ReadPlural& plural : *plurals) parts.plurals.push_back(plural.argument);
    return parts;
}

std::vector<MessageProblem> check_message_translation(std::string_view language, std::string_view source,
                                                      std::string_view translation) {
    std::vector<MessageProblem> problems;
    const std::string syntax =
        "ICU message syntax, e.g. {count, plural, one {# object} other {# objects}}: keep the braces "
        "and the argument names of the English text, translate only the words";
    std::string error;
    const auto english = read_message_pattern(source, error);
    if (!english) return problems;  // the source's own mistake: the template's tests catch it
    std::vector<std::string> names;
    const auto translated = read_plurals(translation, names, error);
    if (!translated) {
        problems.push_back({"bad-message-pattern",
                            "the translation is not a valid message pattern (" + error + ")",
                            "correct it: " + syntax});
        return problems;
    }
    std::sort(names.begin(), names.end());
    if (names != english->arguments) {
        problems.push_back({"argument-mismatch",
                            "the translation uses the arguments {" + joined(names) + "}, the English text {" +
                                joined(english->arguments) + "}",
                            "use exactly the English text's arguments (the words inside the braces before a "
                            "comma are names, not text to translate)"});
    }
    for (const ReadPlural& plural : *translated) {
        const std::vector<std::string> needed =
            categories(language, plural.ordinal ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL);
        const auto& written = plural.argument.selectors;
        std::vector<std::string> missing;
        for (const std::string& category : needed) {
            if (std::find(written.begin(), written.end(), category) == written.end())
                missing.push_back(category);
        }
        if (!missing.empty()) {
            problems.push_back(
                {"plural-forms-missing",
                 "the plural of {" + plural.argument.name + "} lacks the form" +
                     (missing.size() > 1 ? "s " : " ") + joined(missing) + "; this language needs " +
                     joined(needed) + " (CLDR)",
                 "add " + joined(missing) + " {...} inside {" + plural.argument.name + ", plural, ...}"});
        }
        std::vector<std::string> unused;
        for (const std::string& selector : written) {
            if (!selector.starts_with('=') &&
                std::find(needed.begin(), needed.end(), selector) == needed.end())
                unused.push_back(selector);
        }
        if (!unused.empty()) {
            problems.push_back({"plural-forms-unused",
                                "the plural of {" + plural.argument.name + "} writes " + joined(unused) +
                                    ", which this language never selects; it needs only " + joined(needed),
                                "remove " + joined(unused) + " (an exact number is written =0, =1, ...)",
                                false});
        }
    }
    return problems;
}

}  // namespace amanat
