#include "core/visit/picture_zoom.hpp"

#include <algorithm>

namespace amanat {

void PictureZoom::reset() {
    m_zoom = 1;
    m_pinch_start = 1;
    m_pan_x = 0;
    m_pan_y = 0;
}

void PictureZoom::set_box(float width, float height) {
    m_width = std::max(width, 0.0f);
    m_height = std::max(height, 0.0f);
    clamp_pan();
}

void PictureZoom::zoom_to(float zoom, float x, float y) {
    zoom = std::clamp(zoom, 1.0f, kMaxZoom);
    // The picture point under (x, y) stays there: it sits at (p - pan) / zoom
    // in picture units before and after.
    const float ratio = zoom / m_zoom;
    m_pan_x = x + (m_pan_x - x) * ratio;
    m_pan_y = y + (m_pan_y - y) * ratio;
    m_zoom = zoom;
    clamp_pan();
}

void PictureZoom::double_tap(float x, float y) {
    if (zoomed()) {
        reset();
        return;
    }
    zoom_to(kDoubleTapZoom, x, y);
}

void PictureZoom::pinch_begin() {
    m_pinch_start = m_zoom;
}

void PictureZoom::pinch(float scale) {
    zoom_to(m_pinch_start * std::max(scale, 0.0f), 0, 0);
}

void PictureZoom::pinch_end() {
    if (m_zoom < 1.05f) reset();
}

void PictureZoom::drag(float dx, float dy) {
    if (!zoomed()) return;
    m_pan_x += dx;
    m_pan_y += dy;
    clamp_pan();
}

void PictureZoom::clamp_pan() {
    const float limit_x = m_width * (m_zoom - 1) * 0.5f;
    const float limit_y = m_height * (m_zoom - 1) * 0.5f;
    m_pan_x = std::clamp(m_pan_x, -limit_x, limit_x);
    m_pan_y = std::clamp(m_pan_y, -limit_y, limit_y);
}

}  // namespace amanat
