#include "platform/triangle_painter.hpp"

#include <algorithm>
#include <cmath>
#include <cwchar>

namespace amanat::platform {

// Most of a frame's pixels are opaque runs (backgrounds, panels, cards).
// glibc's wmemset stores them with the widest vector instructions the CPU has;
// GCC at -O2 makes a store-per-pixel loop of std::fill.
static_assert(sizeof(wchar_t) == sizeof(std::uint32_t));
void fill_pixels(std::uint32_t* first, int count, std::uint32_t pixel) {
    if (count > 0)
        std::wmemset(reinterpret_cast<wchar_t*>(first), static_cast<wchar_t>(pixel),
                     static_cast<std::size_t>(count));
}

namespace {

// Positions in 1/256 px: exact enough for ImGui's float positions, and every
// edge test is an exact 64-bit product (coordinates are clamped far outside any
// screen first, to keep them so).
constexpr int kSubpixelBits = 8;
constexpr std::int64_t kOne = std::int64_t{1} << kSubpixelBits;
constexpr std::int64_t kHalf = kOne / 2;
constexpr float kFarAway = 1 << 20;  // px

std::int64_t to_fixed(float v) {
    if (std::isnan(v)) v = 0;  // a broken vertex paints nothing sensible, but nothing outside the target
    return std::llround(static_cast<double>(std::clamp(v, -kFarAway, kFarAway)) * kOne);
}

// Division rounding down / up, for a positive divisor.
std::int64_t floor_div(std::int64_t n, std::int64_t d) {
    const std::int64_t q = n / d;
    return (n % d != 0 && n < 0) ? q - 1 : q;
}
std::int64_t ceil_div(std::int64_t n, std::int64_t d) {
    return -floor_div(-n, d);
}

// The first pixel whose centre is at or after `v`, and the last at or before it.
std::int64_t first_centre_from(std::int64_t v) {
    return ceil_div(v - kHalf, kOne);
}
std::int64_t last_centre_to(std::int64_t v) {
    return floor_div(v - kHalf, kOne);
}

std::uint32_t rgb_of(ImU32 colour) {
    const std::uint32_t r = (colour >> IM_COL32_R_SHIFT) & 0xFFu;
    const std::uint32_t g = (colour >> IM_COL32_G_SHIFT) & 0xFFu;
    const std::uint32_t b = (colour >> IM_COL32_B_SHIFT) & 0xFFu;
    return (r << 16) | (g << 8) | b;
}
std::uint32_t alpha_of(ImU32 colour) {
    return (colour >> IM_COL32_A_SHIFT) & 0xFFu;
}

// One colour at one opacity, premultiplied once for a run of pixels: red and
// blue blended together in one word, green in another.
struct Paint {
    std::uint32_t red_blue = 0;
    std::uint32_t green = 0;
    std::uint32_t keep = 256;  // weight of what is underneath, 0..256
    std::uint32_t opaque = 0;  // the pixel to store when nothing shows through

    Paint(std::uint32_t rgb, std::uint32_t alpha) {
        const std::uint32_t weight = alpha + (alpha >> 7);  // 0..255 -> 0..256
        red_blue = (rgb & 0xFF00FFu) * weight;
        green = (rgb & 0x00FF00u) * weight;
        keep = 256 - weight;
        opaque = 0xFF000000u | rgb;
    }
    bool invisible() const { return keep == 256; }
    void onto(std::uint32_t& pixel) const {
        if (keep == 0) {
            pixel = opaque;
            return;
        }
        const std::uint32_t under = pixel;
        // + 0.5 before the shift: rounded, so that 255 at alpha a gives a, not a - 1.
        const std::uint32_t rb = (red_blue + (under & 0xFF00FFu) * keep + 0x800080u) >> 8;
        const std::uint32_t g = (green + (under & 0x00FF00u) * keep + 0x008000u) >> 8;
        pixel = 0xFF000000u | (rb & 0xFF00FFu) | (g & 0x00FF00u);
    }
    void onto_span(std::uint32_t* row, int x0, int x1) const {
        if (keep == 0) {
            fill_pixels(row + x0, x1 - x0, opaque);
            return;
        }
        for (int x = x0; x < x1; ++x) onto(row[x]);
    }
};

// The texel under coordinate t (texels from the left or top edge), clamped to
// the map: also for coordinates no float-to-int conversion could take (NaN, huge).
int texel(float t, int size) {
    if (!(t >= 0.0f)) return 0;
    if (t >= static_cast<float>(size)) return size - 1;
    return static_cast<int>(t);
}

std::uint32_t coverage_at(const CoverageMap& map, float u, float v) {
    const int tx = texel(u, map.width);
    const int ty = texel(v, map.height);
    return map.alpha[static_cast<std::size_t>(ty) * static_cast<std::size_t>(map.width) +
                     static_cast<std::size_t>(tx)];
}

// The pixel box clipped to the target.
PixelBox within(const PixelTarget& target, PixelBox clip) {
    clip.x0 = std::max(clip.x0, 0);
    clip.y0 = std::max(clip.y0, 0);
    clip.x1 = std::min(clip.x1, target.width);
    clip.y1 = std::min(clip.y1, target.height);
    return clip;
}

std::uint32_t* row_of(const PixelTarget& target, int y) {
    return target.pixels + static_cast<std::ptrdiff_t>(y) * target.stride;
}

// ImGui's rectangles (PrimRect, PrimRectUV, each glyph of text): corners a b c d
// around the rectangle, triangles (a b c) (a c d), one colour, texture
// coordinates aligned with the axes.
bool is_rectangle(const ImDrawVert* vertices, const ImDrawIdx* i) {
    if (i[3] != i[0] || i[4] != i[2]) return false;
    const ImDrawVert& a = vertices[i[0]];
    const ImDrawVert& b = vertices[i[1]];
    const ImDrawVert& c = vertices[i[2]];
    const ImDrawVert& d = vertices[i[5]];
    return a.pos.y == b.pos.y && c.pos.y == d.pos.y && a.pos.x == d.pos.x && b.pos.x == c.pos.x &&
           a.uv.y == b.uv.y && c.uv.y == d.uv.y && a.uv.x == d.uv.x && b.uv.x == c.uv.x && a.col == b.col &&
           a.col == c.col && a.col == d.col;
}

void paint_rectangle(const PixelTarget& target, const PixelBox& clip, const ImDrawVert& a,
                     const ImDrawVert& c, const CoverageMap* coverage) {
    const std::int64_t ax = to_fixed(a.pos.x);
    const std::int64_t ay = to_fixed(a.pos.y);
    const std::int64_t cx = to_fixed(c.pos.x);
    const std::int64_t cy = to_fixed(c.pos.y);
    // The pixels whose centres are in [left, right) x [top, bottom).
    const int x0 = static_cast<int>(std::max<std::int64_t>(first_centre_from(std::min(ax, cx)), clip.x0));
    const int x1 = static_cast<int>(std::min<std::int64_t>(first_centre_from(std::max(ax, cx)), clip.x1));
    const int y0 = static_cast<int>(std::max<std::int64_t>(first_centre_from(std::min(ay, cy)), clip.y0));
    const int y1 = static_cast<int>(std::min<std::int64_t>(first_centre_from(std::max(ay, cy)), clip.y1));
    if (x0 >= x1 || y0 >= y1) return;
    const std::uint32_t rgb = rgb_of(a.col);
    const std::uint32_t alpha = alpha_of(a.col);
    if (alpha == 0) return;
    const bool flat = coverage == nullptr || (a.uv.x == c.uv.x && a.uv.y == c.uv.y);
    if (flat) {
        const std::uint32_t shown =
            coverage == nullptr ? alpha
                                : alpha *
                                      coverage_at(*coverage, a.uv.x * static_cast<float>(coverage->width),
                                                  a.uv.y * static_cast<float>(coverage->height)) /
                                      255;
        const Paint paint(rgb, shown);
        if (paint.invisible()) return;
        for (int y = y0; y < y1; ++y) paint.onto_span(row_of(target, y), x0, x1);
        return;
    }
    // A glyph (or a picture drawn from the atlas): texels per pixel along each
    // axis, from the corner at a.
    const float width = c.pos.x - a.pos.x;
    const float height = c.pos.y - a.pos.y;
    const float step_u = (c.uv.x - a.uv.x) * static_cast<float>(coverage->width) / width;
    const float step_v = (c.uv.y - a.uv.y) * static_cast<float>(coverage->height) / height;
    const float u_at_a = a.uv.x * static_cast<float>(coverage->width);
    const float v_at_a = a.uv.y * static_cast<float>(coverage->height);
    // Horizontal oversampling (small text is rasterised at twice its width):
    // average the columns one pixel spans, as a GPU's filtering would.
    const float spread = std::fabs(step_u);
    const int samples = spread >= 1.5f ? (spread < 4.5f ? static_cast<int>(spread + 0.5f) : 4) : 1;
    for (int y = y0; y < y1; ++y) {
        const float ty = v_at_a + (static_cast<float>(y) + 0.5f - a.pos.y) * step_v;
        std::uint32_t* row = row_of(target, y);
        for (int x = x0; x < x1; ++x) {
            const float centre = u_at_a + (static_cast<float>(x) + 0.5f - a.pos.x) * step_u;
            std::uint32_t sum = 0;
            for (int k = 0; k < samples; ++k) {
                const float u =
                    centre +
                    ((static_cast<float>(k) + 0.5f) / static_cast<float>(samples) - 0.5f) * std::fabs(step_u);
                sum += coverage_at(*coverage, u, ty);
            }
            const std::uint32_t shown = alpha * (sum / static_cast<std::uint32_t>(samples)) / 255;
            if (shown != 0) Paint(rgb, shown).onto(row[x]);
        }
    }
}

// One edge of a triangle, from a to b, as the pixel-centre test of a row:
// inside when -dy * px + k(row) >= 0 (px, py in fixed point).
struct Edge {
    std::int64_t ax = 0, ay = 0, dx = 0, dy = 0;
    std::int64_t bias = 0;  // 0 when a centre exactly on the edge is inside, else -1

    Edge(std::int64_t from_x, std::int64_t from_y, std::int64_t to_x, std::int64_t to_y)
        : ax(from_x), ay(from_y), dx(to_x - from_x), dy(to_y - from_y) {
        // The same edge of the neighbouring triangle runs the other way, and gets
        // the other answer: a shared edge's pixels belong to exactly one.
        bias = (dy > 0 || (dy == 0 && dx < 0)) ? 0 : -1;
    }
    // Narrows [lo, hi] (fixed-point x of pixel centres) to where row `py` is inside.
    void narrow(std::int64_t py, std::int64_t& lo, std::int64_t& hi) const {
        const std::int64_t k = dx * (py - ay) + dy * ax + bias;
        if (dy == 0) {
            if (k < 0) hi = lo - 1;
        } else if (dy < 0) {
            lo = std::max(lo, ceil_div(-k, -dy));
        } else {
            hi = std::min(hi, floor_div(k, dy));
        }
    }
};

// What varies across a triangle, as a plane over pixel coordinates.
struct Gradient {
    float at_origin = 0;  // the value at pixel (0, 0)
    float per_x = 0;
    float per_y = 0;
    float at(float x, float y) const { return at_origin + per_x * x + per_y * y; }
};

Gradient gradient(const float (&x)[3], const float (&y)[3], const float (&value)[3]) {
    const double x10 = x[1] - x[0], y10 = y[1] - y[0], x20 = x[2] - x[0], y20 = y[2] - y[0];
    const double det = x10 * y20 - x20 * y10;
    const double f10 = value[1] - value[0], f20 = value[2] - value[0];
    Gradient g;
    g.per_x = static_cast<float>((f10 * y20 - f20 * y10) / det);
    g.per_y = static_cast<float>((f20 * x10 - f10 * x20) / det);
    g.at_origin = value[0] - g.per_x * x[0] - g.per_y * y[0];
    return g;
}

std::uint32_t channel(float v) {
    if (!(v > 0.0f)) return 0;
    if (v >= 255.0f) return 255;
    return static_cast<std::uint32_t>(v + 0.5f);
}

void paint_triangle(const PixelTarget& target, const PixelBox& clip, const ImDrawVert* v0,
                    const ImDrawVert* v1, const ImDrawVert* v2, const CoverageMap* coverage) {
    std::int64_t x[3] = {to_fixed(v0->pos.x), to_fixed(v1->pos.x), to_fixed(v2->pos.x)};
    std::int64_t y[3] = {to_fixed(v0->pos.y), to_fixed(v1->pos.y), to_fixed(v2->pos.y)};
    std::int64_t area = (x[1] - x[0]) * (y[2] - y[0]) - (y[1] - y[0]) * (x[2] - x[0]);
    if (area == 0) return;
    if (area < 0) {  // either winding: turn it so that inside is where all three edges are >= 0
        std::swap(x[1], x[2]);
        std::swap(y[1], y[2]);
        std::swap(v1, v2);
    }
    const std::int64_t top = std::min({y[0], y[1], y[2]});
    const std::int64_t bottom = std::max({y[0], y[1], y[2]});
    const std::int64_t left = std::min({x[0], x[1], x[2]});
    const std::int64_t right = std::max({x[0], x[1], x[2]});
    const int row0 = static_cast<int>(std::max<std::int64_t>(first_centre_from(top), clip.y0));
    const int row1 = static_cast<int>(std::min<std::int64_t>(last_centre_to(bottom), clip.y1 - 1));
    if (row0 > row1) return;
    const std::int64_t left_centre = std::max<std::int64_t>(first_centre_from(left), clip.x0) * kOne + kHalf;
    const std::int64_t right_centre =
        std::min<std::int64_t>(last_centre_to(right), clip.x1 - 1) * kOne + kHalf;
    if (left_centre > right_centre) return;
    const Edge edges[3] = {Edge(x[0], y[0], x[1], y[1]), Edge(x[1], y[1], x[2], y[2]),
                           Edge(x[2], y[2], x[0], y[0])};

    const ImDrawVert* corner[3] = {v0, v1, v2};
    const bool same_colour = v0->col == v1->col && v0->col == v2->col;
    const bool same_texel = coverage == nullptr || (v0->uv.x == v1->uv.x && v0->uv.x == v2->uv.x &&
                                                    v0->uv.y == v1->uv.y && v0->uv.y == v2->uv.y);
    const auto spans = [&](auto&& paint_span) {
        for (int row = row0; row <= row1; ++row) {
            const std::int64_t py = std::int64_t{row} * kOne + kHalf;
            std::int64_t lo = left_centre;
            std::int64_t hi = right_centre;
            for (const Edge& edge : edges) edge.narrow(py, lo, hi);
            if (lo > hi) continue;
            const int from = static_cast<int>(first_centre_from(lo));
            const int to = static_cast<int>(last_centre_to(hi)) + 1;
            if (from < to) paint_span(row, from, to);
        }
    };
    if (same_colour && same_texel) {
        std::uint32_t alpha = alpha_of(v0->col);
        if (coverage != nullptr)
            alpha = alpha *
                    coverage_at(*coverage, v0->uv.x * static_cast<float>(coverage->width),
                                v0->uv.y * static_cast<float>(coverage->height)) /
                    255;
        const Paint paint(rgb_of(v0->col), alpha);
        if (paint.invisible()) return;
        spans([&](int row, int from, int to) { paint.onto_span(row_of(target, row), from, to); });
        return;
    }
    // Colours (an anti-aliased fringe fades to transparent) or texels vary: planes
    // through the three corners, evaluated at each pixel's centre.
    float fx[3];
    float fy[3];
    float value[6][3];
    for (int i = 0; i < 3; ++i) {
        fx[i] = static_cast<float>(x[i]) / static_cast<float>(kOne);
        fy[i] = static_cast<float>(y[i]) / static_cast<float>(kOne);
        const ImU32 c = corner[i]->col;
        value[0][i] = static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xFFu);
        value[1][i] = static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xFFu);
        value[2][i] = static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xFFu);
        value[3][i] = static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFFu);
        value[4][i] = coverage != nullptr ? corner[i]->uv.x * static_cast<float>(coverage->width) : 0.0f;
        value[5][i] = coverage != nullptr ? corner[i]->uv.y * static_cast<float>(coverage->height) : 0.0f;
    }
    Gradient planes[6];
    for (int i = 0; i < 6; ++i) planes[i] = gradient(fx, fy, value[i]);
    spans([&](int row, int from, int to) {
        std::uint32_t* pixels = row_of(target, row);
        const float cy = static_cast<float>(row) + 0.5f;
        for (int col = from; col < to; ++col) {
            const float cx = static_cast<float>(col) + 0.5f;
            std::uint32_t alpha = channel(planes[3].at(cx, cy));
            if (coverage != nullptr)
                alpha = alpha * coverage_at(*coverage, planes[4].at(cx, cy), planes[5].at(cx, cy)) / 255;
            if (alpha == 0) continue;
            const std::uint32_t rgb = (channel(planes[0].at(cx, cy)) << 16) |
                                      (channel(planes[1].at(cx, cy)) << 8) | channel(planes[2].at(cx, cy));
            Paint(rgb, alpha).onto(pixels[col]);
        }
    });
}

}  // namespace

bool starts_with_opaque_backdrop(const PixelTarget& target, const ImDrawVert* vertices,
                                 const ImDrawIdx* indices, unsigned index_count) {
    if (index_count < 6 || !is_rectangle(vertices, indices)) return false;
    const ImDrawVert& a = vertices[indices[0]];
    const ImDrawVert& c = vertices[indices[2]];
    return alpha_of(a.col) == 255 && std::min(a.pos.x, c.pos.x) <= 0 && std::min(a.pos.y, c.pos.y) <= 0 &&
           std::max(a.pos.x, c.pos.x) >= static_cast<float>(target.width) &&
           std::max(a.pos.y, c.pos.y) >= static_cast<float>(target.height);
}

void paint_triangles(const PixelTarget& target, PixelBox clip, const ImDrawVert* vertices,
                     const ImDrawIdx* indices, unsigned index_count, const CoverageMap* coverage) {
    clip = within(target, clip);
    if (clip.x0 >= clip.x1 || clip.y0 >= clip.y1 || target.pixels == nullptr) return;
    if (coverage != nullptr && (coverage->alpha == nullptr || coverage->width <= 0 || coverage->height <= 0))
        coverage = nullptr;
    unsigned i = 0;
    while (i + 3 <= index_count) {
        if (i + 6 <= index_count && is_rectangle(vertices, indices + i)) {
            paint_rectangle(target, clip, vertices[indices[i]], vertices[indices[i + 2]], coverage);
            i += 6;
        } else {
            paint_triangle(target, clip, &vertices[indices[i]], &vertices[indices[i + 1]],
                           &vertices[indices[i + 2]], coverage);
            i += 3;
        }
    }
}

}  // namespace amanat::platform
