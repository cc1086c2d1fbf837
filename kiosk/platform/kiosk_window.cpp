#include "platform/kiosk_window.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>

namespace amanat::platform {

struct KioskWindow::State {
    bool locked = true;  // WindowOptions::locked
    SDL_Window* window = nullptr;
    SDL_Renderer* renderer = nullptr;
    Uint32 wake_event = 0;
    // Set while a wake event is queued, so that a burst of wake() calls from other
    // threads queues one event, not thousands.
    std::atomic<bool> wake_pending{false};
    // Frames still to draw after the last input before the loop may block again.
    int frames_owed = 2;
    // Dear ImGui 1.86's SDL backend reads the global mouse position, which stays
    // frozen under X11 while a button is held; we feed it the last event's position.
    bool have_pointer = false;
    ImVec2 pointer{0, 0};
    bool backends_ready = false;
    std::vector<PointerEvent> pointer_events;
    std::map<SDL_FingerID, int> fingers;  // SDL's finger ids -> ours (1, 2, ...)
    bool mouse_down = false;
    bool had_input = false;
    std::string title;
};

namespace {

// Frames to draw after an input event: one to see the press, one the release,
// and one to settle what they changed.
constexpr int kFramesAfterInput = 3;

Millis now_ms() {
    return static_cast<Millis>(SDL_GetTicks64());
}

// Translates SDL's touch and mouse events into pointer events for the gestures.
void record_pointer(KioskWindow::State& s, const SDL_Event& event, int width, int height) {
    PointerEvent pointer;
    pointer.time = now_ms();
    switch (event.type) {
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            auto it = s.fingers.find(event.tfinger.fingerId);
            if (event.type == SDL_FINGERDOWN) {
                int id = 1;
                while (std::any_of(s.fingers.begin(), s.fingers.end(),
                                   [&](const auto& f) { return f.second == id; }))
                    ++id;
                it = s.fingers.emplace(event.tfinger.fingerId, id).first;
            }
            if (it == s.fingers.end()) return;
            pointer.finger = it->second;
            pointer.x = event.tfinger.x * static_cast<float>(width);
            pointer.y = event.tfinger.y * static_cast<float>(height);
            pointer.kind = event.type == SDL_FINGERDOWN ? PointerEvent::Kind::Down
                           : event.type == SDL_FINGERUP ? PointerEvent::Kind::Up
                                                        : PointerEvent::Kind::Move;
            if (event.type == SDL_FINGERUP) s.fingers.erase(it);
            break;
        }
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            // Mouse events SDL makes up from touches are already handled as fingers.
            if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) return;
            s.mouse_down = event.type == SDL_MOUSEBUTTONDOWN;
            pointer.kind = s.mouse_down ? PointerEvent::Kind::Down : PointerEvent::Kind::Up;
            pointer.x = static_cast<float>(event.button.x);
            pointer.y = static_cast<float>(event.button.y);
            break;
        case SDL_MOUSEMOTION:
            if (event.motion.which == SDL_TOUCH_MOUSEID || !s.mouse_down) return;
            pointer.kind = PointerEvent::Kind::Move;
            pointer.x = static_cast<float>(event.motion.x);
            pointer.y = static_cast<float>(event.motion.y);
            break;
        default:
            return;
    }
    s.pointer_events.push_back(pointer);
}

// Events that end this batch: Dear ImGui 1.86 has no input queue, so a press and a
// release in the same frame would be seen as neither. Stop draining after one.
bool is_button_edge(const SDL_Event& event) {
    return event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP;
}

}  // namespace

std::unique_ptr<KioskWindow> KioskWindow::open(const WindowOptions& options, std::string& error) {
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    // SDL turns SIGINT and SIGTERM into SDL_QUIT; keep that (the default). A
    // window manager's close (Alt+F4) must not quit a locked kiosk: it then only
    // sends SDL_WINDOWEVENT_CLOSE, which wait() ignores.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, options.locked ? "0" : "1");
    // With the keyboard grabbed, system shortcuts such as Alt+Tab reach the kiosk
    // (which ignores them) instead of the desktop.
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, options.locked ? "1" : "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        error = std::string("cannot start the display (SDL_Init): ") + SDL_GetError();
        return nullptr;
    }
    auto state = std::make_unique<State>();
    state->locked = options.locked;
    // SDL_WINDOW_OPENGL even for SDL_Renderer: otherwise SDL re-creates the window
    // when the renderer is made, which costs ~200 ms of start-up.
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    int x = SDL_WINDOWPOS_CENTERED;
    int y = SDL_WINDOWPOS_CENTERED;
    int width = options.width;
    int height = options.height;
    SDL_DisplayMode desktop;
    if (options.fullscreen && SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
        // Full screen must not depend on a window manager honouring the request
        // (a kiosk often runs with none): create the window covering the display.
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        x = 0;
        y = 0;
        width = desktop.w;
        height = desktop.h;
    }
    if (options.locked) flags |= SDL_WINDOW_KEYBOARD_GRABBED;
    state->window = SDL_CreateWindow(options.title, x, y, width, height, flags);
    if (state->window == nullptr) {
        error = std::string("cannot open the kiosk window: ") + SDL_GetError();
        SDL_Quit();
        return nullptr;
    }
    state->renderer = SDL_CreateRenderer(state->window, -1, SDL_RENDERER_ACCELERATED);
    if (state->renderer == nullptr) state->renderer = SDL_CreateRenderer(state->window, -1, 0);
    if (state->renderer == nullptr) {
        error = std::string("cannot create a renderer for the kiosk window: ") + SDL_GetError();
        SDL_DestroyWindow(state->window);
        SDL_Quit();
        return nullptr;
    }
    if (options.fullscreen) SDL_ShowCursor(SDL_DISABLE);
    state->wake_event = SDL_RegisterEvents(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    ImGui_ImplSDL2_InitForSDLRenderer(state->window);
    ImGui_ImplSDLRenderer_Init(state->renderer);
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
        if (event.type == s.wake_event) {
            s.wake_pending.store(false);
        } else {
            ImGui_ImplSDL2_ProcessEvent(&event);
            record_pointer(s, event, width, height);
            input = true;
        }
        if (event.type == SDL_MOUSEMOTION) {
            s.pointer = ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
            s.have_pointer = true;
        } else if (is_button_edge(event)) {
            s.pointer = ImVec2(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
            s.have_pointer = true;
            break;
        }
        have_event = SDL_PollEvent(&event) != 0;
    }
    s.frames_owed = input ? kFramesAfterInput : std::max(s.frames_owed, 1);
    s.had_input = input;
    return true;
}

void KioskWindow::begin_frame() {
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (m_state->have_pointer) ImGui::GetIO().MousePos = m_state->pointer;
    ImGui::NewFrame();
}

void KioskWindow::end_frame(int dx, int dy) {
    State& s = *m_state;
    ImGui::Render();
    if (dx != 0 || dy != 0) {
        // Move every vertex and clip edge inside the screen; those on its edges
        // stay, so full-screen backgrounds stretch by the shift instead of leaving
        // a stripe of bare black along two sides.
        ImDrawData* data = ImGui::GetDrawData();
        const float w = data->DisplaySize.x;
        const float h = data->DisplaySize.y;
        const auto move = [](float& v, float offset, float size) {
            if (v > 0 && v < size) v = std::clamp(v + offset, 0.0f, size);
        };
        const float x = static_cast<float>(dx);
        const float y = static_cast<float>(dy);
        for (int i = 0; i < data->CmdListsCount; ++i) {
            ImDrawList* list = data->CmdLists[i];
            for (ImDrawVert& vertex : list->VtxBuffer) {
                move(vertex.pos.x, x, w);
                move(vertex.pos.y, y, h);
            }
            for (ImDrawCmd& command : list->CmdBuffer) {
                move(command.ClipRect.x, x, w);
                move(command.ClipRect.y, y, h);
                move(command.ClipRect.z, x, w);
                move(command.ClipRect.w, y, h);
            }
        }
    }
    SDL_SetRenderDrawColor(s.renderer, 0, 0, 0, 255);
    SDL_RenderClear(s.renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    SDL_RenderPresent(s.renderer);
    if (s.frames_owed > 0) --s.frames_owed;
}

void KioskWindow::reload_fonts() {
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    // The atlas is on the GPU now; its CPU copies (alpha and RGBA, tens of MB
    // at 4K) are not needed again until the next reload, which rebuilds them.
    ImGui::GetIO().Fonts->ClearTexData();
}

std::vector<PointerEvent> KioskWindow::take_pointer_events() {
    std::vector<PointerEvent> events;
    events.swap(m_state->pointer_events);
    return events;
}

bool KioskWindow::had_input() const {
    return m_state->had_input;
}

void* KioskWindow::create_texture(const unsigned char* rgba, int width, int height) {
    SDL_Texture* texture =
        SDL_CreateTexture(m_state->renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, width, height);
    if (texture == nullptr) return nullptr;
    SDL_UpdateTexture(texture, nullptr, rgba, width * 4);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    return texture;
}

void KioskWindow::update_texture(void* texture, const unsigned char* rgba, int width, int height) {
    const SDL_Rect whole{0, 0, width, height};
    SDL_UpdateTexture(static_cast<SDL_Texture*>(texture), &whole, rgba, width * 4);
}

void KioskWindow::destroy_texture(void* texture) {
    SDL_DestroyTexture(static_cast<SDL_Texture*>(texture));
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
