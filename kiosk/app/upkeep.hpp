#pragma once

#include <filesystem>
#include <string>

#include "app/exhibition_source.hpp"
#include "app/health_report.hpp"
#include "app/service_notifier.hpp"
#include "core/exhibition/bundle.hpp"
#include "core/visit/clock.hpp"
#include "pack/crash_loop_guard.hpp"

namespace amanat {

class FleetCourier;
class StaffTasks;
class VisitorsBook;

// What keeps the kiosk looked after across exhibitions: systemd's watchdog, the
// status file, the crash-loop guard, and when the screen may sleep. Owned by
// run_kiosk(). Render thread only.
struct Upkeep {
    ServiceNotifier notifier;
    HealthReport health;
    KioskStarts starts;
    long long started_at = 0;  // Unix seconds
    std::filesystem::path state_folder;
    pack::CrashLoopGuard crash_guard{state_folder / "pack-starts.json"};
    Millis shown_since = 0;      // when the exhibition on screen was loaded
    bool start_settled = false;  // crash_guard told that it lasted
    std::string drawing{};       // KioskWindow::drawing(), for the status file
    std::string speech{};        // speech mode's output or why it has none, for the status file
    std::string fallbacks{};     // KioskWindow::fallbacks()
    bool ready_sent = false;
    bool asleep = false;
    Millis woken_until = -1;            // a touch on the sleeping screen wakes it until then
    std::string venue{};                // [venue] name in the config
    std::string kiosk_id{};             // VisitorsBook::kiosk_id() once known
    FleetCourier* courier = nullptr;    // null without [fleet] folders
    StaffTasks* staff_tasks = nullptr;  // staff's installs and exports, which may outlast an exhibition
    std::string published_showing{};    // the exhibition and sleep the courier last heard of
};

// Hands the status file (and the fleet's courier) the minute's facts: the
// exhibition `bundle` from `source`, the visitors' book, and `showing`, the
// loop's description of the screen ("asleep" while it sleeps).
void publish_health(Upkeep& upkeep, const Bundle& bundle, const ExhibitionSource& source,
                    const VisitorsBook& book, const std::string& showing, Millis now);

// Nothing can be drawn (KioskWindow::open's `error`): the log, and the status
// file, where `amanat status` shows why this kiosk shows nothing (the writer
// thread finishes the file before `upkeep` is gone).
void report_no_display(Upkeep& upkeep, const Bundle& bundle, const std::string& error, Millis now);

}  // namespace amanat
