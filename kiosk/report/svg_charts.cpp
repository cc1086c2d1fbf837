#include "report/svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/html_text.hpp"

namespace amanat::report {
namespace {

// Coordinates with one decimal: enough for a screen or a 600 dpi printer, and
// short, which keeps a 30-artifact report small.
std::string px(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    std::string out = text;
    if (out.size() > 2 && out.ends_with(".0")) out.resize(out.size() - 2);
    return out;
}

std::string open_svg(int width, int height, const std::string& css_class) {
    return "<svg class=\"" + css_class + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
           std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
           std::to_string(height) + "\" role=\"img\">";
}

std::string rect(double x, double y, double w, double h, const std::string& attributes) {
    return "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"" + px(std::max(w, 0.0)) + "\" height=\"" +
           px(std::max(h, 0.0)) + "\" " + attributes + "/>";
}

std::string line(double x1, double y1, double x2, double y2, const std::string& attributes) {
    return "<line x1=\"" + px(x1) + "\" y1=\"" + px(y1) + "\" x2=\"" + px(x2) + "\" y2=\"" + px(y2) + "\" " +
           attributes + "/>";
}

std::string text(double x, double y, const std::string& anchor, const std::string& css_class,
                 const std::string& content) {
    return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" text-anchor=\"" + anchor + "\" class=\"" +
           css_class + "\">" + html_text(content) + "</text>";
}

double clamp01(double value) {
    return std::isfinite(value) ? std::clamp(value, 0.0, 1.0) : 0.0;
}

}  // namespace

std::string shade(double fraction) {
    // One hue, lightness 97 % -> 58 %: the order reads in grey too.
    const double t = clamp01(fraction);
    return "hsl(214 " + px(38 + 12 * t) + "% " + px(97 - 39 * t) + "%)";
}

std::string bar_svg(double fraction, int width, int height) {
    std::string svg = open_svg(width, height, "bar");
    svg += rect(0, 2, width * clamp01(fraction), height - 4, "class=\"bar-fill\"");
    return svg + "</svg>";
}

std::string share_svg(const Share& share, bool judged, int width, int height) {
    std::string svg = open_svg(width, height, judged ? "share" : "share unjudged");
    for (const double quarter : {0.25, 0.5, 0.75})
        svg += line(width * quarter, 0, width * quarter, height, "class=\"grid\"");
    const double middle = height / 2.0;
    svg += rect(0, middle - height * 0.22, width * clamp01(share.value), height * 0.44, "class=\"bar-fill\"");
    // The whisker: the 95 % interval, with end ticks.
    const double low = width * clamp01(share.low);
    const double high = width * clamp01(share.high);
    svg += line(low, middle, high, middle, "class=\"whisker\"");
    svg += line(low, middle - 5, low, middle + 5, "class=\"whisker\"");
    svg += line(high, middle - 5, high, middle + 5, "class=\"whisker\"");
    return svg + "</svg>";
}

std::string share_scale_svg(const ReportLocale& locale, int width) {
    const int height = 18;
    std::string svg = open_svg(width, height, "scale");
    for (int quarter = 0; quarter <= 4; ++quarter) {
        const double x = width * quarter / 4.0;
        const std::string anchor = quarter == 0 ? "start" : quarter == 4 ? "end" : "middle";
        svg += text(x, 11, anchor, "tick", locale.percent(quarter / 4.0));
        svg += line(x, 14, x, height, "class=\"axis\"");
    }
    return svg + "</svg>";
}

std::string day_chart_svg(const ReportLocale& locale, const std::vector<DayCount>& days,
                          const std::vector<DayBand>& quiet, const std::string& pattern_id) {
    const int width = 720, height = 150;
    const double left = 44, right = 712, top = 14, bottom = 118;
    long long most = 1;
    for (const DayCount& day : days) most = std::max(most, day.visits);
    const double step = (right - left) / static_cast<double>(std::max<std::size_t>(days.size(), 1));

    std::string svg = open_svg(width, height, "days");
    svg += "<defs><pattern id=\"" + pattern_id +
           "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">" +
           line(0, 0, 0, 6, "class=\"hatch-line\"") + "</pattern></defs>";
    svg += line(left, top, right, top, "class=\"grid\"");
    svg += text(left - 6, top + 4, "end", "tick", locale.number(most));
    svg += text(left - 6, bottom, "end", "tick", locale.number(0));
    for (const DayBand& band : quiet) {
        if (band.first >= days.size()) continue;
        const double x = left + step * static_cast<double>(band.first);
        const double w = step * static_cast<double>(std::min(band.last, days.size() - 1) - band.first + 1);
        svg += rect(x, top, w, bottom - top, "fill=\"url(#" + pattern_id + ")\" class=\"quiet\"");
        svg += text(x + w / 2, top - 3, "middle", "band-number", std::to_string(band.number));
    }
    for (std::size_t i = 0; i < days.size(); ++i) {
        const double h = (bottom - top) * static_cast<double>(days[i].visits) / static_cast<double>(most);
        svg += rect(left + step * static_cast<double>(i) + step * 0.12, bottom - h, step * 0.76, h,
                    "class=\"bar-fill\"");
    }
    svg += line(left, bottom, right, bottom, "class=\"axis\"");
    if (!days.empty()) {
        svg += text(left, bottom + 16, "start", "tick", locale.short_date(days.front().day));
        if (days.size() > 1)
            svg += text(right, bottom + 16, "end", "tick", locale.short_date(days.back().day));
    }
    return svg + "</svg>";
}

std::string heat_map_svg(const ReportLocale& locale, const std::array<std::array<long long, 24>, 7>& visits,
                         const std::array<std::string, 7>& weekdays, int first_hour, int last_hour) {
    first_hour = std::clamp(first_hour, 0, 23);
    last_hour = std::clamp(last_hour, first_hour, 23);
    const int hours = last_hour - first_hour + 1;
    const double left = 52, top = 18, cell_h = 22;
    const double cell_w = std::min(48.0, 664.0 / hours);
    const int width = static_cast<int>(left + hours * cell_w + 2),
              height = static_cast<int>(top + 7 * cell_h + 2);
    long long most = 1;
    for (const auto& row : visits)
        for (const long long count : row) most = std::max(most, count);

    std::string svg = open_svg(width, height, "heat");
    const int label_every = cell_w >= 24 ? 1 : 3;
    for (int hour = first_hour; hour <= last_hour; ++hour) {
        if ((hour - first_hour) % label_every != 0) continue;
        // The hour's start, as a 24-hour clock reads everywhere the tour goes.
        // Two digits by hand: GCC 12 at -O3 reports a false -Wrestrict on "0" + std::to_string(...).
        std::string clock(1, static_cast<char>('0' + hour / 10));
        clock += static_cast<char>('0' + hour % 10);
        clock += ":00";
        svg += text(left + (hour - first_hour) * cell_w, 12, "middle", "tick", clock);
    }
    for (int day = 0; day < 7; ++day) {
        const double y = top + day * cell_h;
        svg += text(left - 8, y + cell_h / 2 + 4, "end", "tick", weekdays[static_cast<std::size_t>(day)]);
        for (int hour = first_hour; hour <= last_hour; ++hour) {
            const long long count = visits[static_cast<std::size_t>(day)][static_cast<std::size_t>(hour)];
            const double fraction = static_cast<double>(count) / static_cast<double>(most);
            const double x = left + (hour - first_hour) * cell_w;
            svg += rect(x, y, cell_w, cell_h,
                        "fill=\"" + (count > 0 ? shade(0.12 + 0.88 * fraction) : std::string("#fff")) +
                            "\" class=\"cell\"");
            if (count > 0)
                svg +=
                    text(x + cell_w / 2, y + cell_h / 2 + 3.5, "middle", "cell-count", locale.number(count));
        }
    }
    return svg + "</svg>";
}

}  // namespace amanat::report
