#include "core/language_tag.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace amanat {
namespace {

bool all_of(std::string_view text, int (*predicate)(int)) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [predicate](char c) {
        return predicate(static_cast<unsigned char>(c)) != 0;
    });
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string_view> split(std::string_view tag) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t dash = tag.find('-', start);
        parts.push_back(
            tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
        if (dash == std::string_view::npos) break;
        start = dash + 1;
    }
    return parts;
}

// ICU's registries of language and region codes, as sets.
struct KnownCodes {
    std::set<std::string> languages;
    std::set<std::string> regions;
};

// Built once, by whichever thread comes first (the render thread reading a
// bundle, the staff worker validating a pack, a catalog load): C++ initialises a
// function-local static exactly once, and the others wait for it. After that the
// sets are only read. ICU's tables are immutable.
const KnownCodes& known_codes() {
    static const KnownCodes codes = [] {
        KnownCodes built;
        for (const char* const* code = uloc_getISOLanguages(); *code != nullptr; ++code)
            built.languages.insert(*code);
        for (const char* const* code = uloc_getISOCountries(); *code != nullptr; ++code)
            built.regions.insert(*code);
        return built;
    }();
    return codes;
}

}  // namespace

std::optional<std::string> language_tag_problem(std::string_view tag) {
    // '\'' as a char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on "'" + std::string
    const std::string quoted = '\'' + std::string(tag) + '\'';
    if (tag.empty()) return "the language tag is empty";
    if (tag.size() > 35) return "the language tag " + quoted + " is too long";
    const auto parts = split(tag);
    std::size_t i = 0;
    const std::string_view language = parts[i++];
    if (!all_of(language, std::isalpha) || language.size() < 2 || language.size() > 3) {
        return "the language tag " + quoted + " does not start with a two- or three-letter language code";
    }
    if (known_codes().languages.count(lower(language)) == 0) {
        return quoted + " is not a known language code";
    }
    if (i < parts.size() && parts[i].size() == 4 && all_of(parts[i], std::isalpha)) {
        const std::string script(parts[i++]);
        if (u_getPropertyValueEnum(UCHAR_SCRIPT, script.c_str()) == UCHAR_INVALID_CODE) {
            return "'" + script + "' in " + quoted + " is not a known script (e.g. Latn, Cyrl)";
        }
    }
    if (i < parts.size() && ((parts[i].size() == 2 && all_of(parts[i], std::isalpha)) ||
                             (parts[i].size() == 3 && all_of(parts[i], std::isdigit)))) {
        const std::string region(parts[i++]);
        std::string upper = region;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (region.size() == 2 && known_codes().regions.count(upper) == 0) {
            return "'" + region + "' in " + quoted + " is not a known country or region code";
        }
    }
    for (; i < parts.size(); ++i) {
        const std::string_view part = parts[i];
        const bool variant = (part.size() >= 5 && part.size() <= 8 && all_of(part, std::isalnum)) ||
                             (part.size() == 4 && std::isdigit(static_cast<unsigned char>(part[0])) &&
                              all_of(part, std::isalnum));
        if (!variant) {
            return "the language tag " + quoted + " is malformed at '" + std::string(part) +
                   "' (expected language-Script-REGION, e.g. kk-Latn or sr-Cyrl-RS)";
        }
    }
    return std::nullopt;
}

std::string_view primary_language(std::string_view tag) {
    return tag.substr(0, tag.find('-'));
}

std::string language_english_name(std::string_view tag) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale =
        icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
    if (U_FAILURE(status)) return std::string(tag);
    icu::UnicodeString name;
    locale.getDisplayName(icu::Locale::getEnglish(), name);
    std::string out;
    name.toUTF8String(out);
    return out.empty() ? std::string(tag) : out;
}

}  // namespace amanat
