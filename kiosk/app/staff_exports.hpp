#pragma once

// The Feedback page's job: exporting the visitors' feedback (the tables as CSV,
// and a copy of the database) to a USB stick or the configured folder.
//
// Thread contract: export_targets() runs on the render thread, when a page is
// shown or a task has ended (a listing of /media and /run/media). The work
// export_feedback() returns runs on StaffTasks' worker: it reads only copies of
// its own and the database, which SQLite lets it read while the kiosk's writer
// goes on (store::export_feedback_to_folder), logs its end and never touches the
// desk.

#include <filesystem>
#include <string>
#include <vector>

#include "core/settings/kiosk_config.hpp"
#include "core/staff/staff_tasks.hpp"

namespace amanat {

// Folders staff may have plugged in: mounted USB sticks under /media and
// /run/media (a stick's mount point is two or three levels down).
std::vector<std::filesystem::path> usb_stick_folders();

namespace staff {

// Where feedback can be exported: the USB sticks, then the config's export folder.
std::vector<std::filesystem::path> export_targets(const KioskConfig& config);

// Exporting `database` (the kiosk's feedback file, empty when feedback is not
// recorded) to a new folder in `folder`, named after `kiosk_id`.
StaffTasks::Work export_feedback(std::filesystem::path folder, std::filesystem::path database,
                                 std::string kiosk_id);

}  // namespace staff
}  // namespace amanat
