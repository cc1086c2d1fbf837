#pragma once

// Moves a frame's drawing by a few pixels, the slow burn-in shift
// (core/settings/screen_care.hpp), in ImGui's draw data before it is drawn.
//
// What lies on the screen's edges stays there, so that a full-screen background
// stretches by the shift instead of leaving a stripe of bare black along two
// sides; everything else moves rigidly, including what reaches past an edge (a
// gallery card half scrolled out keeps its size: a picture stretched by a pixel
// would be scaled on every frame by a software renderer). Vertices inside the
// screen stay inside it.
//
// Thread contract: none of its own; it changes only the draw data it is given.

#include <imgui.h>

namespace amanat::platform {

void shift_drawing(ImDrawData& data, int dx, int dy);

}  // namespace amanat::platform
