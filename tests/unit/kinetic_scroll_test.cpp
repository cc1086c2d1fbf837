#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/visit/kinetic_scroll.hpp"

using namespace amanat;

namespace {

constexpr Millis kFrame = 16;

// Drags at a steady `speed` (px per ms, in offset units) for `duration` ms, one
// drag_by per frame, starting with a press at `start`. Returns the end time.
Millis drag_steadily(KineticScroll& scroll, float speed, Millis start, Millis duration) {
    scroll.press(start);
    Millis now = start;
    while (now < start + duration) {
        now += kFrame;
        scroll.drag_by(speed * static_cast<float>(kFrame), now);
    }
    return now;
}

// Steps frame by frame until the motion ends; fails if it never does. Returns the time.
Millis settle(KineticScroll& scroll, Millis now, Millis frame = kFrame) {
    for (int frames = 0; scroll.animating() && frames < 100000; ++frames) {
        now += frame;
        scroll.step(now);
        REQUIRE(std::isfinite(scroll.offset()));
    }
    REQUIRE_FALSE(scroll.animating());
    return now;
}

// A list of 10000 px seen through 1000 px: offsets 0 to 9000.
KineticScroll long_list() {
    KineticScroll scroll;
    scroll.set_extent(10000, 1000);
    return scroll;
}

}  // namespace

TEST_CASE("kinetic: the content follows the finger") {
    KineticScroll scroll = long_list();
    CHECK(scroll.max_offset() == 9000);
    scroll.press(0);
    CHECK(scroll.pressed());
    scroll.drag_by(100, 16);
    CHECK(scroll.offset() == 100);
    scroll.drag_by(-30, 32);
    CHECK(scroll.offset() == 70);
    CHECK_FALSE(scroll.animating());
    // A slow release stays put.
    scroll.release(500);
    CHECK_FALSE(scroll.animating());
    CHECK(scroll.offset() == 70);
}

TEST_CASE("kinetic: a fling goes on in its direction, slows down and rests in range") {
    KineticScroll scroll = long_list();
    scroll.scroll_to(4000);
    float speed = 2;
    SUBCASE("towards the end") {
        speed = 2;
    }
    SUBCASE("towards the start") {
        speed = -2;
    }
    Millis now = drag_steadily(scroll, speed, 0, 160);
    const float released_at = scroll.offset();
    scroll.release(now);
    REQUIRE(scroll.animating());

    float previous = released_at;
    float previous_step = std::abs(speed) * kFrame;
    while (scroll.animating()) {
        now += kFrame;
        scroll.step(now);
        const float moved = (scroll.offset() - previous) * (speed > 0 ? 1 : -1);
        CHECK(moved >= 0);
        CHECK(moved <= previous_step + 1e-3f);  // decelerating
        previous_step = moved;
        previous = scroll.offset();
        REQUIRE(now < 10000);
    }
    // Exponential deceleration: it travels about speed * tau (325 ms).
    const float travelled = (scroll.offset() - released_at) * (speed > 0 ? 1 : -1);
    CHECK(travelled == doctest::Approx(2 * 325).epsilon(0.05));
    CHECK(scroll.offset() >= 0);
    CHECK(scroll.offset() <= scroll.max_offset());
}

TEST_CASE("kinetic: pressing catches a fling where it is") {
    KineticScroll scroll = long_list();
    scroll.scroll_to(1000);
    Millis now = drag_steadily(scroll, 3, 0, 160);
    scroll.release(now);
    now += 5 * kFrame;
    scroll.step(now);
    const float caught_at = scroll.offset();
    now += kFrame;
    scroll.press(now);  // the fling has moved on since the last frame
    CHECK_FALSE(scroll.animating());
    const float held_at = scroll.offset();
    CHECK(held_at > caught_at);
    scroll.step(now + 500);
    CHECK(scroll.offset() == held_at);
    scroll.release(now + 600);  // lifted without moving: stays
    scroll.step(now + 2000);
    CHECK(scroll.offset() == held_at);
}

TEST_CASE("kinetic: beyond the ends the content resists and springs back exactly") {
    KineticScroll scroll = long_list();
    float end = 0;
    float direction = -1;
    SUBCASE("the start") {}
    SUBCASE("the end") {
        scroll.scroll_to(9000);
        end = 9000;
        direction = 1;
    }
    scroll.press(0);
    scroll.drag_by(100 * direction, 16);
    const float first = (scroll.offset() - end) * direction;
    CHECK(first > 0);
    CHECK(first < 100);
    scroll.drag_by(100 * direction, 32);
    const float second = (scroll.offset() - end) * direction - first;
    CHECK(second > 0);
    CHECK(second < first);  // growing resistance
    // A huge pull stays within the viewport.
    scroll.drag_by(100000 * direction, 48);
    CHECK((scroll.offset() - end) * direction < 1000);
    scroll.drag_by(-100000 * direction, 64);

    scroll.release(1000);
    REQUIRE(scroll.animating());
    settle(scroll, 1000);
    CHECK(scroll.offset() == end);
}

TEST_CASE("kinetic: a fling into an end overshoots, then comes back to exactly the end") {
    KineticScroll scroll;
    scroll.set_extent(2000, 1000);
    scroll.scroll_to(800);
    Millis now = drag_steadily(scroll, 4, 0, 48);
    scroll.release(now);
    float furthest = 0;
    while (scroll.animating()) {
        now += kFrame;
        scroll.step(now);
        furthest = std::max(furthest, scroll.offset());
        REQUIRE(now < 10000);
    }
    CHECK(furthest > 1000);
    CHECK(furthest <= 1000 + 1000 * 0.125f + 1);  // the bounce is limited
    CHECK(scroll.offset() == 1000);
}

TEST_CASE("kinetic: catching the spring-back does not jump, and a pull back into range flings") {
    KineticScroll scroll = long_list();
    scroll.press(0);
    scroll.drag_by(-300, 16);
    scroll.release(16);
    scroll.step(100);
    const float springing = scroll.offset();
    REQUIRE(springing < 0);
    scroll.press(100);
    CHECK(scroll.offset() == doctest::Approx(springing));
    scroll.drag_by(0, 116);
    CHECK(scroll.offset() == doctest::Approx(springing));
    // Thrown hard back into the list: it passes the start and flies on.
    Millis now = 116;
    for (int i = 0; i < 6; ++i) scroll.drag_by(80, now += kFrame);
    scroll.release(now);
    settle(scroll, now);
    CHECK(scroll.offset() > 300);
    CHECK(scroll.offset() <= scroll.max_offset());
}

TEST_CASE("kinetic: the motion is the same whatever the frame rate") {
    // Fling into the end (fling, bounce, spring-back) with three frame rates.
    std::vector<KineticScroll> scrolls(3);
    const std::vector<Millis> frames = {1, 16, 50};
    Millis released = 0;
    for (KineticScroll& scroll : scrolls) {
        scroll.set_extent(3000, 1000);
        scroll.scroll_to(1200);
        released = drag_steadily(scroll, 3, 0, 96);
        scroll.release(released);
    }
    std::vector<Millis> clocks(3, released);
    for (Millis checkpoint = released + 400; checkpoint <= released + 4000; checkpoint += 400) {
        for (std::size_t i = 0; i < scrolls.size(); ++i) {
            while (clocks[i] + frames[i] <= checkpoint) scrolls[i].step(clocks[i] += frames[i]);
            scrolls[i].step(clocks[i] = checkpoint);
        }
        CAPTURE(checkpoint);
        CHECK(scrolls[1].offset() == doctest::Approx(scrolls[0].offset()).epsilon(0.0005));
        CHECK(scrolls[2].offset() == doctest::Approx(scrolls[0].offset()).epsilon(0.0005));
    }
    for (const KineticScroll& scroll : scrolls) {
        CHECK_FALSE(scroll.animating());
        CHECK(scroll.offset() == 2000);
    }
}

TEST_CASE("kinetic: one big step lands where many small ones do") {
    KineticScroll smooth = long_list();
    KineticScroll jumpy = long_list();
    for (KineticScroll* scroll : {&smooth, &jumpy}) {
        scroll->scroll_to(5000);
        scroll->release(drag_steadily(*scroll, -5, 0, 160));
    }
    settle(smooth, 160, 1);
    jumpy.step(160 + 60000);
    CHECK_FALSE(jumpy.animating());
    CHECK(jumpy.offset() == doctest::Approx(smooth.offset()).epsilon(0.0001));
}

TEST_CASE("kinetic: content shorter than the viewport stays at 0") {
    KineticScroll scroll;
    SUBCASE("shorter") {
        scroll.set_extent(300, 1000);
    }
    SUBCASE("equal") {
        scroll.set_extent(1000, 1000);
    }
    SUBCASE("empty") {
        scroll.set_extent(0, 0);
    }
    SUBCASE("negative") {
        scroll.set_extent(-50, -10);
    }
    SUBCASE("not a number") {
        scroll.set_extent(std::numeric_limits<float>::quiet_NaN(), 1000);
    }
    CHECK(scroll.max_offset() == 0);
    scroll.scroll_to(500);
    CHECK(scroll.offset() == 0);

    Millis now = drag_steadily(scroll, 3, 0, 96);
    CHECK(scroll.offset() > 0);  // a little rubber band shows the list is touchable
    scroll.release(now);
    settle(scroll, now);
    CHECK(scroll.offset() == 0);

    now = drag_steadily(scroll, -3, now + 100, 96);
    scroll.release(now);
    settle(scroll, now);
    CHECK(scroll.offset() == 0);
}

TEST_CASE("kinetic: scroll_to jumps, clamps and stops motion") {
    KineticScroll scroll = long_list();
    scroll.scroll_to(1234.5f);
    CHECK(scroll.offset() == 1234.5f);
    Millis now = drag_steadily(scroll, 3, 0, 160);
    scroll.release(now);
    scroll.step(now + 50);
    REQUIRE(scroll.animating());
    scroll.scroll_to(0);
    CHECK_FALSE(scroll.animating());
    CHECK(scroll.offset() == 0);
    scroll.step(now + 1000);
    CHECK(scroll.offset() == 0);

    scroll.scroll_to(1e9f);
    CHECK(scroll.offset() == 9000);
    scroll.scroll_to(-5);
    CHECK(scroll.offset() == 0);
    scroll.scroll_to(std::numeric_limits<float>::infinity());
    CHECK(scroll.offset() == 0);
}

TEST_CASE("kinetic: a shrinking extent brings the offset back into range") {
    KineticScroll scroll = long_list();
    scroll.scroll_to(8000);
    scroll.set_extent(5000, 1000);
    CHECK(scroll.offset() == 4000);

    SUBCASE("during a fling") {
        Millis now = drag_steadily(scroll, -3, 0, 96);
        scroll.release(now);
        scroll.step(now + 32);
        scroll.set_extent(2000, 1000);
        settle(scroll, now + 32);
        CHECK(scroll.offset() == 1000);
    }
    SUBCASE("unchanged extents leave a fling alone") {
        Millis now = drag_steadily(scroll, -3, 0, 96);
        scroll.release(now);
        KineticScroll untouched = scroll;
        for (int i = 1; i <= 20; ++i) {
            scroll.set_extent(5000, 1000);
            scroll.step(now + i * kFrame);
            untouched.step(now + i * kFrame);
            CHECK(scroll.offset() == untouched.offset());
        }
    }
}

TEST_CASE("kinetic: arbitrary input never gives NaN or ends out of range") {
    // A fixed pseudo-random sequence (deterministic) of presses, drags, releases,
    // steps, extent changes and hostile values.
    std::uint32_t state = 12345;
    const auto next = [&state]() {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    KineticScroll scroll;
    scroll.set_extent(5000, 800);
    Millis now = 0;
    for (int i = 0; i < 5000; ++i) {
        now += static_cast<Millis>(next() % 40) - 5;  // sometimes back in time
        const float value = static_cast<float>(next() % 4001) - 2000;
        switch (next() % 9) {
            case 0:
                scroll.press(now);
                break;
            case 1:
            case 2:
                scroll.drag_by(value, now);
                break;
            case 3:
                scroll.release(now);
                break;
            case 4:
            case 5:
                scroll.step(now);
                break;
            case 6:
                scroll.set_extent(std::abs(value) * 3, 800);
                break;
            case 7:
                scroll.drag_by(next() % 2 ? nan : inf, now);
                break;
            default:
                scroll.set_extent(next() % 2 ? nan : value, next() % 2 ? -inf : 500);
                break;
        }
        REQUIRE(std::isfinite(scroll.offset()));
    }
    scroll.release(now);
    settle(scroll, now);
    CHECK(scroll.offset() >= 0);
    CHECK(scroll.offset() <= scroll.max_offset());
}

TEST_CASE("kinetic: a fling up into the top comes back to exactly the top, not the bottom") {
    // The mirror of the fling into the bottom: it once sprang on to the far end.
    KineticScroll scroll = long_list();
    scroll.scroll_to(800);
    Millis now = drag_steadily(scroll, -4, 0, 48);
    scroll.release(now);
    float furthest = 0;
    float lowest = 0;
    while (scroll.animating()) {
        now += kFrame;
        scroll.step(now);
        furthest = std::max(furthest, scroll.offset());
        lowest = std::min(lowest, scroll.offset());
        REQUIRE(now < 10000);
    }
    CHECK(furthest <= 800);
    CHECK(lowest < 0);
    CHECK(lowest >= -1000 * 0.125f - 1);  // the bounce is limited
    CHECK(scroll.offset() == 0);
}
