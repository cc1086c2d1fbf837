#pragma once

#include <string>
#include <vector>

namespace amanat {

enum class Severity { Error, Warning };

const char* severity_name(Severity severity);

// One problem found in a bundle, phrased for museum staff: what is wrong (`message`)
// and what to do about it (`fix`). `file` is relative to the bundle folder, with
// '/' separators; line and column are 1-based, 0 when unknown.
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;
    int line = 0;
    int column = 0;
    std::string code;  // stable identifier for programs, e.g. "unknown-key"
    std::string message;
    std::string fix;
};

class Diagnostics {
  public:
    void add(Diagnostic diagnostic) { m_items.push_back(std::move(diagnostic)); }
    void error(std::string file, int line, int column, std::string code, std::string message,
               std::string fix);
    void warning(std::string file, int line, int column, std::string code, std::string message,
                 std::string fix);

    const std::vector<Diagnostic>& items() const { return m_items; }
    std::size_t error_count() const;
    std::size_t warning_count() const;
    bool has_errors() const { return error_count() > 0; }

    // Orders by file, then line and column, errors before warnings at one place,
    // so that a report reads top to bottom through each file.
    void sort();

  private:
    std::vector<Diagnostic> m_items;
};

}  // namespace amanat
