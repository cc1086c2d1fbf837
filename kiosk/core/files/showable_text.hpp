#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace amanat {

// Text a kiosk can show. Exhibition texts (manifests, stories, transcripts,
// subtitles, catalogs) come from files staff and translators write, and a file
// can hold anything: a NUL, a stray control character pasted from a word
// processor, a noncharacter, bytes that are not UTF-8. None of these can be
// drawn, and some break what draws them (a NUL ended the font's glyph ranges and
// aborted the kiosk on ImGui's assertion, issue 19). So the validator refuses
// them (find_unshowable), and the kiosk, which never trusts that validation ran,
// cleans every text as it reads it (showable_text).
//
// Showable: valid UTF-8 of any character but the C0 and C1 control characters
// (tab, line feed and carriage return excepted: they are layout), DEL, the
// noncharacters (U+FDD0..U+FDEF and U+xxFFFE/U+xxFFFF) and lone surrogates.

// The first character of `text` a kiosk cannot show, and where it is.
struct UnshowableCharacter {
    std::size_t offset = 0;   // bytes from the start
    int line = 1;             // 1-based, counting line feeds before it
    int column = 1;           // 1-based, in characters
    char32_t code_point = 0;  // meaningless when `invalid_utf8`
    bool invalid_utf8 = false;

    // "U+0000 (a control character)", "bytes that are not UTF-8": for messages.
    std::string describe() const;
};
std::optional<UnshowableCharacter> find_unshowable(std::string_view text);

// `text` with every unshowable character removed, and every byte sequence that
// is not UTF-8 replaced by U+FFFD (so that a visitor sees a mark where the
// damage is, as the exports do). Returns the text unchanged (one copy) when it
// is all showable, the common case.
std::string showable_text(std::string_view text);

// The fix staff can follow for `found`, the same in every check.
std::string unshowable_fix(const UnshowableCharacter& found);

// One code point as UTF-8 (the caller makes sure it is a scalar value).
std::string utf8_of(char32_t code_point);

}  // namespace amanat
