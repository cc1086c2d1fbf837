#include "core/localisation/locale_format.hpp"

#include <unicode/datefmt.h>
#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/parseerr.h>
#include <unicode/plurrule.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>
#include <set>
#include <string>
#include <type_traits>
#include <variant>

#include "core/localisation/icu_text.hpp"

namespace amanat {
namespace {

using icu_text::locale_of;
using icu_text::unicode;
using icu_text::utf8;

std::string where(std::string_view language, const MessageOrigin& origin) {
    return origin.file.empty() ? std::string("a message in '") + std::string(language) + "'" : "this message";
}

// The names of the arguments a (well-formed) pattern uses, e.g. {"count"}.
std::set<std::string> argument_names(const icu::UnicodeString& pattern) {
    std::set<std::string> names;
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    icu::MessagePattern parsed(pattern, &parse_error, status);
    if (U_FAILURE(status)) return names;
    for (int32_t i = 0; i < parsed.countParts(); ++i) {
        const icu::MessagePattern::Part& part = parsed.getPart(i);
        if (part.getType() == UMSGPAT_PART_TYPE_ARG_NAME) names.insert(utf8(parsed.getSubstring(part)));
    }
    return names;
}

}  // namespace

std::string plural_category(std::string_view language, double n) {
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(locale_of(language), status));
    if (U_FAILURE(status) || !rules) return "other";
    return utf8(rules->select(n));
}

std::string format_message(std::string_view language, std::string_view pattern,
                           const std::vector<NamedArgument>& arguments, Diagnostics& out,
                           const MessageOrigin& origin) {
    const icu::UnicodeString text = unicode(pattern);
    // '"' as a char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on "\"" + std::string
    const std::string quoted = '"' + std::string(pattern) + '"';
    const std::string fix =
        "correct the translation: ICU message syntax, e.g. {count, plural, one {# artifact} other {# "
        "artifacts}}";

    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    icu::MessageFormat format(text, locale_of(language), parse_error, status);
    if (U_FAILURE(status)) {
        const std::string at = parse_error.offset >= 0
                                   ? " at character " + std::to_string(parse_error.offset + 1)
                                   : std::string();
        out.error(origin.file, origin.line, 0, "bad-message-pattern",
                  where(language, origin) + " is not a valid ICU message pattern" + at + " (" +
                      u_errorName(status) + "), so it is shown as written: " + quoted,
                  fix);
        return std::string(pattern);
    }

    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(arguments.size());
    values.reserve(arguments.size());
    for (const NamedArgument& argument : arguments) {
        names.push_back(unicode(argument.name));
        std::visit(
            [&values](const auto& value) {
                using T = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<T, std::string>) {
                    values.emplace_back(unicode(value));
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    values.emplace_back(static_cast<int64_t>(value));
                } else {
                    values.emplace_back(value);
                }
            },
            argument.value.value());
    }

    for (const std::string& name : argument_names(text)) {
        bool given = false;
        for (const NamedArgument& argument : arguments) given = given || argument.name == name;
        if (!given) {
            out.warning(
                origin.file, origin.line, 0, "missing-message-argument",
                where(language, origin) + " uses {" + name + "}, which the kiosk does not provide: " + quoted,
                "use only the arguments of the English text");
        }
    }

    icu::UnicodeString result;
    status = U_ZERO_ERROR;
    format.format(names.data(), values.data(), static_cast<int32_t>(values.size()), result, status);
    if (U_FAILURE(status)) {
        out.error(origin.file, origin.line, 0, "bad-message-pattern",
                  where(language, origin) + " cannot be formatted with its arguments (" +
                      u_errorName(status) + "), so it is shown as written: " + quoted,
                  fix);
        return std::string(pattern);
    }
    return utf8(result);
}

std::string format_number(std::string_view language, double value) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString text = icu::number::NumberFormatter::withLocale(locale_of(language))
                                        .formatDouble(value, status)
                                        .toString(status);
    return U_FAILURE(status) ? std::to_string(value) : utf8(text);
}

std::string format_integer(std::string_view language, std::int64_t value) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString text = icu::number::NumberFormatter::withLocale(locale_of(language))
                                        .formatInt(value, status)
                                        .toString(status);
    return U_FAILURE(status) ? std::to_string(value) : utf8(text);
}

std::string format_date(std::string_view language, std::int64_t unix_seconds, DateStyle style,
                        std::string_view time_zone) {
    icu::DateFormat::EStyle icu_style = icu::DateFormat::kMedium;
    switch (style) {
        case DateStyle::Short:
            icu_style = icu::DateFormat::kShort;
            break;
        case DateStyle::Medium:
            icu_style = icu::DateFormat::kMedium;
            break;
        case DateStyle::Long:
            icu_style = icu::DateFormat::kLong;
            break;
        case DateStyle::Full:
            icu_style = icu::DateFormat::kFull;
            break;
    }
    const std::unique_ptr<icu::DateFormat> format(
        icu::DateFormat::createDateInstance(icu_style, locale_of(language)));
    if (!format) return std::to_string(unix_seconds);
    if (!time_zone.empty()) format->adoptTimeZone(icu::TimeZone::createTimeZone(unicode(time_zone)));
    icu::UnicodeString text;
    format->format(static_cast<UDate>(unix_seconds) * 1000.0, text);
    return utf8(text);
}

}  // namespace amanat
