#pragma once

namespace amanat::platform {

// When the kiosk draws through X11 (cage's Xwayland, without a GPU: see
// core/settings/display_attempts), the X server goes away whenever cage does: stopped
// by systemd, or gone with its last output (a screen unplugged). Xlib then
// calls exit(1) from inside whatever SDL call noticed, with a line of its own.
// After this call the kiosk says instead that its display is gone and ends
// with status 0, as it does when its Wayland display goes away; systemd starts
// cage and the kiosk again. Ratings already acknowledged are in the feedback
// database (SQLite commits them before acknowledging); nothing else is lost.
//
// Thread contract: call on the render thread once SDL's X11 driver is up.
void stop_cleanly_when_x_display_goes();

}  // namespace amanat::platform
