#include <doctest/doctest.h>

#include <climits>
#include <string>

#include "core/files/utc_time.hpp"

using amanat::parse_time_argument;

namespace {

// 2026-11-30T00:00:00Z
constexpr long long kNovember30 = 1795996800;

long long parsed(const char* text) {
    std::string problem;
    const auto argument = parse_time_argument(text, problem);
    INFO(text, ": ", problem);
    REQUIRE(argument.has_value());
    return argument->unix_seconds;
}

std::string problem_with(const char* text) {
    std::string problem;
    CHECK_FALSE(parse_time_argument(text, problem).has_value());
    return problem;
}

}  // namespace

TEST_CASE("utc time: ISO 8601 in UTC and at the venue's offset") {
    CHECK(amanat::format_utc_time(0) == "1970-01-01T00:00:00Z");
    CHECK(amanat::format_utc_time(kNovember30 + 14 * 3600 + 5 * 60 + 9) == "2026-11-30T14:05:09Z");
    CHECK(amanat::format_local_time(kNovember30 + 14 * 3600 + 5 * 60 + 9, 60) == "2026-11-30T15:05:09");
    // Almaty is UTC+5: late in the UTC evening is the next morning there; west of UTC, the day before.
    CHECK(amanat::format_local_time(kNovember30 + 22 * 3600, 300) == "2026-12-01T03:00:00");
    CHECK(amanat::format_local_time(kNovember30 + 3600, -330) == "2026-11-29T19:30:00");
    // Before 1970 the day is floored, not truncated.
    CHECK(amanat::format_utc_time(-1) == "1969-12-31T23:59:59Z");
    CHECK(amanat::format_utc_time(951782400) == "2000-02-29T00:00:00Z");
    // Beyond four-digit years (a damaged row) the text is still the right moment.
    CHECK(amanat::format_utc_time(253402300800) == "10000-01-01T00:00:00Z");
    // At the ends of long long (found by tests/fuzz) nothing overflows, and the
    // time of day is still right; a local time stops at the end.
    CHECK(amanat::format_utc_time(LLONG_MAX).ends_with("T15:30:07Z"));
    CHECK(amanat::format_utc_time(LLONG_MIN).ends_with("T08:29:52Z"));
    CHECK(amanat::format_local_time(LLONG_MAX, 60) == amanat::format_local_time(LLONG_MAX, 0));
    CHECK(amanat::format_local_time(LLONG_MIN, -60) == amanat::format_local_time(LLONG_MIN, 0));
}

TEST_CASE("utc time: a date is a whole day starting at UTC midnight") {
    std::string problem;
    const auto day = parse_time_argument("2026-11-30", problem);
    REQUIRE(day.has_value());
    CHECK(day->unix_seconds == kNovember30);
    CHECK(day->whole_day);
    CHECK(parsed("2024-02-29") == 1709164800);
    CHECK(parsed("1970-01-01") == 0);
}

TEST_CASE("utc time: times need a zone, Z or an offset") {
    std::string problem;
    const auto moment = parse_time_argument("2026-11-30T14:05:09Z", problem);
    REQUIRE(moment.has_value());
    CHECK_FALSE(moment->whole_day);
    CHECK(moment->unix_seconds == kNovember30 + 14 * 3600 + 5 * 60 + 9);
    CHECK(parsed("2026-11-30T14:05Z") == kNovember30 + 14 * 3600 + 5 * 60);
    CHECK(parsed("2026-11-30t14:05:09z") == kNovember30 + 14 * 3600 + 5 * 60 + 9);
    CHECK(parsed("2026-11-30T05:00+05:00") == kNovember30);
    CHECK(parsed("2026-11-30T05:00:00+0500") == kNovember30);
    CHECK(parsed("2026-11-30T05:00+05") == kNovember30);
    CHECK(parsed("2026-11-29T19:30-04:30") == kNovember30);
    // What the export writes reads back.
    CHECK(parsed(amanat::format_utc_time(kNovember30 + 12345).c_str()) == kNovember30 + 12345);
}

TEST_CASE("utc time: bad dates and times say what is wrong") {
    CHECK(problem_with("").find("not a date") != std::string::npos);
    CHECK(problem_with("yesterday").find("not a date") != std::string::npos);
    CHECK(problem_with("30.11.2026").find("YYYY-MM-DD") != std::string::npos);
    CHECK(problem_with("2026-11-3").find("not a date") != std::string::npos);
    CHECK(problem_with("2026-02-30").find("no such day") != std::string::npos);
    CHECK(problem_with("2025-02-29").find("no such day") != std::string::npos);
    CHECK(problem_with("2026-13-01").find("no such day") != std::string::npos);
    CHECK(problem_with("2026-00-10").find("no such day") != std::string::npos);
    CHECK(problem_with("2026-11-30 14:00Z").find("after the date") != std::string::npos);
    CHECK(problem_with("2026-11-30T14Z").find("HH:MM") != std::string::npos);
    CHECK(problem_with("2026-11-30T14:5Z").find("HH:MM") != std::string::npos);
    CHECK(problem_with("2026-11-30T24:00Z").find("no such time") != std::string::npos);
    CHECK(problem_with("2026-11-30T23:60Z").find("no such time") != std::string::npos);
    CHECK(problem_with("2026-11-30T23:59:60Z").find("no such time") != std::string::npos);
    CHECK(problem_with("2026-11-30T14:00").find("no zone") != std::string::npos);
    CHECK(problem_with("2026-11-30T14:00:00.5Z").find("whole seconds") != std::string::npos);
    CHECK(problem_with("2026-11-30T14:00+24:00").find("zone") != std::string::npos);
    CHECK(problem_with("2026-11-30T14:00+5").find("zone") != std::string::npos);
    CHECK(problem_with("2026-11-30T14:00ZZ").find("zone") != std::string::npos);
    CHECK(problem_with("2026-11-30T14:00 UTC").find("zone") != std::string::npos);
}
