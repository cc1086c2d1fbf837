#include "platform/software_pictures.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <utility>

namespace amanat::platform {

namespace {

// Whether every pixel's alpha (R, G, B, A or B, G, R, A) is 255.
bool all_opaque(const unsigned char* pixels, int width, int height) {
    const std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
    for (std::size_t i = 3; i < bytes; i += 4)
        if (pixels[i] != 255) return false;
    return true;
}

// A picture's draw command: the rectangle its vertices span, on the screen and
// in the picture, and its colour (a tint, a fade).
struct Quad {
    ImVec2 min{1e30f, 1e30f}, max{-1e30f, -1e30f}, uv_min{1e30f, 1e30f}, uv_max{-1e30f, -1e30f};
    ImU32 colour = 0;
};

Quad quad_of(const ImDrawList* list, const ImDrawCmd& command) {
    Quad quad;
    const ImDrawVert* vertices = list->VtxBuffer.Data + command.VtxOffset;
    const ImDrawIdx* indices = list->IdxBuffer.Data + command.IdxOffset;
    for (unsigned i = 0; i < command.ElemCount; ++i) {
        const ImDrawVert& v = vertices[indices[i]];
        quad.min = ImVec2(std::min(quad.min.x, v.pos.x), std::min(quad.min.y, v.pos.y));
        quad.max = ImVec2(std::max(quad.max.x, v.pos.x), std::max(quad.max.y, v.pos.y));
        quad.uv_min = ImVec2(std::min(quad.uv_min.x, v.uv.x), std::min(quad.uv_min.y, v.uv.y));
        quad.uv_max = ImVec2(std::max(quad.uv_max.x, v.uv.x), std::max(quad.uv_max.y, v.uv.y));
    }
    quad.colour = vertices[indices[0]].col;
    return quad;
}

}  // namespace

bool is_xrgb(const SDL_Surface* surface) {
    return surface != nullptr && !SDL_MUSTLOCK(surface) &&
           (surface->format->format == SDL_PIXELFORMAT_RGB888 ||
            surface->format->format == SDL_PIXELFORMAT_ARGB8888);
}

SoftwarePictures::SoftwarePictures(SDL_Window* window, SDL_Renderer* renderer)
    : m_window(window), m_renderer(renderer) {}

void SoftwarePictures::add(SDL_Texture* texture, const unsigned char* pixels, int width, int height,
                           bool opaque) {
    Picture& picture = m_pictures[texture];
    picture.width = width;
    picture.height = height;
    picture.opaque = opaque || all_opaque(pixels, width, height);
    picture.texture = texture;
}

ImTextureID SoftwarePictures::adopt(std::vector<unsigned char>&& pixels, int width, int height, bool opaque) {
    // The buffer's address is the handle: unique while the picture lives, and
    // moving the vector keeps it.
    ImTextureID handle = pixels.data();
    Picture& picture = m_pictures[handle];
    picture.width = width;
    picture.height = height;
    picture.opaque = opaque || all_opaque(pixels.data(), width, height);
    picture.owned = std::move(pixels);
    return handle;
}

SDL_Texture* SoftwarePictures::texture_to_update(void* handle) {
    const auto found = m_pictures.find(handle);
    if (found == m_pictures.end()) return static_cast<SDL_Texture*>(handle);
    Picture& picture = found->second;
    SDL_Texture* texture = texture_of(picture);
    if (texture == nullptr) return nullptr;
    picture.owned = {};  // an adopted picture: its texture holds it from now on
    picture.lent = nullptr;
    ++picture.version;
    return texture;
}

bool SoftwarePictures::lend(void* handle, const unsigned char* pixels, int width, int height) {
    const auto found = m_pictures.find(handle);
    if (found == m_pictures.end() || found->second.width != width || found->second.height != height)
        return false;
    found->second.lent = pixels;
    ++found->second.version;
    return true;
}

void SoftwarePictures::destroy(void* handle) {
    SDL_Texture* texture = static_cast<SDL_Texture*>(handle);
    if (const auto found = m_pictures.find(handle); found != m_pictures.end()) {
        texture = found->second.texture;  // null for an adopted picture SDL never drew
        m_pictures.erase(found);
    }
    for (auto it = m_scaled.begin(); it != m_scaled.end();) {
        if (std::get<0>(it->first) == handle) {
            SDL_DestroyTexture(it->second.texture);
            it = m_scaled.erase(it);
        } else {
            ++it;
        }
    }
    if (texture != nullptr) SDL_DestroyTexture(texture);
}

void SoftwarePictures::route(ImDrawData* data) {
    ++m_frame;
    for (int i = 0; i < data->CmdListsCount; ++i) {
        for (ImDrawCmd& command : data->CmdLists[i]->CmdBuffer) {
            if (command.UserCallback != nullptr || command.ElemCount != 6) continue;
            if (m_pictures.count(command.TextureId) == 0) continue;
            command.UserCallback = draw_command;
            command.UserCallbackData = this;
        }
    }
}

SDL_Texture* SoftwarePictures::texture_for_mesh(ImTextureID id) {
    const auto found = m_pictures.find(id);
    if (found == m_pictures.end()) return static_cast<SDL_Texture*>(id);
    take_back_lent(found->second);
    return texture_of(found->second);
}

void SoftwarePictures::drop_undrawn() {
    for (auto it = m_scaled.begin(); it != m_scaled.end();) {
        if (it->second.drawn_frame == m_frame) {
            ++it;
        } else {
            SDL_DestroyTexture(it->second.texture);
            it = m_scaled.erase(it);
        }
    }
}

// A picture drawn: called by the ImGui backend (or the canvas) in draw order,
// with the pictures as the command's user data.
void SoftwarePictures::draw_command(const ImDrawList* list, const ImDrawCmd* command) {
    auto& pictures = *static_cast<SoftwarePictures*>(command->UserCallbackData);
    const auto found = pictures.m_pictures.find(command->TextureId);
    if (found == pictures.m_pictures.end()) return;
    Placement placement;
    if (pictures.place(list, *command, found->second, placement)) pictures.copy(found->second, placement);
}

// Where the picture goes, and from which pixels: its own at its own size, else a
// copy scaled once to the size drawn. False when nothing of it shows.
bool SoftwarePictures::place(const ImDrawList* list, const ImDrawCmd& command, Picture& picture,
                             Placement& placement) {
    const Quad quad = quad_of(list, command);
    placement.colour = quad.colour;
    placement.clip = SDL_Rect{static_cast<int>(command.ClipRect.x), static_cast<int>(command.ClipRect.y),
                              static_cast<int>(command.ClipRect.z - command.ClipRect.x),
                              static_cast<int>(command.ClipRect.w - command.ClipRect.y)};
    if (placement.clip.w <= 0 || placement.clip.h <= 0) return false;
    SDL_RenderSetClipRect(m_renderer, &placement.clip);
    const int x0 = static_cast<int>(std::lround(quad.min.x));
    const int y0 = static_cast<int>(std::lround(quad.min.y));
    SDL_Rect& to = placement.to;
    to = SDL_Rect{x0, y0, static_cast<int>(std::lround(quad.max.x)) - x0,
                  static_cast<int>(std::lround(quad.max.y)) - y0};
    const float du = quad.uv_max.x - quad.uv_min.x;
    const float dv = quad.uv_max.y - quad.uv_min.y;
    if (to.w <= 0 || to.h <= 0 || du <= 0 || dv <= 0) return false;
    // The whole picture at the scale drawn; the part shown is cut from it 1:1.
    const long long width = std::lround(static_cast<float>(to.w) / du);
    const long long height = std::lround(static_cast<float>(to.h) / dv);
    SDL_Rect& from = placement.from;
    from = SDL_Rect{static_cast<int>(std::lround(quad.uv_min.x * static_cast<float>(picture.width))),
                    static_cast<int>(std::lround(quad.uv_min.y * static_cast<float>(picture.height))),
                    static_cast<int>(std::lround(du * static_cast<float>(picture.width))),
                    static_cast<int>(std::lround(dv * static_cast<float>(picture.height)))};
    // Bigger than a few screens (a picture zoomed far in): let SDL scale the part shown.
    int window_w = 0;
    int window_h = 0;
    SDL_GetRendererOutputSize(m_renderer, &window_w, &window_h);
    // Within a pixel of its own size (a film asked for at the size it is shown,
    // rounded differently): drawn as it is.
    placement.sized = std::abs(width - picture.width) <= 1 && std::abs(height - picture.height) <= 1;
    if (!placement.sized) take_back_lent(picture);  // scaled from the texture
    if (placement.sized) {
        // Rounding must not reach past the picture's last column or row.
        from.x = std::clamp(from.x, 0, picture.width - 1);
        from.y = std::clamp(from.y, 0, picture.height - 1);
        from.w = std::min(from.w, picture.width - from.x);
        from.h = std::min(from.h, picture.height - from.y);
        to.w = from.w;
        to.h = from.h;
    } else if (width * height <= 4LL * window_w * window_h) {
        if (SDL_Texture* scaled = scaled_picture(command.TextureId, picture, static_cast<int>(width),
                                                 static_cast<int>(height))) {
            placement.texture = scaled;
            from = SDL_Rect{static_cast<int>(std::lround(quad.uv_min.x * static_cast<float>(width))),
                            static_cast<int>(std::lround(quad.uv_min.y * static_cast<float>(height))), to.w,
                            to.h};
            from.x = std::clamp(from.x, 0, static_cast<int>(width) - to.w);
            from.y = std::clamp(from.y, 0, static_cast<int>(height) - to.h);
        }
    }
    return true;
}

// The picture onto the window: copied (or faded) by us when it can be, else by SDL.
void SoftwarePictures::copy(Picture& picture, const Placement& placement) {
    const ImU32 colour = placement.colour;
    const SDL_Rect& from = placement.from;
    const SDL_Rect& to = placement.to;
    const SDL_Rect& clip = placement.clip;
    SDL_Texture* texture = placement.texture;  // a scaled copy, else the picture's own (texture_of())
    const Uint8 alpha = static_cast<Uint8>(colour >> IM_COL32_A_SHIFT);
    const bool untinted = (colour & 0x00FFFFFFu) == 0x00FFFFFFu;
    if (picture.lent != nullptr) {
        if (placement.sized && alpha == 255 && untinted &&
            onto_window(picture.lent, picture.width * 4, from, to, clip, 255))
            return;
        take_back_lent(picture);
    }
    // A picture that keeps its own pixels, drawn 1:1: copied (or faded) from them.
    if (texture == nullptr && !picture.owned.empty() && picture.opaque && untinted &&
        onto_window(picture.owned.data(), picture.width * 4, from, to, clip, alpha))
        return;
    if (texture == nullptr) texture = texture_of(picture);
    if (texture == nullptr) return;
    if (picture.opaque && alpha < 255 && untinted && fade_onto_window(texture, from, to, clip, alpha)) return;
    SDL_SetTextureColorMod(texture, static_cast<Uint8>(colour >> IM_COL32_R_SHIFT),
                           static_cast<Uint8>(colour >> IM_COL32_G_SHIFT),
                           static_cast<Uint8>(colour >> IM_COL32_B_SHIFT));
    SDL_SetTextureAlphaMod(texture, alpha);
    SDL_SetTextureBlendMode(texture,
                            picture.opaque && alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_RenderCopy(m_renderer, texture, &from, &to);
}

// The SDL texture of a picture, made from its own pixels the first time SDL
// must draw it (adopt() makes none). Null if SDL cannot make one.
SDL_Texture* SoftwarePictures::texture_of(Picture& picture) {
    if (picture.texture != nullptr || picture.owned.empty()) return picture.texture;
    picture.texture = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                        picture.width, picture.height);
    if (picture.texture == nullptr) return nullptr;
    SDL_UpdateTexture(picture.texture, nullptr, picture.owned.data(), picture.width * 4);
    SDL_SetTextureBlendMode(picture.texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(picture.texture, SDL_ScaleModeLinear);
    return picture.texture;
}

// The picture `handle` scaled to width x height, made when first drawn at that
// size and again after the picture changed (a film's frames).
SDL_Texture* SoftwarePictures::scaled_picture(ImTextureID handle, Picture& picture, int width, int height) {
    auto& scaled = m_scaled[{handle, width, height}];
    scaled.drawn_frame = m_frame;
    if (scaled.texture != nullptr && scaled.version == picture.version) return scaled.texture;
    if (scaled.texture == nullptr) {
        scaled.texture = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
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

// Opaque pixels (B, G, R, A rows `pitch` bytes apart) onto what is drawn, 1:1:
// copied when `alpha` is 255 (a film's frame, lent by lend()), else blended, two
// colour channels at a time (the attract screen's cross-fade; SDL's blitter for
// a faded texture takes several times as long per pixel). Straight into the
// window's pixels. False if they are not 32-bit XRGB (SDL then does it).
bool SoftwarePictures::onto_window(const Uint8* pixels, int pitch, const SDL_Rect& from, const SDL_Rect& to,
                                   const SDL_Rect& clip, Uint8 alpha) {
    SDL_Surface* screen = SDL_GetWindowSurface(m_window);
    if (!is_xrgb(screen) || from.w != to.w || from.h != to.h) return false;
    SDL_Rect area;
    const SDL_Rect bounds{0, 0, screen->w, screen->h};
    if (!SDL_IntersectRect(&to, &clip, &area) || !SDL_IntersectRect(&area, &bounds, &area)) return true;
    SDL_RenderFlush(m_renderer);                   // what is queued must be under the picture first
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

bool SoftwarePictures::fade_onto_window(SDL_Texture* texture, const SDL_Rect& from, const SDL_Rect& to,
                                        const SDL_Rect& clip, Uint8 alpha) {
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(texture, nullptr, &pixels, &pitch) != 0) return false;
    const bool done = onto_window(static_cast<const Uint8*>(pixels), pitch, from, to, clip, alpha);
    SDL_UnlockTexture(texture);
    return done;
}

// A lent frame put into its texture after all: for a way of drawing it other
// than a plain copy.
void SoftwarePictures::take_back_lent(Picture& picture) {
    if (picture.lent == nullptr) return;
    if (picture.texture != nullptr)
        SDL_UpdateTexture(picture.texture, nullptr, picture.lent, picture.width * 4);
    picture.lent = nullptr;
    ++picture.version;
}

}  // namespace amanat::platform
