#pragma once

// Tables for a person at a terminal: columns aligned on the width text takes on
// screen (a Hangul syllable takes two cells, a combining accent none), and bars
// of block characters for counts.

#include <string>
#include <string_view>
#include <vector>

namespace amanat::cli {

// Terminal cells `text` (UTF-8) takes: 2 for East Asian wide and full-width
// characters, 0 for combining marks and zero-width characters, 1 otherwise.
std::size_t display_width(std::string_view text);

// `text` safe to print: control characters shown as escapes ("\n", "\x1b"), so a
// venue name with a line break stays on its row and a damaged file cannot send
// escape sequences to the terminal.
std::string printable(std::string_view text);

// A bar `width` cells long at most, `count` / `largest` of it, in eighths of a
// cell; any count above zero shows at least a sliver.
std::string bar(long long count, long long largest, int width);

class TerminalTable {
  public:
    enum class Align { left, right };
    explicit TerminalTable(std::vector<Align> columns) : m_columns(std::move(columns)) {}

    // One row; cells are made printable. Missing cells are empty.
    void add(std::vector<std::string> cells);
    bool empty() const { return m_rows.empty(); }

    // Every row on its own line, after `indent`, columns two spaces apart.
    std::string render(std::string_view indent = "  ") const;

  private:
    std::vector<Align> m_columns;
    std::vector<std::vector<std::string>> m_rows;
};

}  // namespace amanat::cli
