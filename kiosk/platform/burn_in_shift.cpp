#include "platform/burn_in_shift.hpp"

#include <algorithm>

namespace amanat::platform {

namespace {

// `v` along an axis of `size` pixels, moved by `offset`.
void move(float& v, float offset, float size) {
    if (v == 0 || v == size) return;  // on the edge: a background's, stretched
    if (v > 0 && v < size) {
        v = std::clamp(v + offset, 0.0f, size);
    } else {
        v += offset;  // beyond the edge: moves with what it belongs to
    }
}

}  // namespace

void shift_drawing(ImDrawData& data, int dx, int dy) {
    if (dx == 0 && dy == 0) return;
    const float w = data.DisplaySize.x;
    const float h = data.DisplaySize.y;
    const float x = static_cast<float>(dx);
    const float y = static_cast<float>(dy);
    for (int i = 0; i < data.CmdListsCount; ++i) {
        ImDrawList* list = data.CmdLists[i];
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

}  // namespace amanat::platform
