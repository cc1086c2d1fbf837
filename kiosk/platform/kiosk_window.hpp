#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/gesture.hpp"

namespace amanat::platform {

struct WindowOptions {
    bool fullscreen = true;  // false: a window of width x height, for development
    int width = 1280;
    int height = 720;
    const char* title = "Amanat";
    // A visitors' kiosk: what could close or leave it from a keyboard does
    // nothing (a window manager's close, Alt+F4, Alt+Tab: the keyboard is grabbed;
    // the kiosk itself binds no Escape, Ctrl+Q or Ctrl+W). SIGTERM and SIGINT
    // still stop it cleanly. Off for a development window, which closes as usual.
    bool locked = true;
};

// The kiosk's one window: SDL, the renderer, the ImGui context and its backends.
//
// Rendering is event-driven: the loop blocks in wait() until input arrives, a
// wake-up is posted, or an animation deadline passes, so a still screen costs no
// CPU. Thread contract: every method except wake() must be called on the thread
// that called open() (the render thread). wake() may be called from any thread.
class KioskWindow {
  public:
    static std::unique_ptr<KioskWindow> open(const WindowOptions& options, std::string& error);
    ~KioskWindow();
    KioskWindow(const KioskWindow&) = delete;
    KioskWindow& operator=(const KioskWindow&) = delete;

    // Returns when a frame should be drawn: at once while frames are owed after
    // input (Dear ImGui 1.86 needs a press frame and a release frame), otherwise
    // after the next input or wake-up, or after `timeout_ms` (negative: no timeout).
    // Returns false when the kiosk must quit (SIGTERM, SIGINT, window closed).
    bool wait(int timeout_ms);

    void begin_frame();
    // Renders and presents the frame, moved by (dx, dy) pixels: the burn-in shift
    // (core/screen_care.hpp). A few pixels against touch targets of 15 mm and more,
    // so input is not moved back.
    void end_frame(int dx = 0, int dy = 0);

    // Re-uploads the font atlas after the UI rebuilt it.
    void reload_fonts();

    // Touch and mouse input since the last call, in window pixels, for gesture
    // recognition (Dear ImGui 1.86 sees only SDL's touch-to-mouse emulation).
    // Touch fingers get ids from 1; the mouse is finger 0 while a button is held.
    std::vector<PointerEvent> take_pointer_events();
    // True when input arrived during the last wait() (for the idle timer).
    bool had_input() const;

    // Textures for pictures: RGBA pixels, uploaded on the render thread.
    void* create_texture(const unsigned char* rgba, int width, int height);
    void destroy_texture(void* texture);
    // Replaces a texture's pixels (same size as created): a film's next frame.
    void update_texture(void* texture, const unsigned char* rgba, int width, int height);

    // The display's density as the system reports it, if it does.
    std::optional<float> display_dpi() const;
    // The window title: the e2e tests read it to know which screen is shown.
    void set_title(const std::string& title);

    // Asks the render thread to draw a frame soon. Safe from any thread.
    void wake();

    int width() const;
    int height() const;

  private:
  public:
    struct State;  // the SDL side, opaque outside kiosk_window.cpp

  private:
    explicit KioskWindow(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace amanat::platform
