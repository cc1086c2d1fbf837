// The screen sleeps outside opening hours and wakes before opening; everything
// drawn moves a few pixels, slowly, against burn-in.
#include <doctest/doctest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "core/settings/kiosk_config.hpp"
#include "core/settings/screen_care.hpp"

using namespace amanat;

namespace {

OpeningHours ten_to_six() {
    std::string error;
    auto hours = parse_opening_hours("10:00-18:00", error);
    REQUIRE(hours.has_value());
    hours->closed[1] = true;  // Mondays
    hours->wake_before_minutes = 15;
    return *hours;
}

LocalMoment at(int weekday, int hour, int minute) {
    return {weekday, hour * 60 + minute};
}

}  // namespace

TEST_CASE("screen care: awake from a quarter before opening until closing, asleep on closed days") {
    const OpeningHours hours = ten_to_six();
    CHECK_FALSE(screen_awake(hours, at(2, 9, 44)));
    CHECK(screen_awake(hours, at(2, 9, 45)));
    CHECK(screen_awake(hours, at(2, 17, 59)));
    CHECK_FALSE(screen_awake(hours, at(2, 18, 0)));
    CHECK_FALSE(screen_awake(hours, at(1, 12, 0)));  // Monday: closed
    CHECK(screen_awake(hours, at(0, 12, 0)));        // Sunday: open

    // The kiosk's next look: from Tuesday 18:00 to Wednesday 09:45; from Sunday
    // evening over the closed Monday to Tuesday morning.
    CHECK(minutes_until_change(hours, at(2, 18, 0)) == (24 * 60 - 18 * 60) + 9 * 60 + 45);
    CHECK(minutes_until_change(hours, at(2, 9, 45)) == 8 * 60 + 15);
    CHECK(minutes_until_change(hours, at(0, 18, 0)) == 6 * 60 + 24 * 60 + 9 * 60 + 45);
}

TEST_CASE("screen care: an opening at midnight wakes the screen the evening before") {
    std::string error;
    auto hours = parse_opening_hours("0:00-2:00", error);
    REQUIRE(hours.has_value());
    hours->wake_before_minutes = 30;
    hours->closed[3] = true;                           // Wednesday
    CHECK(screen_awake(*hours, at(1, 23, 30)));        // Monday night, for Tuesday
    CHECK_FALSE(screen_awake(*hours, at(2, 23, 30)));  // Tuesday night: Wednesday is closed
    CHECK_FALSE(screen_awake(*hours, at(1, 23, 29)));
}

TEST_CASE("screen care: opening hours and days as staff write them, and what is wrong with them") {
    std::string error;
    CHECK(parse_opening_hours("9:30-17:45", error)->open_minute == 9 * 60 + 30);
    CHECK(parse_opening_hours("09:30 - 24:00", error)->close_minute == 24 * 60);
    for (const char* bad :
         {"10-18", "10:00", "18:00-10:00", "10:00-10:00", "25:00-26:00", "10:60-11:00", "ten-six"}) {
        CAPTURE(bad);
        error.clear();
        CHECK_FALSE(parse_opening_hours(bad, error).has_value());
        CHECK_FALSE(error.empty());
    }
    CHECK(weekday_of("Monday") == 1);
    CHECK(weekday_of("sun") == 0);
    CHECK(weekday_of("lundi") == -1);
}

TEST_CASE("screen care: kiosk.toml [display] opening hours, closed days, pixel shift") {
    const std::string file =
        std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/amanat-screen-care-test.toml";
    {
        FILE* f = std::fopen(file.c_str(), "w");
        REQUIRE(f != nullptr);
        std::fputs(
            "[display]\nopening_hours = \"10:00-18:00\"\nclosed_days = [\"monday\", \"tue\"]\n"
            "wake_before_minutes = 20\npixel_shift = false\n",
            f);
        std::fclose(f);
    }
    Diagnostics out;
    KioskConfig config = load_kiosk_config(file, out);
    CHECK_FALSE(out.has_errors());
    REQUIRE(config.opening_hours.has_value());
    CHECK(config.opening_hours->closed[1]);
    CHECK(config.opening_hours->closed[2]);
    CHECK_FALSE(config.opening_hours->closed[3]);
    CHECK(config.opening_hours->wake_before_minutes == 20);
    CHECK_FALSE(config.pixel_shift);

    {
        FILE* f = std::fopen(file.c_str(), "w");
        REQUIRE(f != nullptr);
        std::fputs("[display]\nopening_hours = \"18:00-10:00\"\nclosed_days = [\"lundi\"]\n", f);
        std::fclose(f);
    }
    Diagnostics bad;
    config = load_kiosk_config(file, bad);
    CHECK(bad.error_count() == 2);
    CHECK_FALSE(config.opening_hours.has_value());  // the screen stays awake rather than sleep wrongly
    std::remove(file.c_str());
}

TEST_CASE("screen care: the burn-in shift stays within its radius, moves a pixel at a time, and comes back") {
    std::set<std::pair<int, int>> seen;
    PixelShift previous = burn_in_shift(0);
    int changes = 0;
    for (std::int64_t s = 0; s < 47 * 71 * 60; s += 10) {
        const PixelShift shift = burn_in_shift(s);
        CHECK(std::abs(shift.dx) <= 3);
        CHECK(std::abs(shift.dy) <= 3);
        CHECK(std::abs(shift.dx - previous.dx) <= 1);
        CHECK(std::abs(shift.dy - previous.dy) <= 1);
        if (!(shift == previous)) ++changes;
        previous = shift;
        seen.insert({shift.dx, shift.dy});
    }
    // It visits many positions, yet changes rarely: about every few minutes.
    CHECK(seen.size() >= 30);
    CHECK(changes < 47 * 71 * 60 / 60);
    CHECK(burn_in_shift(0) == burn_in_shift(47 * 71 * 60));
}
