#include "platform/kiosk_window.hpp"
#include "platform/x11_display_loss.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <unistd.h>

#include "core/settings/display_attempts.hpp"
#include "platform/burn_in_shift.hpp"
#include "platform/triangle_painter.hpp"

namespace amanat::platform {

struct KioskWindow::State {
    bool locked = true;             // WindowOptions::locked
    bool full_screen_owed = false;  // see claim_full_screen()
    SDL_Window* window = nullptr;
    SDL_Renderer* renderer = nullptr;
    // SDL's software renderer: its textures are ARGB8888 (what its blitters and
    // the X11/Wayland framebuffer use), so pictures are converted once on upload.
    bool software = false;
    // Software renderer only: the pictures, by the handle ImGui draws them with,
    // and copies of them scaled to the size they are drawn at (see
    // draw_picture_command()).
    struct Picture {
        int width = 0, height = 0;
        bool opaque = false;        // every pixel's alpha is 255: copied, not blended
        std::uint64_t version = 0;  // update_texture() counts
        // show_frame()'s pixels, shown instead of the texture's until the next
        // update; null when the texture holds the picture.
        const Uint8* lent = nullptr;
        // adopt_picture()'s pixels (B, G, R, A), kept here rather than copied into a
        // texture: SDL clears every texture it creates, and on the render thread
        // that clearing (each page of it a first-touch fault) cost more than the
        // picture's drawing. Empty for create_texture()'s pictures.
        std::vector<Uint8> owned;
        // The SDL texture: create_texture()'s, or made from `owned` when a picture
        // must be drawn by SDL after all (transparency, a tint, a mesh).
        SDL_Texture* texture = nullptr;
    };
    struct Scaled {
        SDL_Texture* texture = nullptr;
        std::uint64_t version = 0;      // of the picture it was scaled from
        std::uint64_t drawn_frame = 0;  // dropped after a frame that did not draw it
    };
    std::unordered_map<ImTextureID, Picture> pictures;
    // Software renderer on a 32-bit XRGB window (what X11 and Wayland give): ImGui's
    // triangles are painted into the window's pixels by paint_triangles(), which
    // samples the font atlas from this copy of its coverage; no SDL texture is
    // made of it (see paint_frame()).
    bool paints_itself = false;
    std::vector<std::uint8_t> atlas;
    int atlas_width = 0;
    int atlas_height = 0;
    std::map<std::tuple<ImTextureID, int, int>, Scaled> scaled;
    std::uint64_t frame = 0;
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
    // The first finger is ImGui's mouse (SDL's touch-mouse emulation is off, see open()).
    bool have_touch_primary = false;
    SDL_FingerID touch_primary = 0;
    bool touch_down = false;
    bool had_input = false;
    std::string title;
    std::string drawing;    // describe() of how the window draws
    std::string fallbacks;  // the ways tried before it, and why they failed
#ifdef AMANAT_TEST_HOOKS
    std::function<Millis()> clock;  // use_clock(): stamps pointer events when set
    // An injected mouse button is held: SDL's own mouse state, which the ImGui
    // backend reads for a held button, knows nothing of pushed events.
    bool synthetic_press = false;
    int synthetic_queued = 0;  // injected, not yet taken by wait()
#endif
};

namespace {

// Frames to draw after an input event: one to see the press, one the release,
// and one to settle what they changed.
constexpr int kFramesAfterInput = 3;

Millis now_ms() {
    return static_cast<Millis>(SDL_GetTicks64());
}

#ifdef AMANAT_TEST_HOOKS
// The mouse and touch device ids of injected events (real X11 mice are 0).
constexpr Uint32 kSyntheticMouse = 0x50AC;
constexpr SDL_TouchID kSyntheticTouchDevice = 0x50AC;

bool is_synthetic(const SDL_Event& event) {
    switch (event.type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            return event.button.which == kSyntheticMouse;
        case SDL_MOUSEMOTION:
            return event.motion.which == kSyntheticMouse;
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
            return event.tfinger.touchId == kSyntheticTouchDevice;
        default:
            return false;
    }
}
#endif

// Translates SDL's touch and mouse events into pointer events for the gestures.
void record_pointer(KioskWindow::State& s, const SDL_Event& event, int width, int height) {
    PointerEvent pointer;
    pointer.time = now_ms();
#ifdef AMANAT_TEST_HOOKS
    if (s.clock) pointer.time = s.clock();
#endif
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

}  // namespace

namespace {

// The SDL texture of a picture, made from its own pixels the first time SDL
// must draw it (adopt_picture() makes none). Null if SDL cannot make one.
SDL_Texture* texture_of(KioskWindow::State& s, KioskWindow::State::Picture& picture) {
    if (picture.texture != nullptr || picture.owned.empty()) return picture.texture;
    picture.texture = SDL_CreateTexture(s.renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                        picture.width, picture.height);
    if (picture.texture == nullptr) return nullptr;
    SDL_UpdateTexture(picture.texture, nullptr, picture.owned.data(), picture.width * 4);
    SDL_SetTextureBlendMode(picture.texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(picture.texture, SDL_ScaleModeLinear);
    return picture.texture;
}

// The picture `handle` scaled to width x height, made when first drawn at that
// size and again after the picture changed (a film's frames).
SDL_Texture* scaled_picture(KioskWindow::State& s, ImTextureID handle, KioskWindow::State::Picture& picture,
                            int width, int height) {
    auto& scaled = s.scaled[{handle, width, height}];
    scaled.drawn_frame = s.frame;
    if (scaled.texture != nullptr && scaled.version == picture.version) return scaled.texture;
    if (scaled.texture == nullptr) {
        scaled.texture = SDL_CreateTexture(s.renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                           width, height);
        if (scaled.texture == nullptr) return nullptr;
    }
    // From the picture's own pixels when it keeps them, else from its texture.
    SDL_Texture* source = picture.owned.empty() ? picture.texture : nullptr;
    void* from = picture.owned.data();
    void* to = nullptr;
    int from_pitch = picture.width * 4;
    int to_pitch = 0;
    if (source != nullptr && SDL_LockTexture(source, nullptr, &from, &from_pitch) != 0) return nullptr;
    if (SDL_LockTexture(scaled.texture, nullptr, &to, &to_pitch) != 0) {
        if (source != nullptr) SDL_UnlockTexture(source);
        return nullptr;
    }
    SDL_Surface* from_surface = SDL_CreateRGBSurfaceWithFormatFrom(from, picture.width, picture.height, 32,
                                                                   from_pitch, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface* to_surface =
        SDL_CreateRGBSurfaceWithFormatFrom(to, width, height, 32, to_pitch, SDL_PIXELFORMAT_ARGB8888);
    const bool done = from_surface != nullptr && to_surface != nullptr &&
                      SDL_SoftStretchLinear(from_surface, nullptr, to_surface, nullptr) == 0;
    SDL_FreeSurface(from_surface);
    SDL_FreeSurface(to_surface);
    SDL_UnlockTexture(scaled.texture);
    if (source != nullptr) SDL_UnlockTexture(source);
    if (!done) return nullptr;
    scaled.version = picture.version;
    return scaled.texture;
}

// The window's pixels are 32-bit XRGB: what the painter and our copies write.
bool is_xrgb(const SDL_Surface* surface) {
    return surface != nullptr && !SDL_MUSTLOCK(surface) &&
           (surface->format->format == SDL_PIXELFORMAT_RGB888 ||
            surface->format->format == SDL_PIXELFORMAT_ARGB8888);
}

// Opaque pixels (B, G, R, A rows `pitch` bytes apart) onto what is drawn, 1:1:
// copied when `alpha` is 255 (a film's frame, lent by show_frame()), else
// blended, two colour channels at a time (the attract screen's cross-fade; SDL's
// blitter for a faded texture takes several times as long per pixel). Straight
// into the window's pixels. False if they are not 32-bit XRGB (SDL then does it).
bool onto_window(KioskWindow::State& s, const Uint8* pixels, int pitch, const SDL_Rect& from,
                 const SDL_Rect& to, const SDL_Rect& clip, Uint8 alpha) {
    SDL_Surface* screen = SDL_GetWindowSurface(s.window);
    if (!is_xrgb(screen) || from.w != to.w || from.h != to.h) return false;
    SDL_Rect area;
    const SDL_Rect bounds{0, 0, screen->w, screen->h};
    if (!SDL_IntersectRect(&to, &clip, &area) || !SDL_IntersectRect(&area, &bounds, &area)) return true;
    SDL_RenderFlush(s.renderer);                   // what is queued must be under the picture first
    const std::uint32_t a = alpha + (alpha >> 7);  // 0..255 -> 0..256
    for (int y = 0; y < area.h; ++y) {
        const auto* src =
            reinterpret_cast<const std::uint32_t*>(pixels + (from.y + area.y - to.y + y) * pitch) +
            (from.x + area.x - to.x);
        auto* dst = reinterpret_cast<std::uint32_t*>(static_cast<Uint8*>(screen->pixels) +
                                                     (area.y + y) * screen->pitch) +
                    area.x;
        if (alpha == 255) {
            std::memcpy(dst, src, static_cast<std::size_t>(area.w) * 4);
            continue;
        }
        for (int x = 0; x < area.w; ++x) {
            const std::uint32_t p = src[x];
            const std::uint32_t q = dst[x];
            const std::uint32_t rb = ((p & 0xFF00FFu) * a + (q & 0xFF00FFu) * (256 - a)) >> 8;
            const std::uint32_t g = ((p & 0x00FF00u) * a + (q & 0x00FF00u) * (256 - a)) >> 8;
            dst[x] = 0xFF000000u | (rb & 0xFF00FFu) | (g & 0x00FF00u);
        }
    }
    return true;
}

bool fade_onto_window(KioskWindow::State& s, SDL_Texture* texture, const SDL_Rect& from, const SDL_Rect& to,
                      const SDL_Rect& clip, Uint8 alpha) {
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(texture, nullptr, &pixels, &pitch) != 0) return false;
    const bool done = onto_window(s, static_cast<const Uint8*>(pixels), pitch, from, to, clip, alpha);
    SDL_UnlockTexture(texture);
    return done;
}

// A lent frame (show_frame()) put into its texture after all: for a way of
// drawing it other than a plain copy.
void take_back_lent(KioskWindow::State::Picture& picture) {
    if (picture.lent == nullptr) return;
    if (picture.texture != nullptr)
        SDL_UpdateTexture(picture.texture, nullptr, picture.lent, picture.width * 4);
    picture.lent = nullptr;
    ++picture.version;
}

// Software renderer: a picture (a textured rectangle from ImDrawList::AddImage)
// drawn as a copy of pixels rather than two triangles. SDL's software renderer
// would rescale the whole picture with bilinear filtering on every frame it is
// drawn at another size than its own (a full-screen picture: ~20 ms a frame);
// here it is scaled once to the size drawn and then copied 1:1, blended only
// when it has transparency or is faded. Called by the ImGui backend in draw
// order, with the command's state as its user data.
void draw_picture_command(const ImDrawList* list, const ImDrawCmd* command) {
    auto& s = *static_cast<KioskWindow::State*>(command->UserCallbackData);
    const auto found = s.pictures.find(command->TextureId);
    if (found == s.pictures.end()) return;
    KioskWindow::State::Picture& picture = found->second;
    const ImDrawVert* vertices = list->VtxBuffer.Data + command->VtxOffset;
    const ImDrawIdx* indices = list->IdxBuffer.Data + command->IdxOffset;
    ImVec2 min(1e30f, 1e30f), max(-1e30f, -1e30f), uv_min(1e30f, 1e30f), uv_max(-1e30f, -1e30f);
    for (unsigned i = 0; i < command->ElemCount; ++i) {
        const ImDrawVert& v = vertices[indices[i]];
        min = ImVec2(std::min(min.x, v.pos.x), std::min(min.y, v.pos.y));
        max = ImVec2(std::max(max.x, v.pos.x), std::max(max.y, v.pos.y));
        uv_min = ImVec2(std::min(uv_min.x, v.uv.x), std::min(uv_min.y, v.uv.y));
        uv_max = ImVec2(std::max(uv_max.x, v.uv.x), std::max(uv_max.y, v.uv.y));
    }
    const ImU32 colour = vertices[indices[0]].col;
    const SDL_Rect clip{static_cast<int>(command->ClipRect.x), static_cast<int>(command->ClipRect.y),
                        static_cast<int>(command->ClipRect.z - command->ClipRect.x),
                        static_cast<int>(command->ClipRect.w - command->ClipRect.y)};
    if (clip.w <= 0 || clip.h <= 0) return;
    SDL_RenderSetClipRect(s.renderer, &clip);
    const int x0 = static_cast<int>(std::lround(min.x));
    const int y0 = static_cast<int>(std::lround(min.y));
    SDL_Rect to{x0, y0, static_cast<int>(std::lround(max.x)) - x0, static_cast<int>(std::lround(max.y)) - y0};
    const float du = uv_max.x - uv_min.x;
    const float dv = uv_max.y - uv_min.y;
    if (to.w <= 0 || to.h <= 0 || du <= 0 || dv <= 0) return;
    // The whole picture at the scale drawn; the part shown is cut from it 1:1.
    const long long width = std::lround(static_cast<float>(to.w) / du);
    const long long height = std::lround(static_cast<float>(to.h) / dv);
    SDL_Texture* texture = nullptr;  // a scaled copy, else the picture's own (texture_of())
    SDL_Rect from{static_cast<int>(std::lround(uv_min.x * static_cast<float>(picture.width))),
                  static_cast<int>(std::lround(uv_min.y * static_cast<float>(picture.height))),
                  static_cast<int>(std::lround(du * static_cast<float>(picture.width))),
                  static_cast<int>(std::lround(dv * static_cast<float>(picture.height)))};
    // Bigger than a few screens (a picture zoomed far in): let SDL scale the part shown.
    int window_w = 0;
    int window_h = 0;
    SDL_GetRendererOutputSize(s.renderer, &window_w, &window_h);
    // Within a pixel of its own size (a film asked for at the size it is shown,
    // rounded differently): drawn as it is.
    const bool sized = std::abs(width - picture.width) <= 1 && std::abs(height - picture.height) <= 1;
    if (!sized) take_back_lent(picture);  // scaled from the texture
    if (sized) {
        // Rounding must not reach past the picture's last column or row.
        from.x = std::clamp(from.x, 0, picture.width - 1);
        from.y = std::clamp(from.y, 0, picture.height - 1);
        from.w = std::min(from.w, picture.width - from.x);
        from.h = std::min(from.h, picture.height - from.y);
        to.w = from.w;
        to.h = from.h;
    } else if (width * height <= 4LL * window_w * window_h) {
        if (SDL_Texture* scaled = scaled_picture(s, command->TextureId, picture, static_cast<int>(width),
                                                 static_cast<int>(height))) {
            texture = scaled;
            from = SDL_Rect{static_cast<int>(std::lround(uv_min.x * static_cast<float>(width))),
                            static_cast<int>(std::lround(uv_min.y * static_cast<float>(height))), to.w, to.h};
            from.x = std::clamp(from.x, 0, static_cast<int>(width) - to.w);
            from.y = std::clamp(from.y, 0, static_cast<int>(height) - to.h);
        }
    }
    const Uint8 alpha = static_cast<Uint8>(colour >> IM_COL32_A_SHIFT);
    const bool untinted = (colour & 0x00FFFFFFu) == 0x00FFFFFFu;
    if (picture.lent != nullptr) {
        if (sized && alpha == 255 && untinted &&
            onto_window(s, picture.lent, picture.width * 4, from, to, clip, 255))
            return;
        take_back_lent(picture);
    }
    // A picture that keeps its own pixels, drawn 1:1: copied (or faded) from them.
    if (texture == nullptr && !picture.owned.empty() && picture.opaque && untinted &&
        onto_window(s, picture.owned.data(), picture.width * 4, from, to, clip, alpha))
        return;
    if (texture == nullptr) texture = texture_of(s, picture);
    if (texture == nullptr) return;
    if (picture.opaque && alpha < 255 && untinted && fade_onto_window(s, texture, from, to, clip, alpha))
        return;
    SDL_SetTextureColorMod(texture, static_cast<Uint8>(colour >> IM_COL32_R_SHIFT),
                           static_cast<Uint8>(colour >> IM_COL32_G_SHIFT),
                           static_cast<Uint8>(colour >> IM_COL32_B_SHIFT));
    SDL_SetTextureAlphaMod(texture, alpha);
    SDL_SetTextureBlendMode(texture,
                            picture.opaque && alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_RenderCopy(s.renderer, texture, &from, &to);
}

// Turns each picture's draw command into a draw_picture_command() call.
void route_pictures(KioskWindow::State& s, ImDrawData* data) {
    for (int i = 0; i < data->CmdListsCount; ++i) {
        for (ImDrawCmd& command : data->CmdLists[i]->CmdBuffer) {
            if (command.UserCallback != nullptr || command.ElemCount != 6) continue;
            if (s.pictures.count(command.TextureId) == 0) continue;
            command.UserCallback = draw_picture_command;
            command.UserCallbackData = &s;
        }
    }
}

// A draw command SDL draws: a textured mesh other than the atlas's (a picture
// drawn in another shape than a rectangle).
void draw_with_sdl(KioskWindow::State& s, const ImDrawList* list, const ImDrawCmd& command,
                   const SDL_Rect& clip) {
    SDL_Texture* texture = static_cast<SDL_Texture*>(command.TextureId);
    if (const auto found = s.pictures.find(command.TextureId); found != s.pictures.end()) {
        take_back_lent(found->second);
        texture = texture_of(s, found->second);
        if (texture == nullptr) return;
    }
    const ImDrawVert* vertices = list->VtxBuffer.Data + command.VtxOffset;
    SDL_RenderSetClipRect(s.renderer, &clip);
    SDL_RenderGeometryRaw(
        s.renderer, texture, &vertices->pos.x, sizeof(ImDrawVert),
        reinterpret_cast<const SDL_Color*>(&vertices->col), sizeof(ImDrawVert), &vertices->uv.x,
        sizeof(ImDrawVert), list->VtxBuffer.Size - static_cast<int>(command.VtxOffset),
        list->IdxBuffer.Data + command.IdxOffset, static_cast<int>(command.ElemCount), sizeof(ImDrawIdx));
}

// Whether the frame's first shape is an opaque rectangle over the whole window.
bool starts_with_backdrop(const ImDrawData* data, const PixelTarget& target) {
    for (int i = 0; i < data->CmdListsCount; ++i) {
        const ImDrawList* list = data->CmdLists[i];
        if (list->CmdBuffer.empty()) continue;
        const ImDrawCmd& command = list->CmdBuffer[0];
        const ImVec4 clip = command.ClipRect;
        const ImVec2 origin = data->DisplayPos;
        return command.UserCallback == nullptr && clip.x <= origin.x && clip.y <= origin.y &&
               clip.z >= origin.x + static_cast<float>(target.width) &&
               clip.w >= origin.y + static_cast<float>(target.height) &&
               starts_with_opaque_backdrop(target, list->VtxBuffer.Data + command.VtxOffset,
                                           list->IdxBuffer.Data + command.IdxOffset, command.ElemCount);
    }
    return false;
}

// The software renderer's frame, in ImGui's draw order: triangles (text, panels,
// shapes) painted by paint_triangles() straight into the window's pixels, pictures
// and films copied by SDL (draw_picture_command(), set by route_pictures()).
// What SDL has queued is flushed before each painting, so that the two keep
// their order.
void paint_frame(KioskWindow::State& s, ImDrawData* data) {
    SDL_Surface* screen = SDL_GetWindowSurface(s.window);
    if (!is_xrgb(screen)) return;  // checked when the window opened; a changed window shows black
    const PixelTarget target{static_cast<std::uint32_t*>(screen->pixels), screen->pitch / 4, screen->w,
                             screen->h};
    // Black where nothing is drawn, unless the frame starts with a backdrop over all
    // of it (every visitor screen does): 8 MB less to write at 1920x1080.
    if (!starts_with_backdrop(data, target))
        for (int y = 0; y < target.height; ++y)
            fill_pixels(target.pixels + static_cast<std::ptrdiff_t>(y) * target.stride, target.width,
                        0xFF000000u);
    const CoverageMap atlas{s.atlas.data(), s.atlas_width, s.atlas_height};
    bool queued = false;  // SDL holds drawing not yet done
    for (int i = 0; i < data->CmdListsCount; ++i) {
        const ImDrawList* list = data->CmdLists[i];
        for (const ImDrawCmd& command : list->CmdBuffer) {
            if (command.UserCallback != nullptr) {
                if (command.UserCallback != ImDrawCallback_ResetRenderState)
                    command.UserCallback(list, &command);
                queued = true;
                continue;
            }
            const PixelBox clip{static_cast<int>(command.ClipRect.x - data->DisplayPos.x),
                                static_cast<int>(command.ClipRect.y - data->DisplayPos.y),
                                static_cast<int>(command.ClipRect.z - data->DisplayPos.x),
                                static_cast<int>(command.ClipRect.w - data->DisplayPos.y)};
            if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0) continue;
            const bool from_atlas = command.TextureId == static_cast<ImTextureID>(&s.atlas);
            if (from_atlas || command.TextureId == nullptr) {
                if (queued) SDL_RenderFlush(s.renderer);
                queued = false;
                paint_triangles(target, clip, list->VtxBuffer.Data + command.VtxOffset,
                                list->IdxBuffer.Data + command.IdxOffset, command.ElemCount,
                                from_atlas ? &atlas : nullptr);
            } else {
                draw_with_sdl(s, list, command,
                              SDL_Rect{clip.x0, clip.y0, clip.x1 - clip.x0, clip.y1 - clip.y0});
                queued = true;
            }
        }
    }
    SDL_RenderSetClipRect(s.renderer, nullptr);
}

// Frees the scaled copies the last frame did not draw.
void drop_undrawn_pictures(KioskWindow::State& s) {
    for (auto it = s.scaled.begin(); it != s.scaled.end();) {
        if (it->second.drawn_frame == s.frame) {
            ++it;
        } else {
            SDL_DestroyTexture(it->second.texture);
            it = s.scaled.erase(it);
        }
    }
}

}  // namespace

namespace {

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

// Dear ImGui and its SDL backends, on the window `s` opened.
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
    s.paints_itself = s.software && is_xrgb(SDL_GetWindowSurface(s.window));
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
#ifdef AMANAT_TEST_HOOKS
        if (is_synthetic(event)) --s.synthetic_queued;
#endif
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
#ifdef AMANAT_TEST_HOOKS
            if (event.button.which == kSyntheticMouse) s.synthetic_press = event.type == SDL_MOUSEBUTTONDOWN;
#endif
            break;
        } else if (event.type == SDL_FINGERDOWN || event.type == SDL_FINGERMOTION ||
                   event.type == SDL_FINGERUP) {
            const bool primary = s.have_touch_primary ? event.tfinger.fingerId == s.touch_primary
                                                      : event.type == SDL_FINGERDOWN;
            if (primary) {
                s.pointer = ImVec2(event.tfinger.x * static_cast<float>(width),
                                   event.tfinger.y * static_cast<float>(height));
                s.have_pointer = true;
                if (event.type == SDL_FINGERDOWN || event.type == SDL_FINGERUP) {
                    s.have_touch_primary = event.type == SDL_FINGERDOWN;
                    s.touch_primary = event.tfinger.fingerId;
                    s.touch_down = event.type == SDL_FINGERDOWN;
                    break;  // a press or a release per frame, as for the mouse
                }
            }
        }
        have_event = SDL_PollEvent(&event) != 0;
    }
    s.frames_owed = input ? kFramesAfterInput : std::max(s.frames_owed, 1);
    s.had_input = input;
    return true;
}

void KioskWindow::begin_frame() {
    // It makes the font atlas's texture if there is none; painting ourselves, we have no use for one.
    if (!m_state->paints_itself) ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (m_state->have_pointer) ImGui::GetIO().MousePos = m_state->pointer;
    // After the backend's NewFrame, which took its button state from SDL (and
    // grabbed the pointer if that was down): the finger holds ImGui's button.
    if (m_state->touch_down) ImGui::GetIO().MouseDown[0] = true;
#ifdef AMANAT_TEST_HOOKS
    if (m_state->synthetic_press) ImGui::GetIO().MouseDown[0] = true;  // held, as a finger would be
#endif
    ImGui::NewFrame();
}

void KioskWindow::draw_frame(int dx, int dy) {
    State& s = *m_state;
    ImGui::Render();
    shift_drawing(*ImGui::GetDrawData(), dx, dy);
    ++s.frame;
    if (s.software) route_pictures(s, ImGui::GetDrawData());
    if (s.paints_itself) {
        paint_frame(s, ImGui::GetDrawData());
    } else {
        SDL_SetRenderDrawColor(s.renderer, 0, 0, 0, 255);
        SDL_RenderClear(s.renderer);
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    }
}

void KioskWindow::present_frame() {
    State& s = *m_state;
    SDL_RenderPresent(s.renderer);
    if (s.software) drop_undrawn_pictures(s);
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
    if (m_state->paints_itself) {
        // Only the coverage is kept: 1 byte a texel where an RGBA texture takes 4.
        ImFontAtlas& fonts = *ImGui::GetIO().Fonts;
        unsigned char* alpha = nullptr;
        int width = 0;
        int height = 0;
        fonts.GetTexDataAsAlpha8(&alpha, &width, &height);
        m_state->atlas.assign(alpha, alpha + static_cast<std::ptrdiff_t>(width) * height);
        m_state->atlas_width = width;
        m_state->atlas_height = height;
        fonts.SetTexID(static_cast<ImTextureID>(&m_state->atlas));
        fonts.ClearTexData();
        return;
    }
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

namespace {

// The texture format for RGBA pixels: as they are for a GPU; the software
// renderer's fast blitters want ARGB8888 (the framebuffer's own order).
Uint32 texture_format(const KioskWindow::State& s) {
    return s.software ? SDL_PIXELFORMAT_ARGB8888 : SDL_PIXELFORMAT_RGBA32;
}

// Whether every pixel's alpha (R, G, B, A or B, G, R, A) is 255.
bool all_opaque(const unsigned char* pixels, int width, int height) {
    const std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
    for (std::size_t i = 3; i < bytes; i += 4)
        if (pixels[i] != 255) return false;
    return true;
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
    if (m_state->software) {
        State::Picture& picture = m_state->pictures[texture];
        picture.width = width;
        picture.height = height;
        picture.opaque = opaque || all_opaque(rgba, width, height);
        picture.texture = texture;
    }
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    return texture;
}

void* KioskWindow::adopt_picture(std::vector<unsigned char>&& pixels, int width, int height, bool bgra,
                                 bool opaque) {
    State& s = *m_state;
    if (width <= 0 || height <= 0 ||
        pixels.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
        return nullptr;  // not the picture it says it is: never read past its end
    if (!s.paints_itself || !bgra) return create_texture(pixels.data(), width, height, bgra, opaque);
    // The buffer's address is the handle: unique while the picture lives, and
    // moving the vector keeps it.
    ImTextureID handle = pixels.data();
    State::Picture& picture = s.pictures[handle];
    picture.width = width;
    picture.height = height;
    picture.opaque = opaque || all_opaque(pixels.data(), width, height);
    picture.owned = std::move(pixels);
    return handle;
}

void KioskWindow::update_texture(void* handle, const unsigned char* rgba, int width, int height, bool bgra) {
    SDL_Texture* texture = static_cast<SDL_Texture*>(handle);
    if (const auto found = m_state->pictures.find(handle); found != m_state->pictures.end()) {
        State::Picture& picture = found->second;
        texture = texture_of(*m_state, picture);
        if (texture == nullptr) return;
        picture.owned = {};  // an adopted picture: its texture holds it from now on
        picture.lent = nullptr;
        ++picture.version;
    }
    upload(*m_state, texture, rgba, width, height, bgra && m_state->software);
}

void KioskWindow::show_frame(void* texture, const unsigned char* pixels, int width, int height, bool bgra) {
    const auto found = m_state->pictures.find(texture);
    if (!m_state->paints_itself || !bgra || found == m_state->pictures.end() ||
        found->second.width != width || found->second.height != height) {
        update_texture(texture, pixels, width, height, bgra);
        return;
    }
    found->second.lent = pixels;
    ++found->second.version;
}

void KioskWindow::destroy_texture(void* handle) {
    State& s = *m_state;
    SDL_Texture* texture = static_cast<SDL_Texture*>(handle);
    if (const auto found = s.pictures.find(handle); found != s.pictures.end()) {
        texture = found->second.texture;  // null for an adopted picture SDL never drew
        s.pictures.erase(found);
    }
    for (auto it = s.scaled.begin(); it != s.scaled.end();) {
        if (std::get<0>(it->first) == handle) {
            SDL_DestroyTexture(it->second.texture);
            it = s.scaled.erase(it);
        } else {
            ++it;
        }
    }
    if (texture != nullptr) SDL_DestroyTexture(texture);
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

#ifdef AMANAT_TEST_HOOKS
void KioskWindow::inject(const SyntheticTouch& touch) {
    State& s = *m_state;
    int width = 0;
    int height = 0;
    SDL_GetWindowSize(s.window, &width, &height);
    SDL_Event event{};
    const Uint32 window_id = SDL_GetWindowID(s.window);
    const auto px = [](float v) { return static_cast<Sint32>(std::lround(v)); };
    using Kind = SyntheticTouch::Kind;
    switch (touch.kind) {
        case Kind::Press:
        case Kind::Release:
            event.type = touch.kind == Kind::Press ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
            event.button.windowID = window_id;
            event.button.which = kSyntheticMouse;
            event.button.button = SDL_BUTTON_LEFT;
            event.button.state = touch.kind == Kind::Press ? SDL_PRESSED : SDL_RELEASED;
            event.button.clicks = 1;
            event.button.x = px(touch.x);
            event.button.y = px(touch.y);
            break;
        case Kind::Move:
            event.type = SDL_MOUSEMOTION;
            event.motion.windowID = window_id;
            event.motion.which = kSyntheticMouse;
            event.motion.state = SDL_BUTTON_LMASK;  // the driver moves the mouse only to drag
            event.motion.x = px(touch.x);
            event.motion.y = px(touch.y);
            break;
        case Kind::FingerDown:
        case Kind::FingerMove:
        case Kind::FingerUp:
            event.type = touch.kind == Kind::FingerDown   ? SDL_FINGERDOWN
                         : touch.kind == Kind::FingerMove ? SDL_FINGERMOTION
                                                          : SDL_FINGERUP;
            event.tfinger.touchId = kSyntheticTouchDevice;
            event.tfinger.fingerId = touch.finger;
            // SDL gives fingers in 0..1 of the window.
            event.tfinger.x = width > 0 ? touch.x / static_cast<float>(width) : 0;
            event.tfinger.y = height > 0 ? touch.y / static_cast<float>(height) : 0;
            event.tfinger.pressure = touch.kind == Kind::FingerUp ? 0.0f : 1.0f;
            event.tfinger.windowID = window_id;
            break;
    }
    if (SDL_PushEvent(&event) == 1) {
        ++s.synthetic_queued;
    } else {
        std::fprintf(stderr, "amanat-kiosk: soak: cannot queue a synthetic touch: %s\n", SDL_GetError());
    }
}

int KioskWindow::injected_pending() const {
    return m_state->synthetic_queued;
}

void KioskWindow::use_clock(std::function<Millis()> clock) {
    m_state->clock = std::move(clock);
}
#endif

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
