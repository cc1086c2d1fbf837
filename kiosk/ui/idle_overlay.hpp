#pragma once

#include "ui/frame.hpp"

namespace amanat::ui {

// "Are you still there?" with a countdown, over whatever the visitor left. Any
// touch continues the visit (the touch itself restarts the idle timer); "Start
// again" resets the kiosk for the next visitor at once. With `invite_to_survey`
// (once per visit, when the bundle has a survey) it also asks whether the
// visitor would answer it before they go.
void draw_idle_overlay(Frame& frame, int seconds_left, bool invite_to_survey);

}  // namespace amanat::ui
