#include "core/settings/screen_care.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace amanat {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

std::optional<int> clock_minute(std::string_view text) {
    // H:MM or HH:MM, 00:00 .. 24:00
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3)
        return std::nullopt;
    int hours = 0;
    int minutes = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == colon) continue;
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
        int& part = i < colon ? hours : minutes;
        part = part * 10 + (text[i] - '0');
    }
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
    return hours * 60 + minutes;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<OpeningHours> parse_opening_hours(std::string_view text, std::string& error) {
    const std::size_t dash = text.find('-');
    const auto open =
        dash == std::string_view::npos ? std::nullopt : clock_minute(trimmed(text.substr(0, dash)));
    const auto close =
        dash == std::string_view::npos ? std::nullopt : clock_minute(trimmed(text.substr(dash + 1)));
    if (!open || !close) {
        error = "opening hours are written like \"10:00-18:00\" (24-hour clock)";
        return std::nullopt;
    }
    if (*close <= *open) {
        error = "closing time must come after opening time on the same day";
        return std::nullopt;
    }
    OpeningHours hours;
    hours.open_minute = *open;
    hours.close_minute = *close;
    return hours;
}

int weekday_of(std::string_view name) {
    static const char* const kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};
    std::string lower;
    for (const char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int day = 0; day < 7; ++day) {
        const std::string_view full = kDays[day];
        if (lower == full || lower == full.substr(0, 3)) return day;
    }
    return -1;
}

bool screen_awake(const OpeningHours& hours, LocalMoment moment) {
    // A wake-up before a midnight opening belongs to the day before; opening hours
    // start at 00:00 at the earliest, so the wake-up can reach into yesterday.
    const int wake = hours.open_minute - hours.wake_before_minutes;
    const auto open_on = [&hours](int weekday) { return !hours.closed[((weekday % 7) + 7) % 7]; };
    if (open_on(moment.weekday) && moment.minute_of_day >= std::max(wake, 0) &&
        moment.minute_of_day < hours.close_minute)
        return true;
    // Woken late yesterday for today's early opening.
    return wake < 0 && open_on(moment.weekday + 1) && moment.minute_of_day >= kMinutesPerDay + wake;
}

int minutes_until_change(const OpeningHours& hours, LocalMoment moment) {
    const bool now = screen_awake(hours, moment);
    LocalMoment next = moment;
    for (int minutes = 1; minutes <= 7 * kMinutesPerDay + 1; ++minutes) {
        if (++next.minute_of_day == kMinutesPerDay) {
            next.minute_of_day = 0;
            next.weekday = (next.weekday + 1) % 7;
        }
        if (screen_awake(hours, next) != now) return minutes;
    }
    return 7 * kMinutesPerDay;  // every day closed (or open): look again in a week
}

PixelShift burn_in_shift(std::int64_t unix_seconds, int radius) {
    constexpr double kTau = 6.283185307179586;
    const double t = static_cast<double>(unix_seconds);
    return {static_cast<int>(std::lround(radius * std::sin(kTau * t / (47.0 * 60)))),
            static_cast<int>(std::lround(radius * std::sin(kTau * t / (71.0 * 60))))};
}

}  // namespace amanat
