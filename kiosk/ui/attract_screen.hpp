#pragma once

#include "ui/frame.hpp"

namespace amanat::ui {

// The attract screen's prompt in one language (also put in the first font atlas,
// ui::attract_text).
std::string touch_to_start(const Phrasebook& phrases);

// While nobody uses the kiosk: the exhibition's pictures cross-fade slowly and
// its title cycles through the offered languages, with "Touch to start" in each.
// Still between fades, so the kiosk spends almost no CPU while it waits.
class AttractScreen {
  public:
    void draw(Frame& frame);
    void restart(Millis now) { m_started = now; }

    static constexpr Millis kHold = 6000;  // each picture is still this long
    static constexpr Millis kFade = 2000;  // then fades into the next

  private:
    Millis m_started = 0;
};

}  // namespace amanat::ui
