#include "core/files/showable_text.hpp"

#include <unicode/utf8.h>

#include <cstdio>

#include "core/files/json_record.hpp"  // valid_utf8

namespace amanat {
namespace {

bool is_showable(UChar32 c) {
    if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
    if (c >= 0x7F && c <= 0x9F) return false;  // DEL and the C1 controls
    return !U_IS_UNICODE_NONCHAR(c) && !U_IS_SURROGATE(c);
}

// One step through UTF-8: the code point at `offset` (negative when the bytes
// there are not UTF-8), and `offset` moved past it. ICU's U8_NEXT takes the
// longest ill-formed prefix as one error, as the Unicode standard recommends.
UChar32 next_code_point(std::string_view text, std::size_t& offset) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    auto at = static_cast<int32_t>(offset);
    UChar32 c = 0;
    U8_NEXT(bytes, at, length, c);
    offset = static_cast<std::size_t>(at);
    return c;
}

// Texts are read whole (at most a few MB), so offsets fit in int32_t; longer
// ones are looked at in their first 2 GB only, which no caller reaches.
std::string_view within_icu_limits(std::string_view text) {
    constexpr std::size_t kMax = 0x7FFF'FFFF;
    return text.size() > kMax ? text.substr(0, kMax) : text;
}

}  // namespace

std::string UnshowableCharacter::describe() const {
    if (invalid_utf8) return "bytes that are not UTF-8 text";
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(code_point));
    const char* kind = "a noncharacter";
    if (code_point == 0)
        kind = "the NUL control character";
    else if (code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F))
        kind = "a control character";
    else if (U_IS_SURROGATE(code_point))
        kind = "half of a UTF-16 surrogate pair";
    return std::string(code) + " (" + kind + ")";
}

std::optional<UnshowableCharacter> find_unshowable(std::string_view text) {
    text = within_icu_limits(text);
    UnshowableCharacter found;
    std::size_t offset = 0;
    while (offset < text.size()) {
        const std::size_t start = offset;
        const UChar32 c = next_code_point(text, offset);
        if (c < 0 || !is_showable(c)) {
            found.offset = start;
            found.invalid_utf8 = c < 0;
            found.code_point = c < 0 ? 0 : static_cast<char32_t>(c);
            return found;
        }
        if (c == '\n') {
            ++found.line;
            found.column = 1;
        } else {
            ++found.column;
        }
    }
    return std::nullopt;
}

std::string showable_text(std::string_view text) {
    text = within_icu_limits(text);
    // Find the first problem before copying anything: almost every text is clean.
    const auto first = find_unshowable(text);
    if (!first) return std::string(text);
    // Broken bytes become U+FFFD the one way every output of Amanat repairs
    // them (core/files/json_record); then what cannot be shown is left out.
    const std::string valid = valid_utf8(text);
    std::string out;
    out.reserve(valid.size());
    std::size_t offset = 0;
    while (offset < valid.size()) {
        const std::size_t start = offset;
        const UChar32 c = next_code_point(valid, offset);
        if (c >= 0 && is_showable(c)) out.append(valid, start, offset - start);
    }
    return out;
}

std::string unshowable_fix(const UnshowableCharacter& found) {
    if (found.invalid_utf8) return "open the file in a text editor and save it with the UTF-8 encoding";
    return "delete the invisible character there (retype the text around it if your editor does not show "
           "it), or the \\u escape that writes it; the kiosk cannot show it";
}

std::string utf8_of(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

}  // namespace amanat
