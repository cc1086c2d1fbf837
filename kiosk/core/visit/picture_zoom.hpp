#pragma once

namespace amanat {

// How the visitor has zoomed and panned the picture on the artifact screen: pure
// maths on the picture's box (the area it fills at zoom 1). The pan is how far the
// picture's centre has moved from the box's centre, in pixels, and is always kept
// so that a zoomed picture covers its whole box (no panning into emptiness).
// Render thread only, like the screen that owns it.
class PictureZoom {
  public:
    static constexpr float kMaxZoom = 4.0f;
    static constexpr float kDoubleTapZoom = 2.5f;

    // Back to the whole picture (a new picture, a new artifact).
    void reset();
    // The box's size; a change keeps the zoom and re-clamps the pan.
    void set_box(float width, float height);

    // Zooms in so that the point (x, y), relative to the box's centre, stays
    // under the finger; when already zoomed, back out to the whole picture.
    void double_tap(float x, float y);
    void pinch_begin();
    // `scale`: the fingers' distance relative to when the pinch began.
    void pinch(float scale);
    // A pinch that ends nearly at the whole picture snaps back to it.
    void pinch_end();
    // Moves a zoomed picture with the finger; ignored at zoom 1 (a drag there is
    // a swipe to the next picture).
    void drag(float dx, float dy);

    float zoom() const { return m_zoom; }
    float pan_x() const { return m_pan_x; }
    float pan_y() const { return m_pan_y; }
    bool zoomed() const { return m_zoom > 1.01f; }

  private:
    void zoom_to(float zoom, float x, float y);
    void clamp_pan();

    float m_width = 0;
    float m_height = 0;
    float m_zoom = 1;
    float m_pinch_start = 1;
    float m_pan_x = 0;
    float m_pan_y = 0;
};

}  // namespace amanat
