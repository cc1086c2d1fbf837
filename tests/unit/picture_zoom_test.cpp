#include <doctest/doctest.h>

#include "core/visit/picture_zoom.hpp"

using namespace amanat;

TEST_CASE("picture zoom: a double tap zooms in towards the tapped point, a second one zooms out") {
    PictureZoom view;
    view.set_box(800, 600);
    view.double_tap(100, -50);  // right of and above the centre
    CHECK(view.zoom() == doctest::Approx(PictureZoom::kDoubleTapZoom));
    // The picture point under the finger stays there: pan = p - p * zoom.
    CHECK(view.pan_x() == doctest::Approx(100 - 100 * PictureZoom::kDoubleTapZoom));
    CHECK(view.pan_y() == doctest::Approx(-50 + 50 * PictureZoom::kDoubleTapZoom));
    view.double_tap(0, 0);
    CHECK(view.zoom() == 1);
    CHECK(view.pan_x() == 0);
    CHECK(view.pan_y() == 0);
}

TEST_CASE("picture zoom: a pinch scales from where it began, within 1x and the maximum") {
    PictureZoom view;
    view.set_box(800, 600);
    view.pinch_begin();
    view.pinch(2);
    CHECK(view.zoom() == doctest::Approx(2));
    view.pinch(10);
    CHECK(view.zoom() == doctest::Approx(PictureZoom::kMaxZoom));
    view.pinch_end();
    view.pinch_begin();  // a second pinch starts from 4x
    view.pinch(0.5f);
    CHECK(view.zoom() == doctest::Approx(2));
    view.pinch(0.01f);
    CHECK(view.zoom() == 1);
}

TEST_CASE("picture zoom: a pinch that ends nearly at 1x snaps back to the whole picture") {
    PictureZoom view;
    view.set_box(800, 600);
    view.pinch_begin();
    view.pinch(1.03f);
    view.pinch_end();
    CHECK(view.zoom() == 1);
    CHECK_FALSE(view.zoomed());
}

TEST_CASE("picture zoom: panning keeps the zoomed picture covering its box") {
    PictureZoom view;
    view.set_box(800, 600);
    view.drag(50, 50);  // at 1x a drag is not a pan
    CHECK(view.pan_x() == 0);
    view.pinch_begin();
    view.pinch(2);  // the picture is now 1600 x 1200: 400 and 300 to spare on each side
    view.drag(1000, -1000);
    CHECK(view.pan_x() == doctest::Approx(400));
    CHECK(view.pan_y() == doctest::Approx(-300));
    view.drag(-100, 0);
    CHECK(view.pan_x() == doctest::Approx(300));
    // A smaller box (text size changed the layout) re-clamps.
    view.set_box(400, 300);
    CHECK(view.pan_x() == doctest::Approx(200));
    CHECK(view.pan_y() == doctest::Approx(-150));
    view.reset();
    CHECK(view.zoom() == 1);
    CHECK(view.pan_x() == 0);
}
