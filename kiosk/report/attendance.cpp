#include "report/attendance.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <vector>

#include "core/files/json_record.hpp"
#include "core/files/small_file.hpp"

namespace amanat::report {

namespace {

// A year of days at a few hundred venues is well under a megabyte.
constexpr std::size_t kMaxAttendanceBytes = 16u << 20;

// One line's fields, RFC 4180 quoting ("a ""quoted"" word", commas inside
// quotes). nullopt when a quote is left open.
std::optional<std::vector<std::string>> fields_of(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    for (std::string& field : fields) {
        while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.pop_back();
        while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.erase(0, 1);
    }
    return fields;
}

bool is_day(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return false;
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// The column of each of venue, date and visitors, from the header line.
bool read_header(const std::vector<std::string>& header, std::array<std::size_t, 3>& columns,
                 std::string& problem) {
    const std::array<const char*, 3> names = {"venue", "date", "visitors"};
    for (std::size_t n = 0; n < names.size(); ++n) {
        columns[n] = header.size();
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == names[n]) columns[n] = i;
        if (columns[n] == header.size()) {
            problem = std::string("the first line must name the columns venue,date,visitors (no column '") +
                      names[n] + "')";
            return false;
        }
    }
    return true;
}

bool read_line(const std::vector<std::string>& fields, const std::array<std::size_t, 3>& columns,
               Attendance& attendance, std::string& problem) {
    for (std::size_t column : columns) {
        if (column >= fields.size()) {
            problem = "expected " + std::to_string(columns.size()) + " values separated by commas, found " +
                      std::to_string(fields.size()) + " (quote a venue whose name has a comma)";
            return false;
        }
    }
    const std::string& venue = fields[columns[0]];
    const std::string& day = fields[columns[1]];
    const std::string& count = fields[columns[2]];
    if (venue.empty()) {
        problem = "the venue is empty";
        return false;
    }
    if (!is_day(day)) {
        problem = "the date '" + valid_utf8(day) + "' is not a day written YYYY-MM-DD";
        return false;
    }
    long long visitors = 0;
    const auto parsed = std::from_chars(count.data(), count.data() + count.size(), visitors);
    if (count.empty() || parsed.ec != std::errc{} || parsed.ptr != count.data() + count.size() ||
        visitors < 0) {
        problem = "the visitors '" + valid_utf8(count) + "' is not a whole number of visitors";
        return false;
    }
    if (!attendance[venue].emplace(day, visitors).second) {
        problem = valid_utf8(venue) + " on " + day + " is given twice";
        return false;
    }
    return true;
}

}  // namespace

bool parse_attendance(const std::string& text, const std::string& name, Attendance& attendance,
                      std::string& error) {
    attendance.clear();
    if (!is_valid_utf8(text)) {
        error = name + ": not UTF-8 text; save it from the spreadsheet as \"CSV UTF-8\"";
        return false;
    }
    std::array<std::size_t, 3> columns{};
    bool header = true;
    std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a spreadsheet's byte order mark
    for (int line_number = 1; start < text.size(); ++line_number) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        std::string problem;
        const auto fields = fields_of(line);
        const bool ok = !fields  ? (problem = "a quote (\") is opened and never closed", false)
                        : header ? read_header(*fields, columns, problem)
                                 : read_line(*fields, columns, attendance, problem);
        if (!ok) {
            error = name + ":" + std::to_string(line_number) + ": " + problem;
            attendance.clear();
            return false;
        }
        header = false;
    }
    if (header) {
        error = name + ": empty; write a first line venue,date,visitors and then one line per venue and day";
        return false;
    }
    return true;
}

bool read_attendance(const std::filesystem::path& file, Attendance& attendance, std::string& error) {
    std::string text;
    std::string problem;
    if (!read_small_file(file, kMaxAttendanceBytes, text, problem)) {
        error = file.string() + ": " + problem;
        return false;
    }
    return parse_attendance(text, file.string(), attendance, error);
}

}  // namespace amanat::report
