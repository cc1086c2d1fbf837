#pragma once

#include "ui/frame.hpp"

namespace amanat::ui {

// "Are you still there?" with a countdown, over whatever the visitor left. Any
// touch continues the visit (the touch itself restarts the idle timer); "Start
// again" resets the kiosk for the next visitor at once.
void draw_idle_overlay(Frame& frame, int seconds_left);

}  // namespace amanat::ui
