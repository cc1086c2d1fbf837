#pragma once

#include <memory>
#include <string>

namespace amanat::platform {

struct WindowOptions {
    bool fullscreen = true;  // false: a window of width x height, for development
    int width = 1280;
    int height = 720;
    const char* title = "Amanat";
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
    void end_frame();

    // Re-uploads the font atlas after the UI rebuilt it (e.g. for large text).
    void reload_fonts();

    // Asks the render thread to draw a frame soon. Safe from any thread.
    void wake();

    int width() const;
    int height() const;

  private:
    struct State;
    explicit KioskWindow(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace amanat::platform
