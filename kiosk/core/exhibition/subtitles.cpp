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

// A WebVTT or SRT time written with a comma or a full stop before its milliseconds.
bool written_with_comma(std::string_view timing_line) {
    const std::size_t arrow = timing_line.find("-->");
    const std::string_view start = trim(timing_line.substr(0, arrow));
    std::string_view end = trim(timing_line.substr(arrow + 3));
    end = end.substr(0, end.find_first_of(" \t"));
    return start.find(',') != std::string_view::npos || end.find(',') != std::string_view::npos;
}

std::string first_time(std::string_view timing_line) {
    return std::string(trim(timing_line.substr(0, timing_line.find("-->"))));
}

bool all_digits(std::string_view text) {
    text = trim(text);
    if (text.empty()) return false;
    for (const char c : text)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// Reads one track, noting each problem with the line it is on and its fix.
class SubtitleReader {
  public:
    SubtitleReader(std::vector<std::string_view> lines, SubtitleFormat format)
        : m_lines(std::move(lines)), m_format(format) {}

    SubtitleTrack read() {
        if (m_format == SubtitleFormat::SubRip && !m_lines.empty() && m_lines[0].starts_with("WEBVTT")) {
            // A WebVTT file named .srt: one mistake, read as what it is.
            problem(1, "this file is WebVTT (it starts with WEBVTT), but its name ends in .srt",
                    "rename it to .vtt and write its new name in the manifest");
            m_format = SubtitleFormat::WebVtt;
        }
        std::size_t i = m_format == SubtitleFormat::WebVtt ? read_header() : 0;
        while (i < m_lines.size()) {
            while (i < m_lines.size() && trim(m_lines[i]).empty()) ++i;
            if (i >= m_lines.size()) break;
            const std::size_t block_start = i;
            std::vector<std::string_view> block;
            while (i < m_lines.size() && !trim(m_lines[i]).empty()) block.push_back(m_lines[i++]);
            read_block(block, block_start);
        }
        report_commas();
        if (m_track.cues.empty() && m_track.problems.empty())
            problem(1, "the file has no subtitles in it",
                    "write the subtitles, or take this file's line out of the manifest");
        return std::move(m_track);
    }

  private:
    void problem(std::size_t line, std::string message, std::string fix) {
        m_track.problems.push_back({static_cast<int>(line), std::move(message), std::move(fix)});
    }

    // The WEBVTT line and the header lines after it; returns the first line after them.
    std::size_t read_header() {
        const bool has_header = !m_lines.empty() && m_lines[0].substr(0, 6) == "WEBVTT" &&
                                (m_lines[0].size() == 6 || m_lines[0][6] == ' ' || m_lines[0][6] == '\t');
        if (!has_header) {
            // "1" then "00:00:01,000 --> ...": a SubRip file named .vtt, one mistake.
            m_srt_named_vtt = m_lines.size() > 1 && all_digits(m_lines[0]) &&
                              m_lines[1].find("-->") != std::string_view::npos &&
                              written_with_comma(m_lines[1]);
            if (m_srt_named_vtt) {
                problem(1,
                        "this file is written as SubRip (.srt), not WebVTT: it has no WEBVTT line and its "
                        "times have commas (" +
                            first_time(m_lines[1]) + ")",
                        "add WEBVTT as the first line, then an empty line, and write every time with a full "
                        "stop (00:00:04.500, not 00:00:04,500); or rename the file to .srt and write its new "
                        "name in the manifest");
            } else {
                problem(1, "a WebVTT file must start with the line WEBVTT",
                        "add WEBVTT as the first line of the file, then an empty line");
            }
            return 0;
        }
        std::size_t i = 1;
        while (i < m_lines.size() && !trim(m_lines[i]).empty()) ++i;  // header lines
        return i;
    }

    void read_block(const std::vector<std::string_view>& block, std::size_t block_start) {
        if (m_format == SubtitleFormat::WebVtt &&
            (block[0].substr(0, 4) == "NOTE" || block[0].substr(0, 5) == "STYLE" ||
             block[0].substr(0, 6) == "REGION")) {
            return;
        }
        // The timing line is the first or (after a cue identifier / SRT number) the second.
        std::size_t timing = 0;
        if (block[0].find("-->") == std::string_view::npos && block.size() > 1 &&
            block[1].find("-->") != std::string_view::npos) {
            timing = 1;
        }
        const std::size_t line = block_start + timing + 1;
        Cue cue;
        if (!parse_timing(block[timing], cue)) {
            const bool vtt = m_format == SubtitleFormat::WebVtt;
            problem(line, "this cue has no readable timing line such as 00:00:01.000 --> 00:00:04.000",
                    std::string("write the timing as start --> end, like ") +
                        (vtt ? "00:00:01.000 --> 00:00:04.000" : "00:00:01,000 --> 00:00:04,000") +
                        " (minutes and seconds below 60, three digits of milliseconds)");
            return;
        }
        if (m_format == SubtitleFormat::WebVtt && written_with_comma(block[timing]) && m_comma_lines++ == 0) {
            m_first_comma_line = line;
            m_first_comma_time = first_time(block[timing]);
        }
        if (cue.end_ms <= cue.start_ms) {
            problem(line, "this cue ends before it starts",
                    "make the end time (after -->) later than the start time");
            return;
        }
        if (cue.start_ms < m_previous_start) {
            problem(line, "this cue starts earlier than the one before it; cues must be in time order",
                    "move this cue to its place in time, or correct its start time");
        }
        m_previous_start = cue.start_ms;
        read_text(block, timing, block_start, cue);
        if (cue.text.empty()) {
            problem(line, "this cue has no text",
                    "write the subtitle on the line below the timing, or take out the empty cue");
            return;
        }
        m_track.cues.push_back(std::move(cue));
    }

    void read_text(const std::vector<std::string_view>& block, std::size_t timing, std::size_t block_start,
                   Cue& cue) {
        bool unshowable_reported = false;
        for (std::size_t j = timing + 1; j < block.size(); ++j) {
            const std::size_t line = block_start + j + 1;
            Cue next;
            if (block[j].find("-->") != std::string_view::npos && parse_timing(block[j], next)) {
                problem(line,
                        "this line is the timing of a new cue, but there is no empty line before it, so it "
                        "would be shown as the text of the cue above",
                        "add an empty line before line " + std::to_string(line));
            }
            if (!cue.text.empty()) cue.text += '\n';
            if (m_format == SubtitleFormat::SubRip) {
                // SubRip defines no character references: its text is shown as written.
                cue.text += strip_markup(block[j]);
                continue;
            }
            std::string unshowable;
            cue.text += decode_references(strip_markup(block[j]), unshowable);
            if (!unshowable.empty() && !unshowable_reported) {
                unshowable_reported = true;
                problem(line,
                        "the character reference " + unshowable +
                            " stands for a character a kiosk cannot show; it is left out",
                        "take " + unshowable + " out of the subtitle");
            }
        }
    }

    // WebVTT's times have a full stop before the milliseconds; SubRip's a comma. The
    // kiosk reads both, but other players do not: reported once, at the first.
    void report_commas() {
        if (m_comma_lines == 0 || m_srt_named_vtt) return;
        const std::string more =
            m_comma_lines > 1 ? " (" + std::to_string(m_comma_lines) + " timing lines are written so)" : "";
        std::string corrected = m_first_comma_time;
        for (char& c : corrected) c = c == ',' ? '.' : c;
        problem(m_first_comma_line,
                "the time " + m_first_comma_time +
                    " has a comma before its milliseconds; WebVTT times need a "
                    "full stop" +
                    more,
                "write " + corrected + " (a full stop, not a comma: this looks like an SRT file)" +
                    (m_comma_lines > 1 ? ", and the same on every timing line" : ""));
    }

    std::vector<std::string_view> m_lines;
    SubtitleFormat m_format;
    SubtitleTrack m_track;
    long long m_previous_start = 0;
    bool m_srt_named_vtt = false;
    int m_comma_lines = 0;
    std::size_t m_first_comma_line = 0;
    std::string m_first_comma_time;
};

}  // namespace

const Cue* SubtitleTrack::at(long long ms) const {
    for (const Cue& cue : cues) {
        if (ms >= cue.start_ms && ms < cue.end_ms) return &cue;
    }
    return nullptr;
}

SubtitleTrack parse_subtitles(std::string_view raw, SubtitleFormat format) {
    // What the kiosk cannot show never reaches a cue (the validator reports it).
    const std::string showable = showable_text(raw);
    std::string_view text = showable;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return SubtitleReader(split_lines(text), format).read();
}

}  // namespace amanat
