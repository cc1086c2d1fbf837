#include <doctest/doctest.h>

#include "core/visit/idle_timer.hpp"

using amanat::IdleTimer;

TEST_CASE("idle timer: active, then a 10 s countdown, then expired") {
    IdleTimer timer(90'000, 10'000);
    timer.touch(1'000);
    CHECK(timer.phase(50'000) == IdleTimer::Phase::Active);
    CHECK(timer.next_deadline(50'000) == 91'000);
    CHECK(timer.phase(91'000) == IdleTimer::Phase::CountingDown);
    CHECK(timer.seconds_left(91'000) == 10);
    CHECK(timer.seconds_left(91'001) == 10);
    CHECK(timer.seconds_left(92'000) == 9);
    CHECK(timer.seconds_left(100'999) == 1);
    CHECK(timer.phase(101'000) == IdleTimer::Phase::Expired);
    CHECK(timer.next_deadline(101'000) == -1);
}

TEST_CASE("idle timer: the countdown wakes the loop on each whole second") {
    IdleTimer timer(90'000, 10'000);
    timer.touch(0);
    CHECK(timer.next_deadline(90'000) == 91'000);
    CHECK(timer.next_deadline(90'400) == 91'000);
    CHECK(timer.next_deadline(99'999) == 100'000);
}

TEST_CASE("idle timer: a touch during the countdown starts the visit again") {
    IdleTimer timer(90'000, 10'000);
    timer.touch(0);
    REQUIRE(timer.phase(95'000) == IdleTimer::Phase::CountingDown);
    timer.touch(95'000);
    CHECK(timer.phase(95'001) == IdleTimer::Phase::Active);
    CHECK(timer.phase(184'999) == IdleTimer::Phase::Active);
    CHECK(timer.phase(185'000) == IdleTimer::Phase::CountingDown);
}

TEST_CASE("idle timer: raw input keeps a visit alive, but not while the countdown asks") {
    IdleTimer timer(90'000, 10'000);
    timer.touch(0);
    timer.notice_input(50'000);
    CHECK(timer.phase(139'999) == IdleTimer::Phase::Active);
    // During the countdown a finger going down is not yet an answer: it may be
    // on "Start again", which must still be there when the finger lifts.
    REQUIRE(timer.phase(141'000) == IdleTimer::Phase::CountingDown);
    timer.notice_input(141'000);
    CHECK(timer.phase(141'001) == IdleTimer::Phase::CountingDown);
    timer.touch(141'100);  // the overlay's answer: "Continue"
    CHECK(timer.phase(141'101) == IdleTimer::Phase::Active);
}
