#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "core/visit/gesture.hpp"

using namespace amanat;

namespace {

using Kind = Gesture::Kind;

// Feeds pointer events with explicit times and collects what they recognise.
struct Touches {
    GestureRecognizer recognizer;
    std::vector<Gesture> gestures;

    explicit Touches(GestureSettings settings = {}) : recognizer(settings) {}

    void feed(PointerEvent::Kind kind, int finger, float x, float y, Millis time) {
        recognizer.feed(PointerEvent{kind, finger, x, y, time}, gestures);
    }
    void down(int finger, float x, float y, Millis time) {
        feed(PointerEvent::Kind::Down, finger, x, y, time);
    }
    void move(int finger, float x, float y, Millis time) {
        feed(PointerEvent::Kind::Move, finger, x, y, time);
    }
    void up(int finger, float x, float y, Millis time) { feed(PointerEvent::Kind::Up, finger, x, y, time); }
    void cancel(Millis time) { feed(PointerEvent::Kind::Cancel, 0, 0, 0, time); }

    // One finger from (x0, y0) to (x1, y1) in even steps every 10 ms, then lifted.
    void stroke(float x0, float y0, float x1, float y1, Millis start, Millis duration) {
        down(0, x0, y0, start);
        const int steps = static_cast<int>(duration / 10);
        for (int i = 1; i <= steps; ++i) {
            const float f = static_cast<float>(i) / static_cast<float>(steps);
            move(0, x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, start + i * 10);
        }
        up(0, x1, y1, start + duration);
    }

    std::vector<Kind> kinds() const {
        std::vector<Kind> result;
        for (const Gesture& g : gestures) result.push_back(g.kind);
        return result;
    }
    int count(Kind kind) const {
        return static_cast<int>(std::count_if(gestures.begin(), gestures.end(),
                                              [&](const Gesture& g) { return g.kind == kind; }));
    }
    const Gesture& first(Kind kind) const {
        const auto found =
            std::find_if(gestures.begin(), gestures.end(), [&](const Gesture& g) { return g.kind == kind; });
        REQUIRE(found != gestures.end());
        return *found;
    }
};

}  // namespace

TEST_CASE("gesture: a finger that moves less than the tap slop taps at the touch point") {
    Touches touches;
    const float slop = GestureSettings{}.tap_slop;
    touches.down(0, 100, 200, 1000);
    touches.move(0, 100 + slop - 1, 200, 1040);
    CHECK(touches.recognizer.finger_down());
    touches.up(0, 100 + slop - 1, 200, 1080);
    REQUIRE(touches.kinds() == std::vector{Kind::Tap});
    CHECK(touches.gestures[0].x == 100);
    CHECK(touches.gestures[0].y == 200);
    CHECK(touches.gestures[0].time == 1080);
    CHECK_FALSE(touches.recognizer.finger_down());
}

TEST_CASE("gesture: moving beyond the tap slop drags, and a drag never taps") {
    Touches touches;
    const float slop = GestureSettings{}.tap_slop;
    touches.down(0, 100, 200, 0);
    touches.move(0, 100 + slop + 1, 200, 20);
    REQUIRE(touches.kinds() == std::vector{Kind::DragBegin, Kind::Drag});
    // The first Drag includes the movement within the slop: the content stays under the finger.
    CHECK(touches.gestures[1].dx == doctest::Approx(slop + 1));
    CHECK(touches.gestures[1].start_x == 100);
    touches.move(0, 100 + slop + 11, 195, 40);
    REQUIRE(touches.gestures.size() == 3);
    CHECK(touches.gestures[2].kind == Kind::Drag);
    CHECK(touches.gestures[2].dx == doctest::Approx(10));
    CHECK(touches.gestures[2].dy == doctest::Approx(-5));
    CHECK(touches.gestures[2].x == doctest::Approx(100 + slop + 11));
    touches.up(0, 100 + slop + 11, 195, 60);
    CHECK(touches.kinds().back() == Kind::DragEnd);
    CHECK(touches.count(Kind::Tap) == 0);
    const Gesture& end = touches.first(Kind::DragEnd);
    CHECK(end.dx == doctest::Approx(slop + 11));
    CHECK(end.dy == doctest::Approx(-5));

    float total_dx = 0;
    for (const Gesture& g : touches.gestures) {
        if (g.kind == Kind::Drag) total_dx += g.dx;
    }
    CHECK(total_dx == doctest::Approx(slop + 11));
}

TEST_CASE("gesture: a lift beyond the slop without a move in between is a drag") {
    Touches touches;
    touches.down(0, 100, 100, 0);
    touches.up(0, 200, 100, 1000);
    CHECK(touches.kinds() == std::vector{Kind::DragBegin, Kind::Drag, Kind::DragEnd});
    CHECK(touches.gestures[2].velocity_x == doctest::Approx(0.1));
}

TEST_CASE("gesture: a long press is no tap") {
    Touches touches;
    const Millis limit = GestureSettings{}.tap_max_duration;
    touches.down(0, 100, 100, 0);
    touches.up(0, 100, 100, limit + 1);
    CHECK(touches.gestures.empty());

    touches.down(0, 100, 100, 5000);
    touches.up(0, 100, 100, 5000 + limit);
    CHECK(touches.kinds() == std::vector{Kind::Tap});
}

TEST_CASE("gesture: two quick taps close together make a tap and then a double tap") {
    Touches touches;
    touches.down(0, 100, 100, 0);
    touches.up(0, 100, 100, 60);
    touches.down(0, 110, 105, 200);
    touches.up(0, 110, 105, 260);
    REQUIRE(touches.kinds() == std::vector{Kind::Tap, Kind::DoubleTap});
    const Gesture& double_tap = touches.gestures[1];
    CHECK(double_tap.x == 110);
    CHECK(double_tap.y == 105);
    CHECK(double_tap.start_x == 100);
    CHECK(double_tap.time == 260);

    SUBCASE("a third tap starts a new pair") {
        touches.down(0, 110, 105, 400);
        touches.up(0, 110, 105, 450);
        CHECK(touches.kinds() == std::vector{Kind::Tap, Kind::DoubleTap, Kind::Tap});
    }
}

TEST_CASE("gesture: taps too far apart in time or space are two taps") {
    const GestureSettings settings;
    Touches touches;
    SUBCASE("too late") {
        touches.down(0, 100, 100, 0);
        touches.up(0, 100, 100, 50);
        touches.down(0, 100, 100, 50 + settings.double_tap_interval + 1);
        touches.up(0, 100, 100, 100 + settings.double_tap_interval);
    }
    SUBCASE("too far") {
        touches.down(0, 100, 100, 0);
        touches.up(0, 100, 100, 50);
        touches.down(0, 100 + settings.double_tap_slop + 1, 100, 150);
        touches.up(0, 100 + settings.double_tap_slop + 1, 100, 200);
    }
    SUBCASE("a drag in between") {
        touches.down(0, 100, 100, 0);
        touches.up(0, 100, 100, 50);
        touches.stroke(100, 100, 100, 200, 80, 50);
        touches.down(0, 100, 100, 200);
        touches.up(0, 100, 100, 250);
    }
    CHECK(touches.count(Kind::Tap) == 2);
    CHECK(touches.count(Kind::DoubleTap) == 0);
}

TEST_CASE("gesture: a fast horizontal drag swipes, and dx gives the direction") {
    Touches touches;
    SUBCASE("left") {
        touches.stroke(500, 300, 350, 310, 0, 150);
        REQUIRE(touches.kinds().back() == Kind::Swipe);
        const Gesture& swipe = touches.gestures.back();
        CHECK(swipe.dx == doctest::Approx(-150));
        CHECK(swipe.dy == 0);
        CHECK(swipe.velocity_x == doctest::Approx(-1.0));
        CHECK(swipe.start_x == 500);
        CHECK(swipe.x == 350);
    }
    SUBCASE("right") {
        touches.stroke(300, 300, 450, 290, 0, 150);
        REQUIRE(touches.kinds().back() == Kind::Swipe);
        CHECK(touches.gestures.back().dx == doctest::Approx(150));
        CHECK(touches.gestures.back().dy == 0);
    }
    SUBCASE("up, vertically") {
        touches.stroke(300, 500, 305, 350, 0, 150);
        REQUIRE(touches.kinds().back() == Kind::Swipe);
        CHECK(touches.gestures.back().dx == 0);
        CHECK(touches.gestures.back().dy == doctest::Approx(-150));
    }
    // The drag is reported in full before the swipe.
    const std::vector<Kind> kinds = touches.kinds();
    CHECK(kinds[kinds.size() - 2] == Kind::DragEnd);
    CHECK(touches.count(Kind::Swipe) == 1);
    CHECK(touches.count(Kind::Tap) == 0);
}

TEST_CASE("gesture: slow, short, diagonal or stopped drags are no swipes") {
    Touches touches;
    SUBCASE("slow") {
        touches.stroke(500, 300, 300, 300, 0, 2000);
    }
    SUBCASE("short") {
        touches.stroke(500, 300, 450, 300, 0, 40);
    }
    SUBCASE("diagonal") {
        touches.stroke(500, 300, 350, 450, 0, 150);
    }
    SUBCASE("stopped before lifting") {
        touches.stroke(500, 300, 300, 300, 0, 150);
        touches.gestures.clear();
        touches.down(0, 500, 300, 1000);
        for (int i = 1; i <= 15; ++i)
            touches.move(0, 500 - 200 * static_cast<float>(i) / 15, 300, 1000 + i * 10);
        touches.up(0, 300, 300, 1400);  // held still for 250 ms
        CHECK(touches.first(Kind::DragEnd).velocity_x == 0);
    }
    SUBCASE("flicked back against its direction") {
        // 300 px to the left, then 100 px back to the right at 1 px per ms.
        touches.down(0, 500, 300, 0);
        for (int i = 1; i <= 30; ++i) touches.move(0, 500 - 10 * static_cast<float>(i), 300, i * 10);
        for (int i = 1; i <= 10; ++i) touches.move(0, 200 + 10 * static_cast<float>(i), 300, 300 + i * 10);
        touches.up(0, 300, 300, 400);
        CHECK(touches.first(Kind::DragEnd).velocity_x == doctest::Approx(1));
    }
    CHECK(touches.count(Kind::DragEnd) == 1);
    CHECK(touches.count(Kind::Swipe) == 0);
}

TEST_CASE("gesture: a two-finger pinch reports its scale and centre") {
    Touches touches;
    touches.down(1, 150, 200, 0);
    touches.down(2, 250, 200, 10);
    REQUIRE(touches.kinds() == std::vector{Kind::PinchBegin});
    CHECK(touches.gestures[0].x == 200);
    CHECK(touches.gestures[0].y == 200);
    CHECK(touches.gestures[0].scale == 1);
    touches.move(1, 100, 200, 30);
    touches.move(2, 300, 200, 30);
    REQUIRE(touches.gestures.back().kind == Kind::Pinch);
    const Gesture& pinch = touches.gestures.back();
    CHECK(pinch.scale == doctest::Approx(2));
    CHECK(pinch.x == doctest::Approx(200));
    CHECK(pinch.y == doctest::Approx(200));
    touches.up(1, 100, 200, 60);
    REQUIRE(touches.gestures.back().kind == Kind::PinchEnd);
    CHECK(touches.gestures.back().scale == doctest::Approx(2));
    // The finger left behind reports nothing, not even when it moves far and lifts.
    const std::size_t reported = touches.gestures.size();
    touches.move(2, 600, 200, 80);
    touches.up(2, 600, 200, 90);
    CHECK(touches.gestures.size() == reported);
    CHECK(touches.count(Kind::Tap) == 0);
    CHECK(touches.count(Kind::DragBegin) == 0);
    CHECK_FALSE(touches.recognizer.finger_down());
}

TEST_CASE("gesture: a pinch suppresses the tap, and ends a drag first") {
    Touches touches;
    SUBCASE("two fingers touching briefly") {
        touches.down(0, 100, 100, 0);
        touches.down(1, 200, 100, 20);
        touches.up(0, 100, 100, 60);
        touches.up(1, 200, 100, 70);
        CHECK(touches.kinds() == std::vector{Kind::PinchBegin, Kind::PinchEnd});
    }
    SUBCASE("a second finger during a drag") {
        touches.down(0, 100, 100, 0);
        touches.move(0, 200, 100, 50);
        touches.down(1, 400, 100, 60);
        touches.up(1, 400, 100, 100);
        touches.up(0, 200, 100, 110);
        CHECK(touches.kinds() ==
              std::vector{Kind::DragBegin, Kind::Drag, Kind::DragEnd, Kind::PinchBegin, Kind::PinchEnd});
        // The drag did not end by lifting: nothing may fling.
        CHECK(touches.first(Kind::DragEnd).velocity_x == 0);
        CHECK(touches.first(Kind::PinchBegin).x == 300);
    }
    CHECK(touches.count(Kind::Tap) == 0);
    CHECK(touches.count(Kind::Swipe) == 0);
}

TEST_CASE("gesture: a third finger does not disturb a pinch") {
    Touches touches;
    touches.down(1, 100, 100, 0);
    touches.down(2, 300, 100, 0);
    touches.down(3, 200, 500, 10);
    touches.move(3, 250, 600, 20);
    CHECK(touches.kinds() == std::vector{Kind::PinchBegin});
    touches.move(2, 500, 100, 30);  // distance 400: scale 2
    CHECK(touches.gestures.back().scale == doctest::Approx(2));
    // A pinch finger lifts while two remain: the pinch goes on without a jump.
    touches.up(1, 100, 100, 40);
    CHECK(touches.gestures.back().kind == Kind::Pinch);
    touches.move(3, 250, 601, 50);
    CHECK(touches.gestures.back().kind == Kind::Pinch);
    CHECK(touches.gestures.back().scale == doctest::Approx(2).epsilon(0.01));
    touches.up(3, 250, 601, 60);
    CHECK(touches.gestures.back().kind == Kind::PinchEnd);
    CHECK(touches.count(Kind::PinchBegin) == 1);
    CHECK(touches.count(Kind::PinchEnd) == 1);
}

TEST_CASE("gesture: cancel ends everything without a tap") {
    Touches touches;
    SUBCASE("a touch that would have tapped") {
        touches.down(0, 100, 100, 0);
        touches.cancel(20);
        touches.up(0, 100, 100, 40);
        CHECK(touches.gestures.empty());
    }
    SUBCASE("a drag") {
        touches.down(0, 100, 100, 0);
        for (int i = 1; i <= 10; ++i) touches.move(0, 100 + 30 * static_cast<float>(i), 100, i * 10);
        touches.cancel(110);
        CHECK(touches.kinds().back() == Kind::DragEnd);
        CHECK(touches.gestures.back().velocity_x == 0);
        touches.up(0, 400, 100, 120);
        CHECK(touches.kinds().back() == Kind::DragEnd);
        CHECK(touches.count(Kind::Swipe) == 0);
    }
    SUBCASE("a pinch") {
        touches.down(0, 100, 100, 0);
        touches.down(1, 200, 100, 0);
        touches.cancel(20);
        CHECK(touches.kinds() == std::vector{Kind::PinchBegin, Kind::PinchEnd});
    }
    SUBCASE("nothing in progress") {
        touches.cancel(0);
    }
    CHECK(touches.count(Kind::Tap) == 0);
    CHECK_FALSE(touches.recognizer.finger_down());
}

TEST_CASE("gesture: moves and lifts of unknown fingers are ignored") {
    Touches touches;
    touches.move(7, 100, 100, 0);
    touches.up(7, 100, 100, 10);
    CHECK(touches.gestures.empty());
    CHECK_FALSE(touches.recognizer.finger_down());

    touches.down(0, 100, 100, 20);
    touches.up(5, 400, 400, 30);
    touches.move(5, 400, 400, 35);
    CHECK(touches.gestures.empty());
    touches.up(0, 100, 100, 40);
    CHECK(touches.kinds() == std::vector{Kind::Tap});
}

TEST_CASE("gesture: a lost lift, NaN coordinates and reset do not confuse the recognizer") {
    Touches touches;
    SUBCASE("a second Down of the same finger starts afresh") {
        touches.down(0, 100, 100, 0);
        touches.down(0, 300, 300, 2000);
        touches.up(0, 300, 300, 2050);
        REQUIRE(touches.kinds() == std::vector{Kind::Tap});
        CHECK(touches.gestures[0].x == 300);
    }
    SUBCASE("non-finite coordinates") {
        touches.down(0, 100, 100, 0);
        touches.feed(PointerEvent::Kind::Move, 0, std::numeric_limits<float>::quiet_NaN(), 100, 10);
        touches.up(0, 100, 100, 50);
        CHECK(touches.kinds() == std::vector{Kind::Tap});
    }
    SUBCASE("reset forgets fingers and the last tap") {
        touches.down(0, 100, 100, 0);
        touches.up(0, 100, 100, 50);
        touches.down(0, 100, 100, 100);
        touches.recognizer.reset();
        CHECK_FALSE(touches.recognizer.finger_down());
        touches.up(0, 100, 100, 150);
        touches.down(0, 100, 100, 200);
        touches.up(0, 100, 100, 250);
        CHECK(touches.kinds() == std::vector{Kind::Tap, Kind::Tap});
    }
}

TEST_CASE("gesture: settings are honoured") {
    GestureSettings settings;
    settings.tap_slop = 60;
    Touches touches(settings);
    touches.down(0, 100, 100, 0);
    touches.move(0, 150, 100, 20);
    touches.up(0, 150, 100, 40);
    CHECK(touches.kinds() == std::vector{Kind::Tap});
}

TEST_CASE("gesture: a flick whose last moves arrive in one batch still has its speed") {
    // A busy loop (a frame being drawn under load) hands over the rest of a stroke
    // at once: the last moves and the lift share one time, 150 ms after the move
    // before them. The speed is measured from that move, not taken as zero.
    Touches touches;
    touches.down(0, 500, 300, 0);
    for (int i = 1; i <= 5; ++i) touches.move(0, 500 - 20 * static_cast<float>(i), 300, i * 10);
    for (int i = 6; i <= 10; ++i) touches.move(0, 500 - 20 * static_cast<float>(i), 300, 200);
    touches.up(0, 300, 300, 200);
    CHECK(touches.first(Kind::DragEnd).velocity_x == doctest::Approx(-100.0 / 150.0));
}
