#pragma once

// Paints Dear ImGui's triangles straight into 32-bit XRGB pixels: what the
// software renderer uses for everything but pictures and films (text, panels,
// cards, buttons, icons, the anti-aliased edges of all of them).
//
// Why not SDL_RenderGeometry: SDL 2.26's software renderer fills each blended
// triangle by allocating a surface the size of the triangle's bounding box,
// filling and clearing it and blitting it; ImGui fills a rounded rectangle as a
// fan of long thin triangles whose boxes each cover most of the rectangle, so a
// gallery of ten cards took ~100 ms a frame at 1920x1080. Here a triangle costs
// the pixels it covers: each row is cut to the span inside its three edges, and
// ImGui's rectangles (a plain panel, each glyph of text) are filled as
// rectangles.
//
// Rules: a pixel belongs to a triangle when its centre does. An edge shared by
// two triangles belongs to exactly one of them (edges are tested in exact 1/256
// px fixed point, ties decided by the edge's direction), so anti-aliased fringes
// never blend twice along a seam and a fan leaves no gap. Colours are ImGui's,
// with straight alpha, blended src * a + dst * (1 - a), interpolated across a
// triangle when its corners differ. A textured triangle samples the font atlas's
// coverage (alpha) nearest, averaging across the columns a pixel spans when the
// atlas was rasterised with horizontal oversampling.
//
// Thread contract: none of its own; it writes only the pixels it is given.

#include <imgui.h>

#include <cstdint>

namespace amanat::platform {

// Where to paint: 32-bit pixels 0xAARRGGBB, of which alpha is written 0xFF
// (a window's XRGB8888 or ARGB8888 surface).
struct PixelTarget {
    std::uint32_t* pixels = nullptr;
    int stride = 0;  // pixels from one row to the next
    int width = 0;
    int height = 0;
};

// What textured triangles sample: the font atlas's 8-bit coverage (ImGui's alpha8 texture data).
struct CoverageMap {
    const std::uint8_t* alpha = nullptr;
    int width = 0;
    int height = 0;
};

// Pixels [x0, x1) x [y0, y1).
struct PixelBox {
    int x0 = 0;
    int y0 = 0;
    int x1 = 0;
    int y1 = 0;
};

// Paints `index_count` indices (three a triangle) into `vertices`, clipped to `clip`
// and to the target. `coverage` null: the triangles are untextured (uv ignored).
void paint_triangles(const PixelTarget& target, PixelBox clip, const ImDrawVert* vertices,
                     const ImDrawIdx* indices, unsigned index_count, const CoverageMap* coverage);

// Sets `count` pixels from `first` to `pixel`, fast (a frame's clear, opaque runs).
void fill_pixels(std::uint32_t* first, int count, std::uint32_t pixel);

// Whether the first shape of these triangles is an opaque rectangle over the whole
// target (a screen's background), so that clearing the target first is wasted.
bool starts_with_opaque_backdrop(const PixelTarget& target, const ImDrawVert* vertices,
                                 const ImDrawIdx* indices, unsigned index_count);

}  // namespace amanat::platform
