#pragma once

// A test hook, compiled only with AMANAT_TEST_HOOKS (never in a release build):
// the soak's synthetic visitors (app/test_hooks/soak_driver) touch the screen
// through SDL's own event queue, the way a finger's events reach the kiosk.
//
// Thread contract: render thread only (the window's).

#include "platform/kiosk_window.hpp"

namespace amanat::platform {

// One synthetic input event, in window pixels. Press, Move and Release are the
// mouse, which is what SDL makes of a first finger and what Dear ImGui's buttons
// see; the Finger kinds are touch fingers (1, 2, ...) for what the mouse cannot
// do, such as a pinch.
struct SyntheticTouch {
    enum class Kind { Press, Move, Release, FingerDown, FingerMove, FingerUp };
    Kind kind = Kind::Press;
    float x = 0, y = 0;
    int finger = 1;  // the Finger kinds only
};

// Queues `touch` for `window` as the SDL event a real one would be, so that it
// takes the real path: KioskWindow::wait() drains it, Dear ImGui and the gesture
// recognizer see it.
void inject(const KioskWindow& window, const SyntheticTouch& touch);

// Injected events not yet taken by KioskWindow::wait(). SDL's queue does not
// always hand over an event on the next wait() (after a press or release wait()
// stops draining, and SDL's poll then ends at its own marker first), so a driver
// waits for this to be 0 before its next event: one frame per event, in order.
int injected_pending();

}  // namespace amanat::platform
