#pragma once

#include <string>
#include <vector>

namespace amanat {

// The kiosk's problems (a picture that cannot be decoded, a film that cannot
// play, feedback not saved, a broken setting) go to standard error, which
// systemd's journal keeps, and the last few are also kept for the status file
// (`amanat status`), so staff see them without reading the journal.
//
// Thread contract: both functions may be called from any thread (the feedback
// store's and the picture loader's results are logged from the render thread,
// the visitors' book opens its database on a thread of its own).

// Writes "amanat-kiosk: LINE" to standard error and keeps LINE, with the time.
void log_problem(const std::string& line);

// The last problems logged (at most 10), oldest first, each as
// "2026-12-03T10:01:02Z LINE".
std::vector<std::string> recent_problems();

}  // namespace amanat
