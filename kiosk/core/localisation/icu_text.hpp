#pragma once
// Between the kiosk's UTF-8 strings and ICU: for core's .cpp files that use ICU
// (locale_format, message_pattern). Not for other modules: they see no ICU types.

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace amanat::icu_text {

inline icu::UnicodeString unicode(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

inline std::string utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

// The ICU locale of a BCP 47 tag; the root locale when ICU cannot read the tag, so
// a mistyped tag gives neutral formatting rather than an error on screen.
inline icu::Locale locale_of(std::string_view language) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(
        icu::StringPiece(language.data(), static_cast<int32_t>(language.size())), status);
    if (U_FAILURE(status) || locale.isBogus()) return icu::Locale::getRoot();
    return locale;
}

}  // namespace amanat::icu_text
