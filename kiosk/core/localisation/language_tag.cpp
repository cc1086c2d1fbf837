#include "core/localisation/language_tag.hpp"
#include "core/localisation/edit_distance.hpp"

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

// Codes commonly written for a language: country codes (Kazakhstan's "kz" for
// Kazakh "kk"), English or native abbreviations ("du" for Dutch), and ISO 639-2
// three-letter codes where BCP 47 wants the two-letter one.
struct Confusion {
    std::string_view written, meant;
};
constexpr Confusion kConfusions[] = {
    {"kz", "kk"},  {"du", "nl"},  {"gr", "el"},  {"jp", "ja"},  {"cz", "cs"},  {"dk", "da"},  {"se", "sv"},
    {"ua", "uk"},  {"cn", "zh"},  {"kr", "ko"},  {"ge", "ka"},  {"vn", "vi"},  {"rs", "sr"},  {"al", "sq"},
    {"gb", "en"},  {"us", "en"},  {"ir", "fa"},  {"il", "he"},  {"kaz", "kk"}, {"rus", "ru"}, {"eng", "en"},
    {"deu", "de"}, {"ger", "de"}, {"fra", "fr"}, {"fre", "fr"}, {"nld", "nl"}, {"dut", "nl"}, {"tur", "tr"},
    {"kor", "ko"}, {"ces", "cs"}, {"cze", "cs"}, {"ita", "it"}, {"hun", "hu"}, {"srp", "sr"},
};

std::string_view meant_for(std::string_view language) {
    for (const Confusion& confusion : kConfusions)
        if (confusion.written == language) return confusion.meant;
    return {};
}

}  // namespace

std::string canonical_language_tag(std::string_view tag) {
    std::string out;
    out.reserve(tag.size());
    bool extension = false;  // after a singleton ("x-", "u-"), everything is lower case
    std::size_t index = 0;
    for (std::string_view part : split(tag)) {
        std::string piece = lower(part);
        if (index > 0 && !extension) {
            if (piece.size() == 1) {
                extension = true;
            } else if (piece.size() == 4 && all_of(piece, std::isalpha)) {
                piece[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(piece[0])));
            } else if (piece.size() == 2 && all_of(piece, std::isalpha)) {
                for (char& c : piece) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
        }
        if (index++ > 0) out += '-';
        out += piece;
    }
    return out;
}

bool close_language_tags(std::string_view a, std::string_view b) {
    const std::string first = lower(primary_language(a));
    const std::string second = lower(primary_language(b));
    if (canonical_language_tag(a) == canonical_language_tag(b)) return false;
    return first == second || meant_for(first) == second || meant_for(second) == first;
}

std::string suggested_language_tag(std::string_view tag, const std::vector<std::string>& known) {
    const std::string canonical = canonical_language_tag(tag);
    const std::string language = lower(primary_language(canonical));
    const std::string rest = canonical.substr(language.size());
    if (const std::string_view meant = meant_for(language); !meant.empty()) {
        const std::string corrected = std::string(meant) + rest;
        if (std::find(known.begin(), known.end(), corrected) != known.end()) return corrected;
        for (const std::string& candidate : known)
            if (primary_language(candidate) == meant) return candidate;
        return corrected;
    }
    std::string best;
    std::size_t best_distance = 3;
    for (const std::string& candidate : known) {
        if (candidate == canonical) continue;
        const std::size_t distance = edit_distance(lower(canonical), lower(candidate));
        const bool same_language = primary_language(candidate) == language;
        if ((same_language || distance <= 1) && distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string did_you_mean_language(std::string_view tag, const std::vector<std::string>& known) {
    const std::string suggestion = suggested_language_tag(tag, known);
    if (suggestion.empty()) return {};
    std::string out =
        std::string("did you mean ") + suggestion + " (" + language_english_name(suggestion) + ")?";
    const std::string language = lower(primary_language(tag));
    std::string region = language;
    for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (known_codes().languages.count(language) == 0 && known_codes().regions.count(region) != 0) {
        icu::UnicodeString name;
        icu::Locale("", region.c_str()).getDisplayCountry(icu::Locale::getEnglish(), name);
        std::string country;
        name.toUTF8String(country);
        out += ' ' + language + " is the country code of " + country + ", not a language";
    }
    return out;
}

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
