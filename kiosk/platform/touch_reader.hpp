#pragma once

#include <SDL.h>
#include <imgui.h>

#include <functional>
#include <map>
#include <vector>

#include "core/visit/clock.hpp"
#include "core/visit/gesture.hpp"

namespace amanat::platform {

// The device ids of mouse and touch events pushed into SDL's queue rather than
// made by hardware (platform/test_hooks/synthetic_touch, for the soak); real X11
// mice are 0. SDL's own mouse state never sees such events.
inline constexpr Uint32 kPushedMouse = 0x50AC;
inline constexpr SDL_TouchID kPushedTouchDevice = 0x50AC;

// SDL's touch and mouse events, read for the kiosk: pointer events (window
// pixels; touch fingers numbered from 1, the mouse finger 0 while its button is
// held) for the gesture recognizer, and the pointer and button Dear ImGui 1.86 is
// given each frame. Its SDL backend reads the global mouse position, which stays
// frozen under X11 while a button is held, and SDL's touch-to-mouse emulation is
// off (KioskWindow::open), so the first finger drives ImGui's mouse from here.
//
// Thread contract: render thread only (KioskWindow's wait() and begin_frame()).
class TouchReader {
  public:
    // Reads one event of a batch wait() drains from a window of width x height
    // pixels. True when the batch must end after it (a press or a release):
    // Dear ImGui 1.86 has no input queue, so a press and a release in the same
    // frame would be seen as neither.
    bool read(const SDL_Event& event, int width, int height);
    // After the SDL backend's NewFrame, which took its pointer and button state
    // from SDL (and grabbed the pointer if that was down): what the events said.
    void give_to_imgui(ImGuiIO& io) const;
    // The pointer events read since the last call.
    std::vector<PointerEvent> take_pointer_events();
    // Stamps pointer events with `clock` (the soak's virtual clock) instead of
    // SDL's ticks, so that gestures and the screens' animations agree on time.
    void use_clock(std::function<Millis()> clock);

  private:
    void record(const SDL_Event& event, int width, int height);
    void record_finger(const SDL_Event& event, int width, int height, PointerEvent pointer);
    bool follow_pointer(const SDL_Event& event, int width, int height);
    Millis now() const;

    std::vector<PointerEvent> m_pointer_events;
    std::map<SDL_FingerID, int> m_fingers;  // SDL's finger ids -> ours (1, 2, ...)
    bool m_mouse_down = false;
    // Where ImGui's pointer is: the last event's position.
    bool m_have_pointer = false;
    ImVec2 m_pointer{0, 0};
    // The first finger is ImGui's mouse.
    bool m_have_touch_primary = false;
    SDL_FingerID m_touch_primary = 0;
    bool m_touch_down = false;
    // A pushed mouse button is held: SDL's mouse state, which the ImGui backend
    // reads for a held button, knows nothing of pushed events.
    bool m_pushed_press = false;
    std::function<Millis()> m_clock;  // use_clock(); empty: SDL's ticks
};

}  // namespace amanat::platform
