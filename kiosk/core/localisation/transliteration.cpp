#include "core/localisation/transliteration.hpp"

#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <utility>
#include <vector>

namespace amanat {

struct ScriptTransliterator::Rules {
    std::unique_ptr<icu::Transliterator> transliterator;
    // ICU does not promise that transliterate(), though const, may run on one
    // instance from two threads at once; this serialises calls (see the header).
    std::mutex mutex;
};

namespace {

// "localisation/kk-Cyrl-kk-Latn.txt": the file as staff find it in the kiosk's source.
std::string label(const std::filesystem::path& file) {
    std::error_code error;
    std::filesystem::path normal = std::filesystem::absolute(file, error).lexically_normal();
    if (error) normal = file;
    return (normal.parent_path().filename() / normal.filename()).generic_string();
}

// The 1-based line of the first byte that is not UTF-8, or 0 when all are.
int first_invalid_utf8_line(std::string_view text) {
    int line = 1;
    int32_t i = 0;
    const auto length = static_cast<int32_t>(text.size());
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(text.data(), i, length, c);
        if (c < 0) return line;
        if (c == '\n') ++line;
    }
    return 0;
}

// The 1-based line of a UTF-16 offset into the rules.
int line_of(const icu::UnicodeString& rules, int32_t offset) {
    int line = 1;
    const int32_t end = std::min(offset, rules.length());
    for (int32_t i = 0; i < end; ++i) {
        if (rules.charAt(i) == u'\n') ++line;
    }
    return line;
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The line of the first "::" line naming a transform ICU does not have, or 0.
// Checked before the rules are compiled, and with createInstance() on the id
// alone: ICU gives no position for an unknown id, and ICU 72's
// createFromRules() leaks what it had built when it meets one.
int line_of_bad_id(std::string_view text) {
    const std::vector<std::string> lines = lines_of(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        const std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line.compare(start, 2, "::") != 0) continue;
        std::string id = line.substr(start + 2, line.find(';', start) - start - 2);
        if (const std::size_t inverse = id.find('('); inverse != std::string::npos) id.erase(inverse);
        id.erase(0, id.find_first_not_of(" \t"));
        id.erase(id.find_last_not_of(" \t") + 1);
        if (id.empty() || id.front() == '[') continue;  // a global filter, or only an inverse
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> probe(
            icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !probe) return static_cast<int>(i) + 1;
    }
    return 0;
}

// What ICU's error codes mean for someone editing the rule file.
std::string describe(UErrorCode status) {
    switch (status) {
        case U_UNDEFINED_VARIABLE:
            return "a $variable is used before it is defined";
        case U_UNQUOTED_SPECIAL:
            return "a special character must be quoted or escaped, or a ';' is missing";
        case U_MISSING_OPERATOR:
            return "the rule has no '>' (or '<', '<>') between its two sides";
        case U_MALFORMED_SET:
            return "a [set] of characters is not well formed";
        case U_MISMATCHED_SEGMENT_DELIMITERS:
            return "a '(' or ')' has no partner";
        case U_INVALID_ID:
        case U_INVALID_FUNCTION:
            return "a '::' line names a transform ICU does not know";
        default:
            return std::string("the rule is not valid (") + u_errorName(status) + ")";
    }
}

}  // namespace

ScriptTransliterator::ScriptTransliterator(std::unique_ptr<Rules> rules, std::string source_language,
                                           std::string target_language)
    : m_rules(std::move(rules)),
      m_source_language(std::move(source_language)),
      m_target_language(std::move(target_language)) {}

ScriptTransliterator::ScriptTransliterator(ScriptTransliterator&&) noexcept = default;
ScriptTransliterator& ScriptTransliterator::operator=(ScriptTransliterator&&) noexcept = default;
ScriptTransliterator::~ScriptTransliterator() = default;

std::optional<ScriptTransliterator> ScriptTransliterator::load(const std::filesystem::path& rule_file,
                                                               std::string source_language,
                                                               std::string target_language,
                                                               Diagnostics& out) {
    const std::string file = label(rule_file);
    const std::string consequence =
        "the kiosk offers no " + target_language + " made from " + source_language;
    std::ifstream in(rule_file, std::ios::binary);
    if (!in) {
        out.error(file, 0, 0, "unreadable", "the transliteration rules cannot be read, so " + consequence,
                  "check that " + rule_file.string() + " exists and that the kiosk may read it");
        return std::nullopt;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a byte order mark some editors write

    if (const int line = first_invalid_utf8_line(text); line != 0) {
        out.error(file, line, 0, "not-utf8", "this line is not UTF-8, so " + consequence,
                  "save the file as UTF-8");
        return std::nullopt;
    }

    if (const int line = line_of_bad_id(text); line != 0) {
        out.error(
            file, line, 0, "bad-transliteration-rule", describe(U_INVALID_ID) + ", so " + consequence,
            "correct the transform's name on this line (ICU's transform ids, see localisation/README.md)");
        return std::nullopt;
    }
    const icu::UnicodeString rules = icu::UnicodeString::fromUTF8(text);
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> transliterator(icu::Transliterator::createFromRules(
        icu::UnicodeString::fromUTF8(source_language + "-" + target_language), rules, UTRANS_FORWARD,
        parse_error, status));
    if (U_FAILURE(status) || !transliterator) {
        int line = parse_error.offset >= 0 ? line_of(rules, parse_error.offset) : 0;
        out.error(file, line, 0, "bad-transliteration-rule", describe(status) + ", so " + consequence,
                  "correct the rule on this line (the syntax is ICU's transform rules, see "
                  "localisation/README.md)");
        return std::nullopt;
    }

    auto compiled = std::make_unique<Rules>();
    compiled->transliterator = std::move(transliterator);
    return ScriptTransliterator(std::move(compiled), std::move(source_language), std::move(target_language));
}

std::optional<ScriptTransliterator> ScriptTransliterator::load_kazakh_latin(
    const std::filesystem::path& localisation_folder, Diagnostics& out) {
    return load(localisation_folder / kKazakhLatinRuleFile, "kk", "kk-Latn", out);
}

std::string ScriptTransliterator::transliterate(std::string_view utf8) const {
    icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    {
        const std::lock_guard lock(m_rules->mutex);
        m_rules->transliterator->transliterate(text);
    }
    std::string result;
    text.toUTF8String(result);
    return result;
}

std::optional<std::string> ScriptTransliterator::derive(const LanguageMap& map) const {
    if (map.find(m_target_language) != nullptr) return std::nullopt;
    const std::string* source = map.find(m_source_language);
    if (source == nullptr) return std::nullopt;
    return transliterate(*source);
}

}  // namespace amanat
