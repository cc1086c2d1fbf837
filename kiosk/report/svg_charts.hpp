#pragma once

// The report's charts, drawn as plain inline SVG: a chart here is a handful of
// rectangles, and a charting library would add a JavaScript toolchain and some
// 200 KB of script to every copy of the report. Each function returns one <svg>
// element whose viewBox is in CSS pixels; the page's styles let it shrink to the
// column (print) and give it the page's fonts. Texts passed in are plain text:
// they are escaped here.
//
// No meaning is carried by colour alone, so the report reads in black and white:
// shades run from light to dark in one hue and the number is printed beside or on
// them, intervals are whiskers, greyed (too few ratings) bars are also dashed, and
// quiet spells are hatched.

#include <array>
#include <string>
#include <vector>

#include "report/report_locale.hpp"
#include "report/tour_figures.hpp"

namespace amanat::report {

// A fill for a share or count 0..1 of the largest: from near white to a mid blue,
// never so dark that black text on it is hard to read (cells print their number).
std::string shade(double fraction);

// One horizontal bar `fraction` (0..1) of `width` long, e.g. a venue's visits.
std::string bar_svg(double fraction, int width, int height);

// A share as a bar with its 95 % interval as a whisker, on a 0..100 % scale
// with faint quarter lines. Greyed and dashed when `judged` is false.
std::string share_svg(const Share& share, bool judged, int width, int height);

// The 0..100 % scale drawn above a column of share_svg bars of the same width.
std::string share_scale_svg(const ReportLocale& locale, int width);

// One numbered hatched band over a run of days in a day chart.
struct DayBand {
    std::size_t first = 0;  // indices into the days
    std::size_t last = 0;
    int number = 1;  // printed in the band; the figure's note says what it is
};

// Visits per day as bars, with the largest day's count, the first and last day,
// and quiet spells hatched over their days.
std::string day_chart_svg(const ReportLocale& locale, const std::vector<DayCount>& days,
                          const std::vector<DayBand>& quiet, const std::string& pattern_id);

// Visits by weekday (rows, Monday first) and local hour (columns, from
// `first_hour` to `last_hour`: the hours any venue had visits, so the venues'
// maps line up): each cell shaded by its count and, when not zero, with the
// count printed in it.
std::string heat_map_svg(const ReportLocale& locale, const std::array<std::array<long long, 24>, 7>& visits,
                         const std::array<std::string, 7>& weekdays, int first_hour, int last_hour);

}  // namespace amanat::report
