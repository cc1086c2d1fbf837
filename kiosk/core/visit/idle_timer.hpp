#pragma once

#include "core/visit/clock.hpp"

namespace amanat {

// When to ask "Are you still there?" and when to reset the kiosk for the next
// visitor. Time is passed in (an injected clock). Render thread only.
class IdleTimer {
  public:
    enum class Phase { Active, CountingDown, Expired };

    IdleTimer(Millis idle_after, Millis countdown) : m_idle_after(idle_after), m_countdown(countdown) {}

    // A visitor touched the screen (or media is playing: the app calls this while
    // it plays, so the countdown starts only when it ends).
    void touch(Millis now) { m_last_activity = now; }
    // Raw input (a finger down, a move): keeps the visit alive, except while the
    // countdown is asking. Then only the overlay's answer counts ("Continue",
    // "Start again", or a tap anywhere else), which the screens report as actions:
    // otherwise the press on "Start again" would dismiss the overlay first.
    void notice_input(Millis now) {
        if (phase(now) == Phase::Active) touch(now);
    }

    Phase phase(Millis now) const;
    // Whole seconds left in the countdown, rounded up (10, 9, ... 1); 0 otherwise.
    int seconds_left(Millis now) const;
    // The next moment the display must change (countdown starts, ticks, expires),
    // for the render loop's wait; -1 when expired.
    Millis next_deadline(Millis now) const;

    // When the visitor last touched the screen (or something last played).
    Millis last_activity() const { return m_last_activity; }

    void set_idle_after(Millis idle_after) { m_idle_after = idle_after; }
    Millis idle_after() const { return m_idle_after; }

  private:
    Millis m_idle_after;
    Millis m_countdown;
    Millis m_last_activity = 0;
};

}  // namespace amanat
