#include "core/files/json_record.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

namespace amanat {

namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// What a byte says as the first of a UTF-8 sequence: the sequence's length (0:
// it starts none: a continuation byte, C0, C1, F5..FF) and the range of the
// byte after it, which Unicode's table 3-7 narrows for four lead bytes so that
// overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
struct Lead {
    std::uint8_t length = 0;
    std::uint8_t low = 0x80;
    std::uint8_t high = 0xBF;
};

constexpr std::array<Lead, 256> kLeads = [] {
    std::array<Lead, 256> leads{};
    const auto set = [&](int first, int last, std::uint8_t length) {
        for (int c = first; c <= last; ++c) leads[static_cast<std::size_t>(c)].length = length;
    };
    set(0x00, 0x7F, 1);
    set(0xC2, 0xDF, 2);
    set(0xE0, 0xEF, 3);
    set(0xF0, 0xF4, 4);
    leads[0xE0].low = 0xA0;   // shorter forms are overlong
    leads[0xED].high = 0x9F;  // U+D800..DFFF are surrogates, not characters
    leads[0xF0].low = 0x90;   // overlong
    leads[0xF4].high = 0x8F;  // past U+10FFFF
    return leads;
}();

// The length (1 to 4) of the well-formed UTF-8 sequence at text[at], or 0 when
// none starts there; `ill_formed` is then how many bytes one U+FFFD replaces:
// the maximal subpart, the lead byte and the continuation bytes still possible
// after it. Inline: a Cyrillic or Korean text calls it for every letter.
inline std::size_t sequence_at(std::string_view text, std::size_t at, std::size_t& ill_formed) {
    const Lead& lead = kLeads[static_cast<unsigned char>(text[at])];
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    if (lead.length == 1) return 1;
    std::size_t i = 1;
    if (lead.length > 1 && at + 1 < text.size() && byte(at + 1) >= lead.low && byte(at + 1) <= lead.high) {
        for (i = 2; i < lead.length && at + i < text.size() && (byte(at + i) & 0xC0) == 0x80;) ++i;
        if (i == lead.length) return i;
    }
    ill_formed = i;
    return 0;
}

// Where the ASCII that starts at text[at] ends: eight bytes at a time, as most
// of an export's text (ids, times, tags) is ASCII.
std::size_t end_of_ascii(std::string_view text, std::size_t at) {
    for (std::uint64_t word = 0; at + 8 <= text.size(); at += 8) {
        std::memcpy(&word, text.data() + at, 8);
        if ((word & 0x8080808080808080ULL) != 0) break;
    }
    while (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) ++at;
    return at;
}

// The ASCII bytes a JSON string holds as they are: all but control
// characters, '"' and '\\'.
constexpr std::array<bool, 256> kJsonAsIs = [] {
    std::array<bool, 256> as_is{};
    for (int c = 0x20; c < 0x80; ++c) as_is[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return as_is;
}();

// Where the first byte from `at` on that is not printable ASCII other than
// '"' and '\\' is, or the end: eight bytes at a time, testing a word for a
// byte with its high bit set, one below 0x20, '"' or '\\' at once (the exact
// tests of "Bit Twiddling Hacks": a byte below n borrows when n is subtracted
// from every byte, for n up to 128).
std::size_t next_to_look_at(std::string_view text, std::size_t at) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const auto below = [&](std::uint64_t word, std::uint64_t n) { return (word - ones * n) & ~word & highs; };
    for (std::uint64_t word = 0; at + 8 <= text.size(); at += 8) {
        std::memcpy(&word, text.data() + at, 8);
        if (((word & highs) | below(word, 0x20) | below(word ^ (ones * '"'), 1) |
             below(word ^ (ones * '\\'), 1)) != 0)
            break;
    }
    while (at < text.size() && kJsonAsIs[static_cast<unsigned char>(text[at])]) ++at;
    return at;
}

// JSON's two-character escapes, or null for a control character that has none.
const char* short_escape(unsigned char c) {
    switch (c) {
        case '"':
            return "\\\"";
        case '\\':
            return "\\\\";
        case '\b':
            return "\\b";
        case '\f':
            return "\\f";
        case '\n':
            return "\\n";
        case '\r':
            return "\\r";
        case '\t':
            return "\\t";
        default:
            return nullptr;
    }
}

// "\u001b": control characters that JSON has no short escape for.
void append_unicode_escape(std::string& out, unsigned char c) {
    char escape[8];
    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
    out.append(escape);
}

}  // namespace

void append_valid_utf8(std::string& out, std::string_view text) {
    std::size_t run = 0;  // where the well-formed text not appended yet starts
    for (std::size_t at = end_of_ascii(text, 0); at < text.size();) {
        std::size_t ill_formed = 0;
        const std::size_t length = sequence_at(text, at, ill_formed);
        if (length == 1) {
            at = end_of_ascii(text, at);
        } else if (length > 1) {
            at += length;
        } else {
            out.append(text.substr(run, at - run));
            out.append(kReplacementCharacter);
            at += ill_formed;
            run = at;
        }
    }
    out.append(text.substr(run));
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_valid_utf8(out, text);
    return out;
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t at = end_of_ascii(text, 0); at < text.size();) {
        std::size_t ill_formed = 0;
        const std::size_t length = sequence_at(text, at, ill_formed);
        if (length == 0) return false;
        at = length == 1 ? end_of_ascii(text, at) : at + length;
    }
    return true;
}

// One pass: ASCII is copied or escaped, other characters are checked as UTF-8
// where they are. Text with an ill-formed part is written again from its
// repaired copy, so the replacement is append_valid_utf8's alone.
void append_json_quoted(std::string& out, std::string_view text) {
    const std::size_t start = out.size();
    out.push_back('"');
    std::size_t run = 0;  // where the text not appended yet starts
    for (std::size_t at = next_to_look_at(text, 0); at < text.size(); at = next_to_look_at(text, at)) {
        const auto c = static_cast<unsigned char>(text[at]);
        if (c >= 0x80) {
            do {  // a word's letters, each a sequence of 2 to 4 bytes
                std::size_t ill_formed = 0;
                const std::size_t length = sequence_at(text, at, ill_formed);
                if (length == 0) {
                    out.resize(start);
                    append_json_quoted(out, valid_utf8(text));
                    return;
                }
                at += length;
            } while (at < text.size() && static_cast<unsigned char>(text[at]) >= 0x80);
            continue;
        }
        out.append(text.substr(run, at - run));
        const char* escape = short_escape(c);
        if (escape != nullptr)
            out.append(escape);
        else
            append_unicode_escape(out, c);
        run = ++at;
    }
    out.append(text.substr(run));
    out.push_back('"');
}

std::string json_quoted(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    append_json_quoted(out, text);
    return out;
}

std::string json_array(const std::vector<std::string>& elements) {
    std::string out = "[";
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i > 0) out.push_back(',');
        out.append(elements[i]);
    }
    out.push_back(']');
    return out;
}

void JsonRecord::key(std::string_view name) {
    if (m_finished) {
        // clear() keeps the storage of the record before. A char: GCC 12 at -O3
        // falsely warns (-Wrestrict, bug 105329) on m_text = "{"
        m_text.clear();
        m_text.push_back('{');
        m_finished = false;
    } else {
        m_text.push_back(',');
    }
    append_json_quoted(m_text, name);
    m_text.push_back(':');
}

JsonRecord& JsonRecord::text(std::string_view key_name, std::string_view value) {
    key(key_name);
    append_json_quoted(m_text, value);
    return *this;
}

JsonRecord& JsonRecord::number(std::string_view key_name, long long value) {
    key(key_name);
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_text.append(digits, end);
    return *this;
}

JsonRecord& JsonRecord::number(std::string_view key_name, double value) {
    key(key_name);
    m_text.append(nlohmann::json(value).dump());  // shortest text that reads back the same; NaN is null
    return *this;
}

JsonRecord& JsonRecord::raw(std::string_view key_name, std::string_view json) {
    key(key_name);
    m_text.append(json);
    return *this;
}

std::string_view JsonRecord::finish() {
    if (m_finished) {
        m_text.clear();  // an object without members
        m_text.push_back('{');
    }
    m_text.push_back('}');
    m_finished = true;
    return m_text;
}

}  // namespace amanat
