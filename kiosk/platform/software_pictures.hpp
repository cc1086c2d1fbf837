#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace amanat::platform {

// The window's pixels are 32-bit XRGB (what X11 and Wayland give SDL's software
// renderer): what the triangle painter and the pictures' copies write.
bool is_xrgb(const SDL_Surface* surface);

// The pictures SDL's software renderer shows: the window's textures while it
// draws in software, each kept as its decoded pixels (adopt()) or an SDL texture,
// and drawn as a copy of pixels rather than as two triangles. SDL's software
// renderer would rescale the whole picture with bilinear filtering on every frame
// it is drawn at another size than its own (a full-screen picture: ~20 ms a
// frame); here it is scaled once to the size drawn and then copied 1:1, blended
// only when it has transparency or is faded.
//
// Thread contract: render thread only (KioskWindow's). Neither copied nor moved:
// draw commands point at it.
class SoftwarePictures {
  public:
    SoftwarePictures(SDL_Window* window, SDL_Renderer* renderer);
    SoftwarePictures(const SoftwarePictures&) = delete;
    SoftwarePictures& operator=(const SoftwarePictures&) = delete;

    // create_texture()'s texture, width x height, filled from `pixels`
    // (4 bytes a pixel); `opaque`: the caller knows every alpha is 255.
    void add(SDL_Texture* texture, const unsigned char* pixels, int width, int height, bool opaque);
    // Decoded pixels (B, G, R, A) kept as the picture itself: their address is
    // the handle. SDL clears every texture it creates, and on the render thread
    // that clearing cost more than the picture's drawing.
    ImTextureID adopt(std::vector<unsigned char>&& pixels, int width, int height, bool opaque);
    // The texture to upload `handle`'s new pixels into: a picture's own (made
    // now for an adopted one, whose pixels it then gives up), else `handle`
    // itself. Null when SDL cannot make one.
    SDL_Texture* texture_to_update(void* handle);
    // A film's frame lent, not copied (see KioskWindow::show_frame). False when
    // `handle` is no picture of that size.
    bool lend(void* handle, const unsigned char* pixels, int width, int height);
    // Frees the picture `handle` (or the plain texture), and its scaled copies.
    void destroy(void* handle);

    // Before the frame is drawn: each picture's draw command (an AddImage quad)
    // becomes a call to draw_command().
    void route(ImDrawData* data);
    // The SDL texture to draw `id` with as a mesh (a picture drawn in another
    // shape than a rectangle): a picture's own, else `id` itself. Null if SDL
    // cannot make one.
    SDL_Texture* texture_for_mesh(ImTextureID id);
    // After the frame is presented: frees the scaled copies it did not draw.
    void drop_undrawn();

  private:
    struct Picture {
        int width = 0, height = 0;
        bool opaque = false;        // every pixel's alpha is 255: copied, not blended
        std::uint64_t version = 0;  // updates count
        // lend()'s pixels, shown instead of the texture's until the next update;
        // null when the texture holds the picture.
        const Uint8* lent = nullptr;
        // adopt()'s pixels (B, G, R, A), kept here rather than copied into a
        // texture. Empty for add()'s pictures.
        std::vector<Uint8> owned;
        // The SDL texture: add()'s, or made from `owned` when a picture must be
        // drawn by SDL after all (transparency, a tint, a mesh).
        SDL_Texture* texture = nullptr;
    };
    struct Scaled {
        SDL_Texture* texture = nullptr;
        std::uint64_t version = 0;      // of the picture it was scaled from
        std::uint64_t drawn_frame = 0;  // dropped after a frame that did not draw it
    };
    // Where a picture's draw command puts it: the part `from` of its pixels
    // (or of `texture`, a scaled copy, when not null) at `to`, within `clip`.
    struct Placement {
        SDL_Rect from{}, to{}, clip{};
        SDL_Texture* texture = nullptr;
        bool sized = false;  // drawn at its own size (within a pixel)
        ImU32 colour = 0;    // the vertices': a tint, a fade
    };

    static void draw_command(const ImDrawList* list, const ImDrawCmd* command);
    bool place(const ImDrawList* list, const ImDrawCmd& command, Picture& picture, Placement& placement);
    void copy(Picture& picture, const Placement& placement);
    SDL_Texture* texture_of(Picture& picture);
    SDL_Texture* scaled_picture(ImTextureID handle, Picture& picture, int width, int height);
    bool onto_window(const Uint8* pixels, int pitch, const SDL_Rect& from, const SDL_Rect& to,
                     const SDL_Rect& clip, Uint8 alpha);
    bool fade_onto_window(SDL_Texture* texture, const SDL_Rect& from, const SDL_Rect& to,
                          const SDL_Rect& clip, Uint8 alpha);
    static void take_back_lent(Picture& picture);

    SDL_Window* m_window;
    SDL_Renderer* m_renderer;
    // The pictures, by the handle ImGui draws them with, and copies of them
    // scaled to the size they are drawn at.
    std::unordered_map<ImTextureID, Picture> m_pictures;
    std::map<std::tuple<ImTextureID, int, int>, Scaled> m_scaled;
    std::uint64_t m_frame = 0;
};

}  // namespace amanat::platform
