#pragma once

#include "ui/frame.hpp"
#include "ui/staff_view.hpp"

namespace amanat::ui {

// Staff mode's screens, over everything the visitors see: the PIN pad, then
// pages for the kiosk's status, its exhibition packs (install from a USB stick or
// the configured folder, roll back), exporting feedback to a USB stick, and
// tests (sound, a touch grid, restarting the kiosk). Words in the venue's first
// language; emits StaffActions, which the app carries out.
class StaffScreens {
  public:
    void draw(Frame& frame, const StaffView& staff);

  private:
    void draw_pin_pad(Frame& frame, const StaffView& staff);
    void draw_open(Frame& frame, const StaffView& staff);
    void draw_page(Frame& frame, const StaffView& staff, ImVec2 min, ImVec2 max);
    void draw_touch_test(Frame& frame, const StaffView& staff);
};

}  // namespace amanat::ui
