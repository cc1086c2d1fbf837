#pragma once

// The venues' own visitor counts (--attendance), so the report can say how
// many of a venue's visitors used a kiosk. A CSV file, UTF-8, comma-separated,
// with a header line and then one line per venue and day:
//
//   venue,date,visitors
//   "Central State Museum, Almaty",2026-03-01,1250
//
// `venue` is the venue's name exactly as its kiosks record it (kiosk.toml's
// venue; quote it when it holds a comma), `date` the venue-local day
// (YYYY-MM-DD), `visitors` a whole number. Blank lines are allowed; the
// columns may come in any order, named by the header.
//
// Thread contract: pure.

#include <filesystem>
#include <map>
#include <string>

namespace amanat::report {

// venue -> day ("YYYY-MM-DD") -> visitors.
using Attendance = std::map<std::string, std::map<std::string, long long>, std::less<>>;

// Reads `file`. False with `error` naming the file and line, what is wrong and
// what to write instead.
bool read_attendance(const std::filesystem::path& file, Attendance& attendance, std::string& error);

// The same from text already read; `name` is the file's, for messages.
bool parse_attendance(const std::string& text, const std::string& name, Attendance& attendance,
                      std::string& error);

}  // namespace amanat::report
