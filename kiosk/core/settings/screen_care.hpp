#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// Looking after a screen that shows the same exhibition for months: sleeping
// outside opening hours, and a slow shift of everything drawn so that no pixel
// shows the same edge for weeks (image retention, burn-in on OLED and some LCDs).
// Pure functions of the time: the kiosk's loop asks them each frame.

// When the venue is open (kiosk.toml [display] opening_hours, closed_days,
// wake_before_minutes), in the kiosk's local time.
struct OpeningHours {
    int open_minute = 0;           // minutes after midnight, e.g. 600 for 10:00
    int close_minute = 0;          // after open_minute, on the same day
    bool closed[7] = {};           // by weekday, 0 = Sunday (as struct tm counts)
    int wake_before_minutes = 15;  // the screen wakes this long before opening
};

// "10:00-18:00" (24-hour clock); nullopt with `error` saying what is wrong.
std::optional<OpeningHours> parse_opening_hours(std::string_view text, std::string& error);
// "monday" ... "sunday" (or "mon" ... "sun") as struct tm's weekday; -1 otherwise.
int weekday_of(std::string_view name);

// A moment in local time, as the schedule sees it.
struct LocalMoment {
    int weekday = 0;        // 0 = Sunday
    int minute_of_day = 0;  // 0 .. 1439
};

// Whether the screen is awake at `moment`: on an open day, from
// wake_before_minutes before opening until closing.
bool screen_awake(const OpeningHours& hours, LocalMoment moment);
// Minutes from `moment` until screen_awake changes (1 .. 7 days' worth): when the
// kiosk next needs to look.
int minutes_until_change(const OpeningHours& hours, LocalMoment moment);

// How far everything drawn is moved at `unix_seconds`, at most `radius` pixels
// each way: a slow closed path (a Lissajous figure, periods of 47 and 71 minutes)
// that moves one pixel every few minutes, too slowly for anyone to notice.
struct PixelShift {
    int dx = 0;
    int dy = 0;
    bool operator==(const PixelShift&) const = default;
};
PixelShift burn_in_shift(std::int64_t unix_seconds, int radius = 3);

}  // namespace amanat
