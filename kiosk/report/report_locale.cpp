#include "report/report_locale.hpp"

#include <cmath>

namespace amanat::report {

bool unix_day(std::string_view day, std::int64_t& unix_seconds) {
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
    int digits[8] = {};
    int at = 0;
    for (std::size_t i = 0; i < day.size(); ++i) {
        if (i == 4 || i == 7) continue;
        if (day[i] < '0' || day[i] > '9') return false;
        digits[at++] = day[i] - '0';
    }
    const int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    const unsigned month = static_cast<unsigned>(digits[4] * 10 + digits[5]);
    const unsigned mday = static_cast<unsigned>(digits[6] * 10 + digits[7]);
    if (month < 1 || month > 12 || mday < 1 || mday > 31) return false;
    // Days from the civil date (Howard Hinnant's algorithm, proleptic Gregorian).
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + mday - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days =
        static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
    unix_seconds = days * 86400;
    return true;
}

std::string ReportLocale::message(std::string_view pattern,
                                  const std::vector<NamedArgument>& arguments) const {
    return format_message(language(), pattern, arguments, m_dropped);
}

std::string ReportLocale::count(std::string_view pattern, long long n) const {
    return message(pattern, {{"count", n}});
}

std::string ReportLocale::number(long long n) const {
    return format_number(language(), n);
}

std::string ReportLocale::decimal(double value, int digits) const {
    const double scale = std::pow(10.0, digits);
    return format_number(language(), std::round(value * scale) / scale);
}

std::string ReportLocale::percent(double share) const {
    return message("{share, number, percent}", {{"share", share}});
}

std::string ReportLocale::interval(double low, double high) const {
    // Both ends carry the sign: "38 %–61 %" reads unambiguously in every language.
    return percent(low) + "\u2013" + percent(high);
}

std::string ReportLocale::format_day(std::string_view day, DateStyle style) const {
    std::int64_t seconds = 0;
    if (!unix_day(day, seconds)) return std::string(day);
    return format_date(language(), seconds, style, "UTC");
}

std::string ReportLocale::date(std::string_view day) const {
    return format_day(day, DateStyle::Long);
}

std::string ReportLocale::short_date(std::string_view day) const {
    return format_day(day, DateStyle::Medium);
}

std::string ReportLocale::period(std::string_view first, std::string_view last) const {
    if (first.empty() && last.empty()) return "";
    if (first == last || last.empty()) return date(first);
    if (first.empty()) return date(last);
    return date(first) + " \u2013 " + date(last);
}

std::string ReportLocale::duration(long long milliseconds) const {
    const long long seconds = (milliseconds + 500) / 1000;
    if (seconds < 60) {
        // TRANSLATORS: Organisers' report: a length of time under a minute, e.g. "45 s". Abbreviate.
        const char* pattern = m_phrases.trc("organisers' report", "{seconds} s");
        return message(pattern, {{"seconds", seconds}});
    }
    // TRANSLATORS: Organisers' report: a length of time, e.g. "4 min 12 s" (a median visit). Abbreviate.
    const char* pattern = m_phrases.trc("organisers' report", "{minutes} min {seconds} s");
    return message(pattern, {{"minutes", seconds / 60}, {"seconds", seconds % 60}});
}

std::string ReportLocale::date_of(std::int64_t unix_seconds) const {
    return format_date(language(), unix_seconds, DateStyle::Long, "UTC");
}

}  // namespace amanat::report
