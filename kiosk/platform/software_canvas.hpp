#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <vector>

#include "platform/software_pictures.hpp"

namespace amanat::platform {

// The software renderer's frame on a 32-bit XRGB window (what X11 and Wayland
// give), in ImGui's draw order: triangles (text, panels, shapes) painted by
// paint_triangles() (platform/triangle_painter) straight into the window's
// pixels, pictures and films copied by `pictures`, other meshes drawn by SDL.
// SDL 2.26 fills each blended triangle through a temporary surface the size of
// its bounding box, which made a gallery frame take ~100 ms.
//
// Thread contract: render thread only (KioskWindow's). Neither copied nor moved:
// the font atlas's texture id points at it.
class SoftwareCanvas {
  public:
    SoftwareCanvas(SDL_Window* window, SDL_Renderer* renderer, SoftwarePictures& pictures);
    SoftwareCanvas(const SoftwareCanvas&) = delete;
    SoftwareCanvas& operator=(const SoftwareCanvas&) = delete;

    // Keeps the coverage of `fonts`' atlas (1 byte a texel where an RGBA texture
    // takes 4), which the painter samples, and frees the atlas's own pixels. No
    // SDL texture is made of it.
    void take_atlas(ImFontAtlas& fonts);
    // Paints the frame `pictures` routed. What SDL has queued is flushed before
    // each painting, so that the two keep their order.
    void paint(ImDrawData* data);

  private:
    void draw_with_sdl(const ImDrawList* list, const ImDrawCmd& command, const SDL_Rect& clip);

    SDL_Window* m_window;
    SDL_Renderer* m_renderer;
    SoftwarePictures& m_pictures;
    std::vector<std::uint8_t> m_atlas;
    int m_atlas_width = 0;
    int m_atlas_height = 0;
};

}  // namespace amanat::platform
