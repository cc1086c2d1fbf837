#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/exhibition_source.hpp"
#include "app/staff_entrance.hpp"
#include "app/staff_installs.hpp"
#include "core/exhibition/bundle.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/staff/staff_tasks.hpp"
#include "core/visit/gesture.hpp"
#include "platform/kiosk_window.hpp"
#include "ui/staff_view.hpp"

namespace amanat {

class MediaDesk;
class VisitorsBook;

// Staff mode on the kiosk: the loop's one way in. It routes the frame's input
// and the staff screens' actions to the part that does each job, and fills the
// view the staff screens draw:
//   staff_entrance     the way in and out: the hidden corner gesture, the PIN
//                      (checked on a worker), the lockout, the timeout
//   staff_installs     the Packs page: installing a pack found on a USB stick or
//                      in the configured folder, rolling back
//   staff_exports      the Feedback page: exporting feedback to a stick
//   staff_tests_page   the Tests page: a test sound, a touch test
//   staff_status_page  the status page
// and restarting the kiosk, which the loop does.
//
// Thread contract: everything is called on the render thread, and the render
// thread never waits for another thread here (the watchdog's pings come from
// the render loop). PIN checks run on StaffEntrance's std::async worker, whose
// answer update() takes only once it is ready. Installs, rollbacks and exports
// run one at a time on StaffTasks' worker (core/staff/staff_tasks): start()
// only hands the work over and state() only copies a few fields under its mutex;
// a task asked for while one runs is refused with a message staff see, and only
// the worker clears `busy`. The work never touches the desk: it reads the config
// and the source, which outlive it, and copies of its own, and reports through
// StaffTasks. The render thread collects both in update(). Only the destructor
// waits, for a PIN check still running (a fraction of a second); a task still
// running is not waited for (StaffTasks, run_kiosk's, outlives the desk).
class StaffDesk {
  public:
    // What the loop must do after handle().
    enum class Request { Nothing, Opened, Closed, Restart };

    StaffDesk(const KioskConfig& config, const ExhibitionSource& source, const Bundle& bundle,
              platform::KioskWindow& window, StaffTasks& tasks, float corner_side, Millis now);
    StaffDesk(const StaffDesk&) = delete;
    StaffDesk& operator=(const StaffDesk&) = delete;

    // Staff mode or its PIN pad is showing: the visitors' screens are not.
    bool showing() const { return m_entrance.showing(); }

    // The frame's taps, while the visitors' screens show: true when the hidden
    // gesture completed and the PIN pad opens.
    bool watch_corner(const std::vector<Gesture>& gestures, float width, float height, Millis now);
    // Input while staff mode shows: keeps it open, and marks the touch test's
    // cells under every finger down, moved or lifted.
    void touch(const std::vector<Gesture>& gestures, float width, float height, Millis now);

    // Carries out the staff screens' actions of this frame.
    Request handle(const std::vector<ui::StaffAction>& actions, MediaDesk& media, const VisitorsBook& book,
                   Millis now);
    // Before drawing: collects finished work and fills the view. Returns Closed
    // when staff mode closed by itself (nobody touched it for a while).
    Request update(const VisitorsBook& book, Millis now);
    const ui::StaffView& view() const { return m_view; }
    // When the screens next change by themselves (lockout countdown, expiry), or -1.
    Millis next_deadline(Millis now) const { return m_entrance.next_deadline(now); }

  private:
    Request carry_out(const ui::StaffAction& action, MediaDesk& media, const VisitorsBook& book, Millis now);
    void close(const char* why);
    void show_page(std::size_t page);
    void install(std::size_t index);
    void roll_back();
    void export_feedback(std::size_t index, const VisitorsBook& book);
    // Hands `work` to StaffTasks' worker, unless a task is running already.
    void start(const std::string& what, StaffTasks::Work work);
    // The outcome of something done on the render thread (logged by
    // staff::ended()), shown as a task's would be.
    void tell(StaffTaskOutcome outcome);
    Request take_pin_answer(Millis now);
    void take_task_state();
    void refresh_lists();

    const KioskConfig& m_config;
    const ExhibitionSource& m_source;
    const Bundle& m_bundle;
    // The venue's first language: numbers and dates on the staff pages are
    // written its way (the pages' own words follow the visitor's language).
    std::string m_language;
    StaffEntrance m_entrance;
    ui::StaffView m_view;
    staff::PackListing m_packs;  // as of the last refresh_lists()
    std::vector<std::filesystem::path> m_export_targets;
    StaffTasks& m_tasks;  // installs, rollbacks, exports: run_kiosk's, they may outlast this desk
};

}  // namespace amanat
