// The software renderer's painter (kiosk/platform/triangle_painter): which pixels
// a triangle or rectangle covers, that shared edges are painted once (a seam in
// a half-transparent panel would show as a brighter line), blending, the font
// atlas's coverage, clipping, and ImGui's own rounded rectangles and circles.
#include "platform/triangle_painter.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using namespace amanat::platform;

namespace {

constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kHalfWhite = IM_COL32(255, 255, 255, 128);

// A canvas of w x h black pixels.
struct Canvas {
    int width;
    int height;
    std::vector<std::uint32_t> pixels;
    Canvas(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w * h), 0xFF000000u) {}
    PixelTarget target() { return PixelTarget{pixels.data(), width, width, height}; }
    PixelBox all() const { return PixelBox{0, 0, width, height}; }
    std::uint32_t green(int x, int y) const {
        return (pixels[static_cast<std::size_t>(y * width + x)] >> 8) & 0xFFu;
    }
    int painted() const {
        int n = 0;
        for (std::uint32_t p : pixels) n += (p & 0xFFFFFFu) != 0 ? 1 : 0;
        return n;
    }
};

ImDrawVert vertex(float x, float y, ImU32 colour = kWhite, float u = 0, float v = 0) {
    ImDrawVert out;
    out.pos = ImVec2(x, y);
    out.uv = ImVec2(u, v);
    out.col = colour;
    return out;
}

// The corners of a size x size square at the origin, around it from the top left.
std::vector<ImDrawVert> square(float size, ImU32 colour) {
    return {vertex(0, 0, colour), vertex(size, 0, colour), vertex(size, size, colour),
            vertex(0, size, colour)};
}

void paint(Canvas& canvas, const std::vector<ImDrawVert>& vertices, const std::vector<ImDrawIdx>& indices,
           const CoverageMap* coverage = nullptr) {
    paint_triangles(canvas.target(), canvas.all(), vertices.data(), indices.data(),
                    static_cast<unsigned>(indices.size()), coverage);
}

// The value white at alpha 128 leaves on black, blended once.
constexpr std::uint32_t kOnceHalf = 128;

}  // namespace

TEST_CASE("painter: a rectangle covers the pixels whose centres are inside it") {
    Canvas canvas(32, 32);
    // ImGui's PrimRect: corners around, triangles (0 1 2) (0 2 3).
    paint(canvas, {vertex(10.3f, 5.6f), vertex(20.7f, 5.6f), vertex(20.7f, 15.2f), vertex(10.3f, 15.2f)},
          {0, 1, 2, 0, 2, 3});
    for (int y = 0; y < 32; ++y) {
        for (int x = 0; x < 32; ++x) {
            const bool inside = x >= 10 && x <= 20 && y >= 6 && y <= 14;  // centres x + 0.5, y + 0.5
            CHECK_MESSAGE(canvas.green(x, y) == (inside ? 255u : 0u), "pixel " << x << "," << y);
        }
    }
}

TEST_CASE("painter: two triangles sharing a slanted edge paint each pixel once, leaving no gap") {
    Canvas canvas(40, 40);
    // A quadrilateral split along its slanted diagonal, half transparent: a pixel
    // painted by both would be brighter than one blend.
    const std::vector<ImDrawVert> vertices = {vertex(3.2f, 2.1f, kHalfWhite), vertex(35.7f, 6.3f, kHalfWhite),
                                              vertex(31.1f, 37.9f, kHalfWhite),
                                              vertex(5.4f, 30.2f, kHalfWhite)};
    paint(canvas, vertices, {0, 1, 2, 0, 2, 3});
    Canvas first(40, 40);
    paint(first, vertices, {0, 1, 2});
    Canvas second(40, 40);
    paint(second, vertices, {0, 2, 3});
    int overlap = 0;
    for (int y = 0; y < 40; ++y) {
        for (int x = 0; x < 40; ++x) {
            CHECK(canvas.green(x, y) <= kOnceHalf);
            if (first.green(x, y) != 0 && second.green(x, y) != 0) ++overlap;
        }
    }
    CHECK(overlap == 0);
    CHECK(first.painted() + second.painted() == canvas.painted());
    // Area of the quadrilateral (shoelace) ~ pixels painted.
    double area = 0;
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        const ImVec2 a = vertices[i].pos;
        const ImVec2 b = vertices[(i + 1) % vertices.size()].pos;
        area += static_cast<double>(a.x * b.y - b.x * a.y) / 2;
    }
    CHECK(std::abs(canvas.painted() - std::abs(area)) < 60);  // within half the perimeter's pixels
}

TEST_CASE("painter: pixel centres exactly on a shared edge are painted once") {
    // A square split along the diagonal through the centres of (0, 0), (1, 1), ...
    // given as two triangles (not ImGui's rectangle order, so not filled as one).
    Canvas canvas(16, 16);
    paint(canvas, square(16, kHalfWhite), {0, 1, 2, 2, 3, 0});
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 16; ++x)
            CHECK_MESSAGE(canvas.green(x, y) == kOnceHalf, "pixel " << x << "," << y);
}

TEST_CASE("painter: a triangle paints the same pixels whichever way it winds") {
    Canvas clockwise(24, 24);
    Canvas anticlockwise(24, 24);
    const std::vector<ImDrawVert> vertices = {vertex(1.5f, 2.25f), vertex(22.f, 9.75f), vertex(7.f, 21.5f)};
    paint(clockwise, vertices, {0, 1, 2});
    paint(anticlockwise, vertices, {0, 2, 1});
    CHECK(clockwise.painted() > 100);
    CHECK(clockwise.pixels == anticlockwise.pixels);
}

TEST_CASE("painter: colours blend over what is there, and vary across a triangle with its corners") {
    Canvas canvas(16, 16);
    paint(canvas, square(16, kHalfWhite), {0, 1, 2, 0, 2, 3});
    CHECK(canvas.green(8, 8) == kOnceHalf);
    paint(canvas, square(16, IM_COL32(0, 0, 0, 255)), {0, 1, 2, 0, 2, 3});
    CHECK(canvas.green(8, 8) == 0);  // opaque replaces

    // An anti-aliased fringe: opaque along one edge, transparent along the other.
    Canvas fringe(64, 8);
    const ImU32 solid = IM_COL32(255, 255, 255, 255);
    const ImU32 clear = IM_COL32(255, 255, 255, 0);
    paint(fringe, {vertex(0, 0, solid), vertex(64, 0, clear), vertex(64, 8, clear), vertex(0, 8, solid)},
          {0, 1, 2, 0, 2, 3});
    for (int x = 1; x < 64; ++x) CHECK(fringe.green(x, 4) <= fringe.green(x - 1, 4));
    CHECK(fringe.green(0, 4) > 240);
    CHECK(fringe.green(63, 4) < 10);
}

TEST_CASE("painter: nothing is painted outside the clip box or the target") {
    Canvas canvas(20, 20);
    const std::vector<ImDrawVert> vertices = {vertex(-50, -50), vertex(70, -50), vertex(70, 70),
                                              vertex(-50, 70)};
    const std::vector<ImDrawIdx> indices = {0, 1, 2, 0, 2,
                                            3, 3, 0, 2};  // a rectangle, then a triangle over it
    paint_triangles(canvas.target(), PixelBox{5, 6, 12, 30}, vertices.data(), indices.data(), 9, nullptr);
    for (int y = 0; y < 20; ++y)
        for (int x = 0; x < 20; ++x) CHECK(canvas.green(x, y) == ((x >= 5 && x < 12 && y >= 6) ? 255u : 0u));
    // Broken or absurd vertices: no pixel outside the target, no crash.
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float huge = 1e30f;
    paint(canvas, {vertex(nan, 3), vertex(huge, -huge), vertex(5, huge), vertex(-huge, nan)},
          {0, 1, 2, 1, 2, 3, 0, 0, 0});
    const std::vector<std::uint8_t> alpha(16, 255);
    const CoverageMap atlas{alpha.data(), 4, 4};
    paint(canvas,
          {vertex(-huge, 2, kWhite, 0, 0), vertex(huge, 2, kWhite, 1, 0), vertex(huge, 9, kWhite, 1, 1),
           vertex(-huge, 9, kWhite, 0, 1), vertex(3, 3, kWhite, nan, huge), vertex(9, 4, kWhite, -huge, 0)},
          {0, 1, 2, 0, 2, 3, 4, 5, 1}, &atlas);
}

TEST_CASE("painter: text samples the atlas's coverage, averaging oversampled columns") {
    // A 4x2 atlas; the glyph rectangle maps it 1:1 onto pixels (2..6) x (3..5).
    const std::vector<std::uint8_t> alpha = {0, 85, 170, 255, 255, 170, 85, 0};
    const CoverageMap atlas{alpha.data(), 4, 2};
    Canvas canvas(10, 10);
    paint(canvas,
          {vertex(2, 3, kWhite, 0, 0), vertex(6, 3, kWhite, 1, 0), vertex(6, 5, kWhite, 1, 1),
           vertex(2, 5, kWhite, 0, 1)},
          {0, 1, 2, 0, 2, 3}, &atlas);
    CHECK(canvas.green(2, 3) == 0);
    CHECK(canvas.green(3, 3) == 85);
    CHECK(canvas.green(5, 3) == 255);
    CHECK(canvas.green(2, 4) == 255);
    CHECK(canvas.green(5, 4) == 0);
    CHECK(canvas.green(1, 3) == 0);
    CHECK(canvas.green(6, 3) == 0);
    // Rasterised at twice the width (ImFontConfig::OversampleH = 2): two texels a pixel.
    Canvas narrow(10, 10);
    paint(narrow,
          {vertex(2, 3, kWhite, 0, 0), vertex(4, 3, kWhite, 1, 0), vertex(4, 5, kWhite, 1, 1),
           vertex(2, 5, kWhite, 0, 1)},
          {0, 1, 2, 0, 2, 3}, &atlas);
    CHECK(narrow.green(2, 3) == 42);   // (0 + 85) / 2
    CHECK(narrow.green(3, 3) == 212);  // (170 + 255) / 2
}

TEST_CASE("painter: ImGui's rounded rectangles and circles, anti-aliased, paint without seams") {
    ImDrawListSharedData shared;
    shared.TexUvWhitePixel = ImVec2(0, 0);
    shared.SetCircleTessellationMaxError(0.3f);
    shared.InitialFlags = ImDrawListFlags_AntiAliasedFill | ImDrawListFlags_AntiAliasedLines;
    shared.ClipRectFullscreen = ImVec4(0, 0, 200, 120);
    ImDrawList list(&shared);
    list._ResetForNewFrame();
    list.PushClipRectFullScreen();
    list.PushTextureID(nullptr);
    list.AddRectFilled(ImVec2(10.5f, 10.25f), ImVec2(110.75f, 90.5f), kHalfWhite, 18.0f);
    list.AddCircleFilled(ImVec2(150.3f, 60.6f), 30.0f, kHalfWhite);
    Canvas canvas(200, 120);
    paint_triangles(canvas.target(), canvas.all(), list.VtxBuffer.Data, list.IdxBuffer.Data,
                    static_cast<unsigned>(list.IdxBuffer.Size), nullptr);
    for (int y = 0; y < 120; ++y)
        for (int x = 0; x < 200; ++x)
            CHECK_MESSAGE(canvas.green(x, y) <= kOnceHalf, "pixel " << x << "," << y);
    CHECK(canvas.green(60, 50) == kOnceHalf);   // inside the rectangle
    CHECK(canvas.green(150, 60) == kOnceHalf);  // inside the circle
    CHECK(canvas.green(11, 11) == 0);           // cut off by the rounded corner
    CHECK(canvas.green(130, 100) == 0);         // between the two
    // Painted area close to the shapes' (rounded rectangle + circle).
    const double r = 18.0;
    const double expected = 100.25 * 80.25 - (4 - M_PI) * r * r + M_PI * 30.0 * 30.0;
    int covered = 0;
    for (std::size_t i = 0; i < canvas.pixels.size(); ++i)
        covered += canvas.green(static_cast<int>(i) % 200, static_cast<int>(i) / 200) > kOnceHalf / 2 ? 1 : 0;
    CHECK(std::abs(covered - expected) < 0.02 * expected);
}
