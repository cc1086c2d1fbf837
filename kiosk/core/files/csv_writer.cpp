#include "core/files/csv_writer.hpp"

#include <algorithm>
#include <charconv>

#include "core/files/json_record.hpp"

namespace amanat {

void append_csv_field(std::string& out, std::string_view field) {
    // One pass (find_first_of would scan once per character sought).
    const auto special = [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; };
    if (std::none_of(field.begin(), field.end(), special)) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (const char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

bool looks_like_formula(std::string_view field) {
    // OWASP's list: a leading tab or CR is skipped by some spreadsheets before
    // they look for the formula sign, so those are guarded too.
    return !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
}

void CsvRecord::separate() {
    if (m_finished) {
        m_line.clear();
        m_finished = false;
        m_empty = true;
    }
    if (!m_empty) m_line.push_back(',');
    m_empty = false;
}

CsvRecord& CsvRecord::text(std::string_view field) {
    separate();
    std::string repaired;
    if (!is_valid_utf8(field)) {
        repaired = valid_utf8(field);
        field = repaired;
    }
    if (looks_like_formula(field)) {
        std::string guarded;
        guarded.reserve(field.size() + 1);
        guarded.push_back('\'');
        guarded.append(field);
        append_csv_field(m_line, guarded);
    } else {
        append_csv_field(m_line, field);
    }
    return *this;
}

CsvRecord& CsvRecord::number(long long value) {
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_line.append(digits, end);
    return *this;
}

std::string_view CsvRecord::finish() {
    if (m_finished) m_line.clear();  // a record without fields: an empty line
    m_line.append("\r\n");
    m_finished = true;
    return m_line;
}

}  // namespace amanat
