#pragma once

#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "app/exhibition_source.hpp"
#include "core/exhibition/bundle.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/staff/staff_door.hpp"
#include "core/staff/staff_tasks.hpp"
#include "core/visit/gesture.hpp"
#include "pack/packs.hpp"
#include "platform/kiosk_window.hpp"
#include "ui/staff_view.hpp"

namespace amanat {

class MediaDesk;
class VisitorsBook;

// Staff mode on the kiosk: the door (hidden corner gesture, PIN, lockout,
// timeout), and what the staff screens ask for: installing a pack found on a USB
// stick or in the configured folder, rolling back, exporting feedback to a
// stick, a test sound, a touch test, restarting the kiosk.
//
// Thread contract: everything is called on the render thread, and nothing here
// waits for another thread (the watchdog's pings come from the render loop). PIN
// checks (Argon2id, a fraction of a second) run on a std::async worker whose
// answer update() takes once it is ready. Installs, rollbacks and exports run
// one at a time on StaffTasks' worker (see there): a task asked for while one
// runs is refused with a message staff see, and only the worker clears `busy`.
// The work never touches the desk: it reads the config and the source, which
// outlive it, and reports through StaffTasks. The render thread collects both
// in update().
class StaffDesk {
  public:
    // What the loop must do after handle().
    enum class Request { Nothing, Opened, Closed, Restart };

    StaffDesk(const KioskConfig& config, const ExhibitionSource& source, const Bundle& bundle,
              platform::KioskWindow& window, StaffTasks& tasks, float corner_side, Millis now);
    ~StaffDesk();
    StaffDesk(const StaffDesk&) = delete;
    StaffDesk& operator=(const StaffDesk&) = delete;

    // Staff mode or its PIN pad is showing: the visitors' screens are not.
    bool showing() const { return m_door.phase() != StaffDoor::Phase::Closed; }

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
    Millis next_deadline(Millis now) const { return m_door.next_deadline(now); }

  private:
    // Runs `work` on the worker, unless a task is running already.
    void start(std::string what, StaffTasks::Work work);
    static StaffTaskOutcome ended(bool ok, std::string outcome, std::vector<std::string> details = {});
    void tell(bool ok, std::string outcome);
    void refresh_lists();
    void fill_status(const VisitorsBook& book, Millis now);
    std::string feedback_text(const VisitorsBook& book) const;

    const KioskConfig& m_config;
    const ExhibitionSource& m_source;
    const Bundle& m_bundle;
    platform::KioskWindow& m_window;
    // The venue's first language: numbers and dates on the staff pages are
    // written its way (the pages' own words follow the visitor's language).
    std::string m_language;
    StaffDoor m_door;
    ui::StaffView m_view;
    std::vector<std::filesystem::path> m_pack_files;
    std::vector<std::filesystem::path> m_export_targets;
    std::string m_active_pack;            // for the status page, as of the last refresh_lists()
    std::optional<PinCheck> m_pin_check;  // the check running, if any
    std::future<bool> m_pin_answer;
    StaffTasks& m_tasks;  // installs, rollbacks, exports: run_kiosk's, they may outlast this desk
};

// Folders staff may have plugged in: mounted USB sticks under /media and
// /run/media (a stick's mount point is two or three levels down).
std::vector<std::filesystem::path> usb_stick_folders();

}  // namespace amanat
