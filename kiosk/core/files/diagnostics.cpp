#include "core/files/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace amanat {

const char* severity_name(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

void Diagnostics::error(std::string file, int line, int column, std::string code, std::string message,
                        std::string fix) {
    m_items.push_back({Severity::Error, std::move(file), line, column, std::move(code), std::move(message),
                       std::move(fix)});
}

void Diagnostics::warning(std::string file, int line, int column, std::string code, std::string message,
                          std::string fix) {
    m_items.push_back({Severity::Warning, std::move(file), line, column, std::move(code), std::move(message),
                       std::move(fix)});
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(
        m_items.begin(), m_items.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const {
    return m_items.size() - error_count();
}

void Diagnostics::sort() {
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column, a.severity) <
               std::tie(b.file, b.line, b.column, b.severity);
    });
}

}  // namespace amanat
