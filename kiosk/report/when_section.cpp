// "When": visits per day at each venue, quiet spells (a kiosk off or broken),
// and the hours and weekdays visitors came, in the venue's local time.
#include <algorithm>

#include "report/html_text.hpp"
#include "report/report_sections.hpp"
#include "report/svg_charts.hpp"

namespace amanat::report {
namespace {

std::array<std::string, 7> weekday_names(const Phrasebook& p) {
    return {
        // TRANSLATORS: Organisers' report: row of the hours-and-weekdays chart: Monday, abbreviated (2-3
        // letters).
        p.trc("organisers' report", "Mon"),
        // TRANSLATORS: Organisers' report: Tuesday, abbreviated (2-3 letters).
        p.trc("organisers' report", "Tue"),
        // TRANSLATORS: Organisers' report: Wednesday, abbreviated (2-3 letters).
        p.trc("organisers' report", "Wed"),
        // TRANSLATORS: Organisers' report: Thursday, abbreviated (2-3 letters).
        p.trc("organisers' report", "Thu"),
        // TRANSLATORS: Organisers' report: Friday, abbreviated (2-3 letters).
        p.trc("organisers' report", "Fri"),
        // TRANSLATORS: Organisers' report: Saturday, abbreviated (2-3 letters).
        p.trc("organisers' report", "Sat"),
        // TRANSLATORS: Organisers' report: Sunday, abbreviated (2-3 letters).
        p.trc("organisers' report", "Sun"),
    };
}

// Where a day falls among the venue's days ("YYYY-MM-DD" sorts as dates do).
std::size_t day_index(const std::vector<DayCount>& days, const std::string& day) {
    const auto at =
        std::lower_bound(days.begin(), days.end(), day,
                         [](const DayCount& d, const std::string& value) { return d.day < value; });
    return static_cast<std::size_t>(at - days.begin());
}

std::string quiet_note(const ReportPage& page, const VenueFigures& venue) {
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    const char* none =
        p.trc("organisers' report",
              // TRANSLATORS: Organisers' report: note under a visits-per-day chart without quiet spells.
              "No quiet spells: every kiosk had visits on its opening days.");
    const char* hatched =
        p.trc("organisers' report",
              // TRANSLATORS: Organisers' report: note under a venue's visits-per-day chart, before its list
              // of quiet spells.
              "Hatched: quiet spells, opening days in a row without a visit at a kiosk (off, or broken).");
    const char* spell_text = p.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: one quiet spell: its number on the chart, the kiosk, the dates,
        // and how many opening days.
        "({number}) kiosk {kiosk}, {dates}: {days, plural, one {# opening day} other {# opening days}}.");
    if (venue.quiet_spells.empty()) return none;
    std::string note = hatched;
    int number = 0;
    for (const QuietSpell& spell : venue.quiet_spells) {
        // Appended in two steps: GCC 12 at -O3 reports a false -Wrestrict on " " + std::string.
        note += ' ';
        note += say.message(spell_text, {{"number", ++number},
                                         {"kiosk", kiosk_label(spell.kiosk_id)},
                                         {"dates", say.period(spell.first_day, spell.last_day)},
                                         {"days", spell.opening_days}});
    }
    return note;
}

std::string utc_offsets(const VenueFigures& venue) {
    std::string out;
    for (const int minutes : venue.utc_offsets_minutes) {
        const int magnitude = minutes < 0 ? -minutes : minutes;
        std::string offset =
            std::string("UTC") + (minutes < 0 ? "\u2212" : "+") + std::to_string(magnitude / 60);
        if (magnitude % 60 != 0) {
            offset += ':';
            offset += static_cast<char>('0' + magnitude % 60 / 10);
            offset += static_cast<char>('0' + magnitude % 10);
        }
        out += (out.empty() ? "" : ", ") + offset;
    }
    return out;
}

// The hours with a visit at any venue, so that every venue's map shows the same
// hours (and a quiet morning at one venue shows as such).
std::pair<int, int> hours_with_visits(const std::vector<VenueFigures>& venues) {
    int first = 23, last = 0;
    for (const VenueFigures& venue : venues) {
        for (const auto& row : venue.visits_by_weekday_hour) {
            for (int hour = 0; hour < 24; ++hour) {
                if (row[static_cast<std::size_t>(hour)] == 0) continue;
                first = std::min(first, hour);
                last = std::max(last, hour);
            }
        }
    }
    if (first > last) return {0, 23};
    return {first, last};
}

std::string venue_figures(ReportPage& page, const VenueFigures& venue, std::size_t index) {
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: title of a venue's chart of visits on each day. {venue} is its name.
    const char* per_day = p.trc("organisers' report", "{venue}: visits per day");
    // TRANSLATORS: Organisers' report: title of a venue's chart of visits by weekday and hour. {venue} is its
    // name.
    const char* hours_title = p.trc("organisers' report", "{venue}: hours and weekdays");
    const char* hours_note = p.trc("organisers' report",
                                   // TRANSLATORS: Organisers' report: note under a venue's hours-and-weekdays
                                   // chart. {offsets} is like "UTC+1, UTC+2".
                                   "Visits by the hour they started, in the venue's local time ({offsets}). "
                                   "The darker, the more visits; the number is printed in the cell.");

    std::vector<DayBand> bands;
    int number = 0;
    for (const QuietSpell& spell : venue.quiet_spells) {
        const std::size_t first = day_index(venue.visits_per_day, spell.first_day);
        const std::size_t last = day_index(venue.visits_per_day, spell.last_day);
        bands.push_back({first, std::max(first, last), ++number});
    }
    std::string out =
        page.figure(say.message(per_day, {{"venue", venue.name}}),
                    day_chart_svg(say, venue.visits_per_day, bands, "quiet-" + std::to_string(index)),
                    quiet_note(page, venue));
    const std::string offsets = utc_offsets(venue);
    const auto hours = hours_with_visits(page.figures().venues);
    out += page.figure(
        say.message(hours_title, {{"venue", venue.name}}),
        heat_map_svg(say, venue.visits_by_weekday_hour, weekday_names(p), hours.first, hours.second),
        say.message(hours_note, {{"offsets", offsets.empty() ? "?" : offsets}}));
    return out;
}

}  // namespace

std::string when_section(ReportPage& page) {
    // TRANSLATORS: Organisers' report: section heading: on which days and at which hours visitors came.
    const char* heading = page.phrases().trc("organisers' report", "When visitors came");
    std::string out = "<section id=\"when\"><h2>" + html_text(heading) + "</h2>";
    const auto& venues = page.figures().venues;
    for (std::size_t i = 0; i < venues.size(); ++i) {
        out += "<div class=\"venue-when\"><h3>" + html_text(venues[i].name) + "</h3>" +
               venue_figures(page, venues[i], i) + "</div>";
    }
    return out + "</section>";
}

}  // namespace amanat::report
