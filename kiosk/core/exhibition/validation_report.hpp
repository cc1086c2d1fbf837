#pragma once

#include <string>

#include "core/exhibition/bundle_validator.hpp"

namespace amanat {

// The report staff read: problems grouped by file, each with its place, severity
// and fix, then the translation coverage table and a one-line verdict.
std::string format_report_text(const ValidationReport& report);

// The same report as a JSON document, for programs.
std::string format_report_json(const ValidationReport& report);

}  // namespace amanat
