#include "platform/kiosk_window.hpp"
#include "platform/x11_display_loss.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "core/settings/display_attempts.hpp"
#include "platform/burn_in_shift.hpp"
#include "platform/software_canvas.hpp"
#include "platform/software_pictures.hpp"
#include "platform/touch_reader.hpp"

namespace amanat::platform {

struct KioskWindow::State {
    bool locked = true;             // WindowOptions::locked
    bool full_screen_owed = false;  // see claim_full_screen()
    SDL_Window* window = nullptr;
    SDL_Renderer* renderer = nullptr;
    // SDL's software renderer: its textures are ARGB8888 (what its blitters and
    // the X11/Wayland framebuffer use), so pictures are converted once on upload.
    bool software = false;
    // Software renderer only: the pictures, copied onto the window rather than
    // drawn as triangles.
    std::optional<SoftwarePictures> pictures;
    // Software renderer on a 32-bit XRGB window (what X11 and Wayland give):
    // ImGui's triangles are painted into the window's pixels; no SDL texture is
    // made of the font atlas.
    std::optional<SoftwareCanvas> canvas;
    Uint32 wake_event = 0;
    // Set while a wake event is queued, so that a burst of wake() calls from other
    // threads queues one event, not thousands.
    std::atomic<bool> wake_pending{false};
    // Frames still to draw after the last input before the loop may block again.
    int frames_owed = 2;
    bool backends_ready = false;
    TouchReader touches;
    bool had_input = false;
    std::vector<std::string> key_presses;
    bool touches_kept_from_buttons = false;
    std::string title;
    std::string drawing;    // describe() of how the window draws
    std::string fallbacks;  // the ways tried before it, and why they failed
};

namespace {

// Frames to draw after an input event: one to see the press, one the release,
// and one to settle what they changed.
constexpr int kFramesAfterInput = 3;

// A DRM render node is what a GPU with a 3D driver gives (i915, amdgpu, nouveau,
// virtio-gpu with virgl); a display-only device (simpledrm, efifb) and a virtual
// machine without GPU have none, and OpenGL would be emulated by Mesa's llvmpipe.
bool has_gpu_render_node() {
    for (int node = 128; node < 136; ++node) {
        const std::string path = "/dev/dri/renderD" + std::to_string(node);
        if (access(path.c_str(), R_OK | W_OK) == 0) return true;
    }
    return false;
}

int software_driver_index() {
    for (int i = 0; i < SDL_GetNumRenderDrivers(); ++i) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && SDL_strcmp(info.name, "software") == 0) return i;
    }
    return -1;
}

// Starts SDL's video on `driver` unless it already runs there. False with
// `reason` when it cannot (no Wayland socket, no X server...).
bool start_video(const std::string& driver, std::string& reason) {
    const char* current = SDL_GetCurrentVideoDriver();
    if (current != nullptr && driver == current) return true;
    if (SDL_WasInit(SDL_INIT_VIDEO) != 0) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    // Over SDL_VIDEODRIVER in the environment (the unit's "wayland"), which a
    // hint of normal priority would not override.
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, driver.c_str(), SDL_HINT_OVERRIDE);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) return true;
    reason = std::string("cannot start: ") + SDL_GetError();
    return false;
}

// SDL's renderers that draw through OpenGL (or OpenGL ES): the one
// SDL_RENDER_DRIVER names first (an index given to SDL_CreateRenderer bypasses
// that hint), then the others in SDL's order.
SDL_Renderer* create_gpu_renderer(SDL_Window* window) {
    const char* named = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    for (const bool named_pass : {true, false}) {
        if (named_pass && named == nullptr) continue;
        for (int i = 0; i < SDL_GetNumRenderDrivers(); ++i) {
            SDL_RendererInfo info;
            if (SDL_GetRenderDriverInfo(i, &info) != 0 || SDL_strcmp(info.name, "software") == 0) continue;
            if (named != nullptr && (SDL_strcasecmp(info.name, named) == 0) != named_pass) continue;
            if (SDL_Renderer* renderer = SDL_CreateRenderer(window, i, 0)) return renderer;
        }
    }
    return nullptr;
}

// "software on x11", or the OpenGL renderer SDL made ("opengles2 on wayland"),
// for the log and the status file.
std::string drawing_of(const DisplayAttempt& attempt, SDL_Renderer* renderer) {
    SDL_RendererInfo info;
    if (attempt.path == DrawingPath::Software || SDL_GetRendererInfo(renderer, &info) != 0)
        return describe(attempt);
    std::string drawing = info.name;
    drawing += " on ";
    drawing += attempt.video_driver;
    return drawing;
}

// The window and its renderer, opened one way (`attempt`). False with `reason`
// when this way cannot draw; nothing is left open then.
bool open_window(KioskWindow::State& s, const WindowOptions& options, const DisplayAttempt& attempt,
                 std::string& reason) {
    if (!start_video(attempt.video_driver, reason)) return false;
    s.software = attempt.path == DrawingPath::Software;
    // Wayland gives SDL 2.26 no window framebuffer: the software renderer's pixels
    // are shown through an OpenGL texture there (the window texture SDL makes when
    // framebuffer acceleration is allowed). On X11 they go straight to the server
    // (XShm): OpenGL would only load Mesa and LLVM (~100 ms, tens of MB).
    const bool pixels_through_gl = s.software && attempt.video_driver == "wayland";
    // SDL_WINDOW_OPENGL whenever OpenGL will draw or present: otherwise SDL
    // re-creates the window when it makes its renderer (~200 ms of start-up).
    Uint32 flags = (!s.software || pixels_through_gl ? static_cast<Uint32>(SDL_WINDOW_OPENGL) : Uint32{0}) |
                   SDL_WINDOW_ALLOW_HIGHDPI;
    int x = SDL_WINDOWPOS_CENTERED;
    int y = SDL_WINDOWPOS_CENTERED;
    int width = options.width;
    int height = options.height;
    SDL_DisplayMode desktop;
    s.full_screen_owed = false;
    if (options.fullscreen && SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
        // Full screen must not depend on a window manager honouring the request
        // (a kiosk often runs with none): create the window covering the display,
        // and ask for full screen after the first frame (claim_full_screen()).
        flags |= SDL_WINDOW_BORDERLESS;
        s.full_screen_owed = true;
        x = 0;
        y = 0;
        width = desktop.w;
        height = desktop.h;
    }
    if (options.locked) flags |= SDL_WINDOW_KEYBOARD_GRABBED;
    s.window = SDL_CreateWindow(options.title, x, y, width, height, flags);
    if (s.window == nullptr) {
        reason = std::string("cannot open the window: ") + SDL_GetError();
        return false;
    }
    SDL_ClearError();
    if (s.software) {
        // Without a GPU that texture is Mesa's llvmpipe's: one quad a frame, which
        // its helper threads only add hand-overs to (one run under load: a film
        // 78 -> 63 % of a core; not yet measured alone on a quiet machine,
        // BENCHMARKS.md section 7). An administrator's own setting is kept.
        if (pixels_through_gl && !has_gpu_render_node()) setenv("LP_NUM_THREADS", "0", 0);
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, pixels_through_gl ? "1" : "0");
        s.renderer = SDL_CreateRenderer(s.window, software_driver_index(), SDL_RENDERER_SOFTWARE);
    } else {
        s.renderer = create_gpu_renderer(s.window);
    }
    if (s.renderer == nullptr) {
        const std::string why = SDL_GetError();
        reason = why.empty() ? std::string("SDL cannot make this renderer here (it gave no reason)") : why;
        SDL_DestroyWindow(s.window);
        s.window = nullptr;
        return false;
    }
    return true;
}

// Dear ImGui and its SDL backends, on the window `s` opened; the software
// renderer's pictures and canvas.
void start_imgui(KioskWindow::State& s, const WindowOptions& options) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    // A visitor's screen shows no mouse cursor: Dear ImGui's SDL backend would
    // show it again on every frame (undoing open()'s SDL_ShowCursor), and under
    // cage an arrow then sat wherever the pointer last was.
    if (options.fullscreen) io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplSDL2_InitForSDLRenderer(s.window);
    ImGui_ImplSDLRenderer_Init(s.renderer);
    if (!s.software) return;
    s.pictures.emplace(s.window, s.renderer);
    if (is_xrgb(SDL_GetWindowSurface(s.window))) s.canvas.emplace(s.window, s.renderer, *s.pictures);
}

// Whether an X server is at hand besides Wayland: cage's Xwayland sets DISPLAY.
bool x11_available() {
    const char* display = std::getenv("DISPLAY");
    return display != nullptr && *display != '\0';
}

// The renderer asked for: the settings', unless SDL_RENDER_DRIVER (SDL's own
// variable, for tests and experiments) names one.
Renderer wanted_renderer(Renderer configured) {
    const char* named = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (named == nullptr) return configured;
    return SDL_strcmp(named, "software") == 0 ? Renderer::Software : Renderer::Gpu;
}

// What a kiosk's window asks of SDL before it starts.
void set_kiosk_hints(const WindowOptions& options) {
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    // SDL turns SIGINT and SIGTERM into SDL_QUIT; keep that (the default). A
    // window manager's close (Alt+F4) must not quit a locked kiosk: it then only
    // sends SDL_WINDOWEVENT_CLOSE, which wait() ignores.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, options.locked ? "0" : "1");
    // With the keyboard grabbed, system shortcuts such as Alt+Tab reach the kiosk
    // (which ignores them) instead of the desktop.
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, options.locked ? "1" : "0");
    // The kiosk takes no typed text (visitors and staff only touch), so X11's
    // input method needs no compose table: reading the locale's (thousands of
    // dead-key sequences) was a tenth of the start-up's CPU. An admin's own
    // XCOMPOSEFILE is kept. Not on Wayland (as under cage): SDL's xkbcommon there
    // reads the same variable, and logs an error for an empty file at every start.
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    if (driver == nullptr || SDL_strcmp(driver, "wayland") != 0) setenv("XCOMPOSEFILE", "/dev/null", 0);
    // No mouse events made up from touches: their button edges would end a batch of
    // events apart from the finger event of the same touch (one tap then acts on two
    // screens), and ImGui's SDL backend grabs the pointer (SDL_CaptureMouse) while
    // its button is down, which on X11 swallows the touch's end. The first finger
    // drives ImGui instead (wait(), begin_frame()).
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
}

}  // namespace

std::unique_ptr<KioskWindow> KioskWindow::open(const WindowOptions& options, std::string& error) {
    set_kiosk_hints(options);
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        error = std::string("cannot start SDL (SDL_Init): ") + SDL_GetError();
        return nullptr;
    }
    // The video driver SDL picks by itself (SDL_VIDEODRIVER: "wayland" under cage)
    // comes first; failures are kept for the log and the status file.
    std::vector<std::string> failures;
    std::string first_driver;
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
        first_driver = SDL_GetCurrentVideoDriver();
    } else {
        const char* named = std::getenv("SDL_VIDEODRIVER");
        failures.push_back(std::string(named != nullptr ? named : "SDL's video") +
                           ": cannot start: " + SDL_GetError());
    }
    auto state = std::make_unique<State>();
    state->locked = options.locked;
    const auto attempts = display_attempts(wanted_renderer(options.renderer), has_gpu_render_node(),
                                           first_driver, x11_available());
    const DisplayAttempt* opened = nullptr;
    for (const DisplayAttempt& attempt : attempts) {
        std::string reason;
        if (open_window(*state, options, attempt, reason)) {
            opened = &attempt;
            break;
        }
        failures.push_back(describe(attempt) + ": " + reason);
        std::fprintf(stderr, "amanat-kiosk: cannot draw with %s: %s\n", describe(attempt).c_str(),
                     reason.c_str());
    }
    if (opened == nullptr) {
        error = no_display_message(failures);
        SDL_Quit();
        return nullptr;
    }
    state->drawing = drawing_of(*opened, state->renderer);
    if (opened->video_driver == "x11") stop_cleanly_when_x_display_goes();
    for (const std::string& failure : failures)
        state->fallbacks += (state->fallbacks.empty() ? "" : "; ") + failure;
    std::fprintf(stderr, "amanat-kiosk: drawing with %s%s%s\n", state->drawing.c_str(),
                 failures.empty() ? "" : ", after: ", state->fallbacks.c_str());
    if (options.fullscreen) SDL_ShowCursor(SDL_DISABLE);
    state->wake_event = SDL_RegisterEvents(1);

    start_imgui(*state, options);
    state->backends_ready = true;
    return std::unique_ptr<KioskWindow>(new KioskWindow(std::move(state)));
}

KioskWindow::KioskWindow(std::unique_ptr<State> state) : m_state(std::move(state)) {}

KioskWindow::~KioskWindow() {
    if (m_state->backends_ready) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    SDL_DestroyRenderer(m_state->renderer);
    // SDL 2.26's SDL_DestroyWindow (and SDL_Quit, which destroys the windows left)
    // dereferences the window's display: once the compositor has removed its last
    // output (a monitor unplugged under cage) there is none (fixed upstream in
    // libsdl-org/SDL#15470). The process is exiting: leave the window to it.
    if (SDL_GetWindowDisplayIndex(m_state->window) < 0) return;
    SDL_DestroyWindow(m_state->window);
    SDL_Quit();
}

bool KioskWindow::wait(int timeout_ms) {
    State& s = *m_state;
    SDL_Event event;
    bool have_event = false;
    if (s.frames_owed > 0) {
        have_event = SDL_PollEvent(&event) != 0;
    } else if (timeout_ms < 0) {
        have_event = SDL_WaitEvent(&event) != 0;
    } else {
        have_event = SDL_WaitEventTimeout(&event, timeout_ms) != 0;
    }
    bool input = false;
    int width = 0;
    int height = 0;
    SDL_GetWindowSize(s.window, &width, &height);
    while (have_event) {
        if (event.type == SDL_QUIT) return false;
        if (s.locked && event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE) {
            // Not followed by SDL_QUIT when locked (the hint in open()).
            std::fprintf(stderr, "amanat-kiosk: ignoring a request to close the window (visitor mode)\n");
        }
        if (event.type == SDL_KEYDOWN && event.key.repeat == 0)
            s.key_presses.emplace_back(SDL_GetKeyName(event.key.keysym.sym));
        if (event.type == s.wake_event) {
            s.wake_pending.store(false);
        } else {
            ImGui_ImplSDL2_ProcessEvent(&event);
            input = true;
        }
        if (s.touches.read(event, width, height)) break;  // a press or a release: one a frame
        have_event = SDL_PollEvent(&event) != 0;
    }
    s.frames_owed = input ? kFramesAfterInput : std::max(s.frames_owed, 1);
    s.had_input = input;
    return true;
}

void KioskWindow::begin_frame() {
    // It makes the font atlas's texture if there is none; painting ourselves, we have no use for one.
    if (!m_state->canvas) ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    m_state->touches.give_to_imgui(io);
    if (m_state->touches_kept_from_buttons) {
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        io.MouseDown[0] = false;
    }
    ImGui::NewFrame();
}

void KioskWindow::draw_frame(int dx, int dy) {
    State& s = *m_state;
    ImGui::Render();
    shift_drawing(*ImGui::GetDrawData(), dx, dy);
    if (s.pictures) s.pictures->route(ImGui::GetDrawData());
    if (s.canvas) {
        s.canvas->paint(ImGui::GetDrawData());
    } else {
        SDL_SetRenderDrawColor(s.renderer, 0, 0, 0, 255);
        SDL_RenderClear(s.renderer);
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    }
}

void KioskWindow::present_frame() {
    State& s = *m_state;
    SDL_RenderPresent(s.renderer);
    if (s.pictures) s.pictures->drop_undrawn();
    if (s.frames_owed > 0) --s.frames_owed;
}

void KioskWindow::claim_full_screen() {
    if (!m_state->full_screen_owed) return;
    m_state->full_screen_owed = false;
    if (SDL_SetWindowFullscreen(m_state->window, SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
        std::fprintf(stderr, "amanat-kiosk: the window manager did not make the window full screen: %s\n",
                     SDL_GetError());
    ++m_state->frames_owed;  // the window may have been resized or exposed
}

void KioskWindow::reload_fonts() {
    if (m_state->canvas) {
        m_state->canvas->take_atlas(*ImGui::GetIO().Fonts);
        return;
    }
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    // The atlas is on the GPU now; its CPU copies (alpha and RGBA, tens of MB
    // at 4K) are not needed again until the next reload, which rebuilds them.
    ImGui::GetIO().Fonts->ClearTexData();
}

std::vector<PointerEvent> KioskWindow::take_pointer_events() {
    return m_state->touches.take_pointer_events();
}

bool KioskWindow::had_input() const {
    return m_state->had_input;
}

std::vector<std::string> KioskWindow::take_key_presses() {
    std::vector<std::string> keys;
    keys.swap(m_state->key_presses);
    return keys;
}

bool KioskWindow::knows_key(const std::string& name) {
    return SDL_GetKeyFromName(name.c_str()) != SDLK_UNKNOWN;
}

void KioskWindow::keep_touches_from_buttons(bool keep) {
    m_state->touches_kept_from_buttons = keep;
}

void KioskWindow::use_clock(std::function<Millis()> clock) {
    m_state->touches.use_clock(std::move(clock));
}

namespace {

// The texture format for RGBA pixels: as they are for a GPU; the software
// renderer's fast blitters want ARGB8888 (the framebuffer's own order).
Uint32 texture_format(const KioskWindow::State& s) {
    return s.software ? SDL_PIXELFORMAT_ARGB8888 : SDL_PIXELFORMAT_RGBA32;
}

void upload(const KioskWindow::State& s, SDL_Texture* texture, const unsigned char* rgba, int width,
            int height, bool bgra) {
    const SDL_Rect whole{0, 0, width, height};
    if (!s.software ||
        bgra) {  // already in the texture's order (BGRA is only asked of the software renderer)
        SDL_UpdateTexture(texture, &whole, rgba, width * 4);
        return;
    }
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(texture, &whole, &pixels, &pitch) != 0) return;
    SDL_ConvertPixels(width, height, SDL_PIXELFORMAT_RGBA32, rgba, width * 4, SDL_PIXELFORMAT_ARGB8888,
                      pixels, pitch);
    SDL_UnlockTexture(texture);
}

}  // namespace

bool KioskWindow::prefers_bgra() const {
    return m_state->software;
}

bool KioskWindow::draws_in_software() const {
    return m_state->software;
}

void* KioskWindow::create_texture(const unsigned char* rgba, int width, int height, bool bgra, bool opaque) {
    // Streaming for the software renderer: upload() writes into it in place.
    SDL_Texture* texture = SDL_CreateTexture(
        m_state->renderer, texture_format(*m_state),
        m_state->software ? SDL_TEXTUREACCESS_STREAMING : SDL_TEXTUREACCESS_STATIC, width, height);
    if (texture == nullptr) return nullptr;
    upload(*m_state, texture, rgba, width, height, bgra && m_state->software);
    if (m_state->pictures) m_state->pictures->add(texture, rgba, width, height, opaque);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    return texture;
}

void* KioskWindow::adopt_picture(std::vector<unsigned char>&& pixels, int width, int height, bool bgra,
                                 bool opaque) {
    if (width <= 0 || height <= 0 ||
        pixels.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
        return nullptr;  // not the picture it says it is: never read past its end
    if (!m_state->canvas || !bgra) return create_texture(pixels.data(), width, height, bgra, opaque);
    return m_state->pictures->adopt(std::move(pixels), width, height, opaque);
}

void KioskWindow::update_texture(void* handle, const unsigned char* rgba, int width, int height, bool bgra) {
    SDL_Texture* texture =
        m_state->pictures ? m_state->pictures->texture_to_update(handle) : static_cast<SDL_Texture*>(handle);
    if (texture == nullptr) return;
    upload(*m_state, texture, rgba, width, height, bgra && m_state->software);
}

void KioskWindow::show_frame(void* texture, const unsigned char* pixels, int width, int height, bool bgra) {
    if (m_state->canvas && bgra && m_state->pictures->lend(texture, pixels, width, height)) return;
    update_texture(texture, pixels, width, height, bgra);
}

void KioskWindow::destroy_texture(void* handle) {
    if (m_state->pictures) {
        m_state->pictures->destroy(handle);
    } else if (handle != nullptr) {
        SDL_DestroyTexture(static_cast<SDL_Texture*>(handle));
    }
}

std::optional<float> KioskWindow::display_dpi() const {
    float diagonal = 0;
    const int display = SDL_GetWindowDisplayIndex(m_state->window);
    if (SDL_GetDisplayDPI(display < 0 ? 0 : display, &diagonal, nullptr, nullptr) != 0 || diagonal <= 0) {
        return std::nullopt;
    }
    return diagonal;
}

void KioskWindow::set_title(const std::string& title) {
    if (title == m_state->title) return;
    m_state->title = title;
    SDL_SetWindowTitle(m_state->window, title.c_str());
}

void KioskWindow::wake() {
    if (m_state->wake_pending.exchange(true)) return;
    SDL_Event event{};
    event.type = m_state->wake_event;
    if (SDL_PushEvent(&event) != 1) m_state->wake_pending.store(false);
}

std::uint32_t KioskWindow::sdl_id() const {
    return SDL_GetWindowID(m_state->window);
}

std::string KioskWindow::renderer_name() const {
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(m_state->renderer, &info) != 0) return "unknown";
    return info.name;
}

const std::string& KioskWindow::drawing() const {
    return m_state->drawing;
}

const std::string& KioskWindow::fallbacks() const {
    return m_state->fallbacks;
}

int KioskWindow::width() const {
    int w = 0;
    SDL_GetWindowSize(m_state->window, &w, nullptr);
    return w;
}

int KioskWindow::height() const {
    int h = 0;
    SDL_GetWindowSize(m_state->window, nullptr, &h);
    return h;
}

}  // namespace amanat::platform
