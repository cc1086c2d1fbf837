#pragma once

// What the staff desk tells staff, worded one way wherever it is said: its lines
// in the kiosk's log, how a task ended (logged as it is returned), and sizes in
// the venue's first language.
//
// Thread contract: any thread (staff's tasks log their ends from StaffTasks'
// worker); nothing here keeps state.

#include <string>
#include <vector>

#include "core/staff/staff_tasks.hpp"

namespace amanat::staff {

// A line in the kiosk's log (stderr, so the journal): "amanat-kiosk: staff: LINE".
void log(const std::string& line);

// How something staff asked for ended, logged ("done: ..." or "failed: ...")
// and returned for StaffTasks to show.
StaffTaskOutcome ended(bool ok, std::string outcome, std::vector<std::string> details = {});

// "12.3 MB": tenths of a mebibyte, the number written `language`'s way.
std::string megabytes(unsigned long long bytes, const std::string& language);

}  // namespace amanat::staff
