#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/settings/kiosk_config.hpp"
#include "core/visit/gesture.hpp"

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
    // How frames are drawn. Automatic: by the GPU through OpenGL when the machine
    // has one (a DRM render node), else by SDL's own software renderer, which on
    // a machine without a GPU starts faster, holds far less memory and costs
    // less CPU per frame than OpenGL emulated by Mesa's llvmpipe (BENCHMARKS.md).
    // Whichever it is, open() falls back to the others (core/settings/display_attempts.hpp)
    // rather than give up: the kiosk never goes blank for want of a renderer.
    Renderer renderer = Renderer::Automatic;
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
    // Renders the frame, moved by (dx, dy) pixels: the burn-in shift
    // (core/settings/screen_care.hpp). A few pixels against touch targets of 15 mm and more,
    // so input is not moved back. Then present_frame() shows it.
    void draw_frame(int dx = 0, int dy = 0);
    void present_frame();

    // Re-uploads the font atlas after the UI rebuilt it.
    void reload_fonts();

    // A full-screen window opens borderless over the whole display; this then
    // asks the window manager to make it full screen too (so that no panel stays
    // above it). Called after the first frame: SDL waits up to 100 ms for a
    // window manager to answer, the whole 100 ms when there is none (a kiosk's
    // X server often has none). Does nothing for a window or a second time.
    void claim_full_screen();

    // Touch and mouse input since the last call, in window pixels, for gesture
    // recognition (Dear ImGui 1.86 sees only SDL's touch-to-mouse emulation).
    // Touch fingers get ids from 1; the mouse is finger 0 while a button is held.
    std::vector<PointerEvent> take_pointer_events();
    // True when input arrived during the last wait() (for the idle timer).
    bool had_input() const;
    // The keys pressed since the last call (not auto-repeats), by SDL's names
    // ("Up", "Return", "F1", "Keypad +"): speech mode's keypad (docs/SPEECH.md).
    std::vector<std::string> take_key_presses();
    // Whether `name` is a key SDL knows by that name (kiosk.toml's [keypad] is checked with it).
    static bool knows_key(const std::string& name);
    // While true, touches reach the gesture recognizer but not the buttons:
    // speech mode's touch-and-hear, where a touch says what is under the finger
    // and only a double tap activates.
    void keep_touches_from_buttons(bool keep);

    // Textures for pictures: 4 bytes a pixel, R, G, B, A (or B, G, R, A with
    // `bgra`), uploaded on the render thread. `opaque`: the caller knows every
    // alpha is 255 (else the software renderer looks, to copy rather than blend).
    void* create_texture(const unsigned char* pixels, int width, int height, bool bgra = false,
                         bool opaque = false);
    // The same for pixels the caller gives up (a decoded picture): without a GPU,
    // and in B, G, R, A, the window keeps them as the picture itself and copies
    // them onto the screen when drawn, so nothing is allocated, cleared or copied
    // here on the render thread; otherwise create_texture(). The handle is
    // destroyed with destroy_texture() like any other. Null when `pixels` is not
    // width x height x 4 bytes.
    void* adopt_picture(std::vector<unsigned char>&& pixels, int width, int height, bool bgra, bool opaque);
    void destroy_texture(void* texture);
    // Replaces a texture's pixels (same size as created).
    void update_texture(void* texture, const unsigned char* pixels, int width, int height, bool bgra = false);
    // A film's next frame. Without a GPU (and in B, G, R, A) the pixels are
    // lent, not copied (3.7 MB a 720p frame, 30 times a second): they are
    // copied straight onto the window when drawn at their own size, so they
    // must stay alive and unchanged until the next show_frame() or
    // update_texture() of this texture, or its destroy_texture(). Otherwise,
    // update_texture().
    void show_frame(void* texture, const unsigned char* pixels, int width, int height, bool bgra);
    // Pixels in B, G, R, A order are uploaded without conversion (the software
    // renderer's): a film player can deliver them so.
    bool prefers_bgra() const;
    // Frames are drawn by the CPU (SDL's software renderer): animations that fill
    // the screen cost a frame's worth of CPU each.
    bool draws_in_software() const;

    // The display's density as the system reports it, if it does.
    std::optional<float> display_dpi() const;
    // The window title: the e2e tests read it to know which screen is shown.
    void set_title(const std::string& title);

    // Asks the render thread to draw a frame soon. Safe from any thread.
    void wake();

    int width() const;
    int height() const;
    // What draws the frames, for the log: "software", "opengl", ...
    std::string renderer_name() const;
    // How the window draws, for the status file: "software on wayland"; and the
    // ways tried before that failed, with SDL's reasons ("" when the first worked).
    const std::string& drawing() const;
    const std::string& fallbacks() const;

    // Stamps pointer events with `clock` instead of SDL's ticks: the soak's
    // virtual clock, so that gestures and the screens' animations agree on time.
    void use_clock(std::function<Millis()> clock);
    // SDL's id of the window, which events meant for it carry
    // (platform/test_hooks/synthetic_touch).
    std::uint32_t sdl_id() const;

    struct State;  // the SDL side, opaque outside kiosk_window.cpp

  private:
    explicit KioskWindow(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace amanat::platform
