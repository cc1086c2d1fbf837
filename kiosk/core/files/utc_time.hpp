#pragma once

// Times as organisers read and type them: ISO 8601 text for Unix seconds, and the
// dates and times given to `--since` and `--until`. Whole seconds only, like the
// feedback database. UI-free, so the kiosk's staff mode can export with it too.

#include <optional>
#include <string>
#include <string_view>

namespace amanat {

// "2026-11-30T14:05:09Z".
std::string format_utc_time(long long unix_seconds);

// The wall clock at `utc_offset_minutes` from UTC, without the offset:
// "2026-11-30T15:05:09" for the time above at +60.
std::string format_local_time(long long unix_seconds, int utc_offset_minutes);

// A date or time typed on the command line.
struct TimeArgument {
    long long unix_seconds = 0;  // the moment given, or UTC midnight starting the day given
    bool whole_day = false;      // a date without a time ("2026-11-30")
};

// Parses
//   YYYY-MM-DD                       a whole day in UTC
//   YYYY-MM-DDTHH:MM[:SS]Z           a moment in UTC
//   YYYY-MM-DDTHH:MM[:SS]+HH:MM      a moment at an offset from UTC (also -HH:MM, +HHMM, +HH)
// A time needs its zone: the feedback of several venues may span time zones, so a
// bare "14:00" would be a guess. Returns nullopt with `problem` set to a sentence
// saying what is wrong (not naming the text: the caller knows which option it was).
std::optional<TimeArgument> parse_time_argument(std::string_view text, std::string& problem);

}  // namespace amanat
