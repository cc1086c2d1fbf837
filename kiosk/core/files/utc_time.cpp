#include "core/files/utc_time.hpp"

#include <chrono>
#include <climits>
#include <cstdio>

namespace amanat {
namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// Writes `value` as `width` digits ending just before `end`.
void put_digits(char* end, int width, long long value) {
    for (int i = 0; i < width; ++i, value /= 10) *--end = static_cast<char>('0' + value % 10);
}

// "YYYY-MM-DDTHH:MM:SS": the calendar arithmetic is std::chrono's (proleptic
// Gregorian, negative times floored), only the digits are ours (not snprintf:
// an export formats two of these per row, a million rows at a time).
std::string format_wall_clock(long long unix_seconds) {
    const sys_seconds moment{seconds{unix_seconds}};
    const sys_days day = std::chrono::floor<days>(moment);
    const std::chrono::year_month_day date{day};
    // Seconds into the day, floored like the day. Not `moment - day`: that turns
    // the day back into seconds, which overflows at the ends of long long (a
    // damaged row's time); beyond years +-32767 the year itself is chrono's guess.
    const long long clock = (unix_seconds % 86400 + 86400) % 86400;
    const int year = static_cast<int>(date.year());
    if (year < 0 || year > 9999) {  // not a time a kiosk records; still say which
        char text[48];
        std::snprintf(text, sizeof text, "%d-%02u-%02uT%02lld:%02lld:%02lld", year,
                      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock / 3600,
                      clock / 60 % 60, clock % 60);
        return text;
    }
    std::string text = "0000-00-00T00:00:00";
    put_digits(text.data() + 4, 4, year);
    put_digits(text.data() + 7, 2, static_cast<unsigned>(date.month()));
    put_digits(text.data() + 10, 2, static_cast<unsigned>(date.day()));
    put_digits(text.data() + 13, 2, clock / 3600);
    put_digits(text.data() + 16, 2, clock / 60 % 60);
    put_digits(text.data() + 19, 2, clock % 60);
    return text;
}

// Reads exactly `count` ASCII digits at `at`, moving past them.
bool read_digits(std::string_view text, std::size_t& at, std::size_t count, int& value) {
    if (at + count > text.size()) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[at + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    at += count;
    return true;
}

bool read_char(std::string_view text, std::size_t& at, char wanted) {
    if (at >= text.size() || text[at] != wanted) return false;
    ++at;
    return true;
}

// The zone at the end of a time: "Z", "+HH:MM", "+HHMM" or "+HH" (or "-"), as
// minutes east of UTC.
std::optional<int> read_zone(std::string_view text, std::size_t& at) {
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
        return 0;
    }
    if (at >= text.size() || (text[at] != '+' && text[at] != '-')) return std::nullopt;
    const int sign = text[at] == '-' ? -1 : 1;
    ++at;
    int hours = 0;
    int minutes = 0;
    if (!read_digits(text, at, 2, hours)) return std::nullopt;
    if (at < text.size()) {
        read_char(text, at, ':');
        if (!read_digits(text, at, 2, minutes)) return std::nullopt;
    }
    if (hours > 23 || minutes > 59) return std::nullopt;
    return sign * (hours * 60 + minutes);
}

}  // namespace

std::string format_utc_time(long long unix_seconds) {
    return format_wall_clock(unix_seconds) + 'Z';
}

std::string format_local_time(long long unix_seconds, int utc_offset_minutes) {
    long long local = 0;
    // A damaged row's time at the very end of long long: its wall clock stops there.
    if (__builtin_add_overflow(unix_seconds, 60LL * utc_offset_minutes, &local))
        local = unix_seconds < 0 ? LLONG_MIN : LLONG_MAX;
    return format_wall_clock(local);
}

std::optional<TimeArgument> parse_time_argument(std::string_view text, std::string& problem) {
    const char* const kForms =
        "use YYYY-MM-DD for a whole day (UTC), or YYYY-MM-DDTHH:MM[:SS] followed by Z for UTC or an "
        "offset such as +05:00";
    std::size_t at = 0;
    int year = 0;
    int month = 0;
    int day = 0;
    if (!read_digits(text, at, 4, year) || !read_char(text, at, '-') || !read_digits(text, at, 2, month) ||
        !read_char(text, at, '-') || !read_digits(text, at, 2, day)) {
        problem = std::string("it is not a date: ") + kForms;
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        problem = "there is no such day in the calendar";
        return std::nullopt;
    }
    const long long midnight = sys_seconds{sys_days{date}}.time_since_epoch().count();
    if (at == text.size()) return TimeArgument{midnight, true};

    if (text[at] != 'T' && text[at] != 't') {
        problem = std::string("unexpected text after the date: ") + kForms;
        return std::nullopt;
    }
    ++at;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!read_digits(text, at, 2, hour) || !read_char(text, at, ':') || !read_digits(text, at, 2, minute)) {
        problem = std::string("the time is not HH:MM or HH:MM:SS: ") + kForms;
        return std::nullopt;
    }
    if (at < text.size() && text[at] == ':' && !(++at, read_digits(text, at, 2, second))) {
        problem = std::string("the time is not HH:MM or HH:MM:SS: ") + kForms;
        return std::nullopt;
    }
    // 24:00 and leap seconds are valid ISO 8601 but not Unix time; say "next day 00:00".
    if (hour > 23 || minute > 59 || second > 59) {
        problem = "there is no such time of day (hours 00-23, minutes and seconds 00-59)";
        return std::nullopt;
    }
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
        problem = "give whole seconds: feedback is kept to the second";
        return std::nullopt;
    }
    if (at == text.size()) {
        problem = "the time has no zone: add Z for UTC or the venue's offset, such as +05:00";
        return std::nullopt;
    }
    const std::optional<int> offset_minutes = read_zone(text, at);
    if (!offset_minutes || at != text.size()) {
        problem = "the zone is not Z or an offset such as +05:00 (hours up to 23)";
        return std::nullopt;
    }
    const long long local = midnight + hour * 3600LL + minute * 60LL + second;
    return TimeArgument{local - *offset_minutes * 60LL, false};
}

}  // namespace amanat
