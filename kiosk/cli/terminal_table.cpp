#include "cli/terminal_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace amanat::cli {
namespace {

struct Range {
    char32_t first;
    char32_t last;
};

// Unicode's East Asian Wide and Fullwidth blocks that terminals draw two cells
// wide (as glibc's wcwidth does): Hangul, CJK, kana, full-width forms, emoji.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// Combining marks (an accent typed as its own code point after a letter),
// Hangul's conjoining vowels and finals, and invisible format characters.
constexpr Range kZero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x1160, 0x11FF}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF},
    {0xD7B0, 0xD7FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

template <std::size_t N>
bool in(const Range (&ranges)[N], char32_t c) {
    const Range* found =
        std::upper_bound(std::begin(ranges), std::end(ranges), c,
                         [](char32_t value, const Range& range) { return value < range.first; });
    return found != std::begin(ranges) && c <= std::prev(found)->last;
}

// Decodes one UTF-8 sequence at `at`; a byte that starts no valid sequence is
// returned as itself (one cell, as terminals show U+FFFD).
char32_t next_code_point(std::string_view text, std::size_t& at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || at + length > text.size()) {
        ++at;
        return lead;
    }
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) {
            ++at;
            return lead;
        }
        c = (c << 6) | (byte(at + i) & 0x3F);
    }
    at += length;
    return c;
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t at = 0; at < text.size();) {
        const char32_t c = next_code_point(text, at);
        if (in(kZero, c)) continue;
        width += in(kWide, c) ? 2 : 1;
    }
    return width;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t start = at;
        const char32_t c = next_code_point(text, at);
        if (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F)) {
            out.append(text.substr(start, at - start));
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(c));
            out += escape;
        }
    }
    return out;
}

std::string bar(long long count, long long largest, int width) {
    if (count <= 0 || largest <= 0 || width <= 0) return {};
    // U+2588 full block, then the left one-eighth to seven-eighths blocks.
    static const char* const kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    const long double share = static_cast<long double>(std::min(count, largest)) / largest;
    long long eighths = std::max(1LL, std::llround(share * width * 8));
    std::string out;
    for (; eighths >= 8; eighths -= 8) out += "█";
    out += kEighths[eighths];
    return out;
}

void TerminalTable::add(std::vector<std::string> cells) {
    for (std::string& cell : cells) cell = printable(cell);
    cells.resize(std::max(cells.size(), m_columns.size()));
    m_rows.push_back(std::move(cells));
}

std::string TerminalTable::render(std::string_view indent) const {
    std::vector<std::size_t> widths;
    for (const auto& row : m_rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
    }
    std::string out;
    for (const auto& row : m_rows) {
        std::string line(indent);
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool right = i < m_columns.size() && m_columns[i] == Align::right;
            const std::string padding(widths[i] - display_width(row[i]), ' ');
            if (i > 0) line += "  ";
            line += right ? padding + row[i] : row[i] + padding;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line;
        out += '\n';
    }
    return out;
}

}  // namespace amanat::cli
