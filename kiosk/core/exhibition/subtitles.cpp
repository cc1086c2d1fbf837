#include "core/exhibition/subtitles.hpp"

#include <cctype>
#include <optional>
#include <utility>

#include "core/files/showable_text.hpp"

namespace amanat {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == text.size()) break;
        start = end + 1;
    }
    return lines;
}

// "01:02:03.456", "02:03.456" (WebVTT) or "01:02:03,456" (SRT) -> milliseconds.
bool parse_time(std::string_view text, long long& ms) {
    long long fields[3] = {0, 0, 0};
    int count = 0;
    std::size_t i = 0;
    while (true) {
        if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        long long value = 0;
        int digits = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && digits < 9) {
            value = value * 10 + (text[i++] - '0');
            ++digits;
        }
        if (count == 3) return false;
        fields[count++] = value;
        if (i < text.size() && text[i] == ':') {
            ++i;
            continue;
        }
        break;
    }
    if (count < 2 || i >= text.size() || (text[i] != '.' && text[i] != ',')) return false;
    ++i;
    if (text.size() - i != 3) return false;
    long long millis = 0;
    for (; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        millis = millis * 10 + (text[i] - '0');
    }
    const long long hours = count == 3 ? fields[0] : 0;
    const long long minutes = fields[count - 2];
    const long long seconds = fields[count - 1];
    if (minutes > 59 || seconds > 59) return false;
    ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
    return true;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Parses "start --> end [settings]".
bool parse_timing(std::string_view line, Cue& cue) {
    const std::size_t arrow = line.find("-->");
    if (arrow == std::string_view::npos) return false;
    std::string_view end_part = trim(line.substr(arrow + 3));
    end_part = end_part.substr(0, end_part.find_first_of(" \t"));
    return parse_time(trim(line.substr(0, arrow)), cue.start_ms) && parse_time(end_part, cue.end_ms);
}

std::string strip_markup(std::string_view line) {
    std::string out;
    bool in_tag = false;
    for (char c : line) {
        if (c == '<')
            in_tag = true;
        else if (c == '>' && in_tag)
            in_tag = false;
        else if (!in_tag)
            out += c;
    }
    return out;
}

// The character a reference's name stands for ("amp", "#1179", "#x49B"), or
// nothing when it is not one WebVTT knows: only these names, and numbers naming
// a Unicode scalar value other than U+0000.
std::optional<std::string> referenced(std::string_view name) {
    static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"lrm", "\u200E"}, {"rlm", "\u200F"}, {"nbsp", "\u00A0"}};
    for (const auto& [known, text] : kNamed)
        if (name == known) return std::string(text);
    if (name.size() < 2 || name[0] != '#') return std::nullopt;
    std::string_view digits = name.substr(1);
    int base = 10;
    if (digits[0] == 'x' || digits[0] == 'X') {
        base = 16;
        digits.remove_prefix(1);
    }
    if (digits.empty()) return std::nullopt;
    char32_t value = 0;
    for (const char c : digits) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0) return std::nullopt;
        value = value * static_cast<char32_t>(base) + static_cast<char32_t>(digit);
        if (value > 0x10FFFF) return std::nullopt;  // also keeps the sum from overflowing
    }
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
    return utf8_of(value);
}

// WebVTT's character references decoded, once the tags are gone (so "&lt;b&gt;"
// shows as "<b>"). A reference WebVTT does not know stays as written. One to a
// character a kiosk cannot show (a control character, a noncharacter) is left
// out, as that character written as itself would be, and `unshowable` is set to
// the first such reference so that the validator can name it.
constexpr std::size_t kLongestReference = 32;  // with leading zeros

std::string decode_references(std::string_view text, std::string& unshowable) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t amp = text.find('&', i);
        out.append(text.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i));
        if (amp == std::string_view::npos) break;
        // A reference is short ("&#x10FFFF;"): looking no further for its ';'
        // keeps a line of many '&' linear.
        const std::size_t end = text.substr(amp + 1, kLongestReference).find(';');
        const std::size_t semicolon = end == std::string_view::npos ? end : amp + 1 + end;
        const std::optional<std::string> character =
            semicolon == std::string_view::npos ? std::nullopt
                                                : referenced(text.substr(amp + 1, semicolon - amp - 1));
        if (!character) {
            out += '&';
            i = amp + 1;
            continue;
        }
        if (!find_unshowable(*character)) {
            out += *character;
        } else if (unshowable.empty()) {
            unshowable = std::string(text.substr(amp, semicolon - amp + 1));
        }
        i = semicolon + 1;
    }
    return out;
}

}  // namespace

const Cue* SubtitleTrack::at(long long ms) const {
    for (const Cue& cue : cues) {
        if (ms >= cue.start_ms && ms < cue.end_ms) return &cue;
    }
    return nullptr;
}

SubtitleTrack parse_subtitles(std::string_view raw, SubtitleFormat format) {
    SubtitleTrack track;
    // What the kiosk cannot show never reaches a cue (the validator reports it).
    const std::string showable = showable_text(raw);
    std::string_view text = showable;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const auto lines = split_lines(text);
    std::size_t i = 0;
    if (format == SubtitleFormat::WebVtt) {
        if (lines.empty() || lines[0].substr(0, 6) != "WEBVTT") {
            track.problems.push_back({1, "a WebVTT file must start with the line WEBVTT"});
        } else {
            ++i;
        }
        while (i < lines.size() && !trim(lines[i]).empty()) ++i;  // header lines
    }
    long long previous_start = 0;
    while (i < lines.size()) {
        while (i < lines.size() && trim(lines[i]).empty()) ++i;
        if (i >= lines.size()) break;
        const std::size_t block_start = i;
        std::vector<std::string_view> block;
        while (i < lines.size() && !trim(lines[i]).empty()) block.push_back(lines[i++]);
        if (format == SubtitleFormat::WebVtt &&
            (block[0].substr(0, 4) == "NOTE" || block[0].substr(0, 5) == "STYLE" ||
             block[0].substr(0, 6) == "REGION")) {
            continue;
        }
        // The timing line is the first or (after a cue identifier / SRT number) the second.
        std::size_t timing = 0;
        if (block[0].find("-->") == std::string_view::npos && block.size() > 1 &&
            block[1].find("-->") != std::string_view::npos) {
            timing = 1;
        }
        Cue cue;
        if (!parse_timing(block[timing], cue)) {
            const int line = static_cast<int>(block_start + timing + 1);
            track.problems.push_back({line,
                                      "this cue has no readable timing line such as "
                                      "00:00:01.000 --> 00:00:04.000"});
            continue;
        }
        const int line = static_cast<int>(block_start + timing + 1);
        if (cue.end_ms <= cue.start_ms) {
            track.problems.push_back({line, "this cue ends before it starts"});
            continue;
        }
        if (cue.start_ms < previous_start) {
            track.problems.push_back(
                {line, "this cue starts earlier than the one before it; cues must be in time order"});
        }
        previous_start = cue.start_ms;
        bool unshowable_reported = false;
        for (std::size_t j = timing + 1; j < block.size(); ++j) {
            if (!cue.text.empty()) cue.text += '\n';
            if (format == SubtitleFormat::SubRip) {
                // SubRip defines no character references: its text is shown as written.
                cue.text += strip_markup(block[j]);
                continue;
            }
            std::string unshowable;
            cue.text += decode_references(strip_markup(block[j]), unshowable);
            if (!unshowable.empty() && !unshowable_reported) {
                unshowable_reported = true;
                track.problems.push_back({static_cast<int>(block_start + j + 1),
                                          "the character reference " + unshowable +
                                              " stands for a character a kiosk cannot show; it is left out"});
            }
        }
        if (cue.text.empty()) {
            track.problems.push_back({line, "this cue has no text"});
            continue;
        }
        track.cues.push_back(std::move(cue));
    }
    if (track.cues.empty() && track.problems.empty())
        track.problems.push_back({1, "the file has no subtitles in it"});
    return track;
}

}  // namespace amanat
