#pragma once

// The staff entrance on the kiosk: core/staff/staff_door's rules fed with the
// frame's taps and the PIN pad's keys, the PIN checked off the render thread,
// and the way out (staff's "Close", or no touch for a while). Every step through
// it is logged.
//
// Thread contract: everything is called on the render thread and nothing waits
// for another thread, except the destructor. submit() hands the PIN to a
// std::async worker (Argon2id takes a fraction of a second on purpose), which
// wakes the window when it has the answer; take_pin_answer() collects that
// answer only once it is ready. The worker reads only its own copies and the
// window, which outlives the entrance. The destructor waits for a check still
// running (a fraction of a second at most).

#include <future>
#include <optional>
#include <vector>

#include "core/settings/kiosk_config.hpp"
#include "core/staff/staff_door.hpp"
#include "core/visit/gesture.hpp"
#include "platform/kiosk_window.hpp"
#include "ui/staff_view.hpp"

namespace amanat {

class StaffEntrance {
  public:
    // The corner is a square of `corner_side` pixels; the PIN file is the
    // config's (staff_pin_file()).
    StaffEntrance(const KioskConfig& config, platform::KioskWindow& window, float corner_side, Millis now);
    ~StaffEntrance();
    StaffEntrance(const StaffEntrance&) = delete;
    StaffEntrance& operator=(const StaffEntrance&) = delete;

    // The PIN pad or staff mode is showing.
    bool showing() const { return m_door.phase() != StaffDoor::Phase::Closed; }

    // The frame's taps while the visitors' screens show: true when the hidden
    // gesture completed and the PIN pad opened.
    bool watch_corner(const std::vector<Gesture>& gestures, float width, float height, Millis now);
    // Staff touched the screen (or a task they wait for runs): keeps it open.
    void touch(Millis now) { m_door.touch(now); }

    // The PIN pad's keys.
    void type_digit(int digit, Millis now) { m_door.type_digit(digit, now); }
    void erase_digit(Millis now) { m_door.erase_digit(now); }
    // Starts checking the PIN typed, on a worker.
    void submit(Millis now);

    // The PIN check's answer, once the worker has it (never waiting for it).
    enum class Answer { None, Accepted, Refused };
    Answer take_pin_answer(Millis now);

    // Nobody touched it for a while: the caller closes it.
    bool expired(Millis now) const { return m_door.expired(now); }
    // Back to the visitors' kiosk; `why` is logged.
    void close(const char* why);

    // The PIN pad's part of the view: the phase, digits typed, attempts and lockout.
    void describe(ui::StaffView& view, Millis now) const;
    // When the pad or the session next changes by itself, or -1.
    Millis next_deadline(Millis now) const { return m_door.next_deadline(now); }

  private:
    void log_notices();

    platform::KioskWindow& m_window;
    StaffDoor m_door;
    std::optional<PinCheck> m_pin_check;  // the check running, if any
    std::future<bool> m_pin_answer;
};

}  // namespace amanat
