// "The tour at a glance": the key numbers, visits per venue, and what each venue
// recorded.
#include <algorithm>

#include "report/html_text.hpp"
#include "report/report_sections.hpp"
#include "report/svg_charts.hpp"

namespace amanat::report {
namespace {

std::string key_number(std::string_view value, std::string_view label) {
    return "<div class=\"key\"><span class=\"key-value\">" + html_text(value) +
           "</span><span class=\"key-label\">" + html_text(label) + "</span></div>";
}

std::string key_numbers(const ReportPage& page) {
    const TourFigures& f = page.figures();
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: label under the total number of visits (a big number above it).
    const char* visits = p.trc("organisers' report", "visits");
    // TRANSLATORS: Organisers' report: label under the number of venues the exhibition toured.
    const char* venues = p.trc("organisers' report", "venues");
    // TRANSLATORS: Organisers' report: label under the number of artifact ratings (faces tapped).
    const char* ratings = p.trc("organisers' report", "ratings of artifacts");
    // TRANSLATORS: Organisers' report: label under the number of survey answers.
    const char* answers = p.trc("organisers' report", "survey answers");
    // TRANSLATORS: Organisers' report: label under the number of languages visitors chose.
    const char* languages = p.trc("organisers' report", "visitor languages");
    return "<div class=\"keys\">" + key_number(say.number(f.visits), visits) +
           key_number(say.number(static_cast<long long>(f.venues.size())), venues) +
           key_number(say.number(f.ratings), ratings) + key_number(say.number(f.survey_answers), answers) +
           key_number(say.number(static_cast<long long>(f.languages.size())), languages) + "</div>";
}

std::string visits_figure(ReportPage& page) {
    const TourFigures& f = page.figures();
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    long long most = 1;
    for (const VenueFigures& venue : f.venues) most = std::max(most, venue.visits);
    std::string rows = "<table class=\"bars\"><tbody>";
    for (const VenueFigures& venue : f.venues) {
        rows += "<tr><th scope=\"row\">" + html_text(venue.name) + "</th><td class=\"bar-cell\">" +
                bar_svg(static_cast<double>(venue.visits) / static_cast<double>(most), 420, 18) +
                "</td><td class=\"num\">" + html_text(say.number(venue.visits)) + "</td></tr>";
    }
    rows += "</tbody></table>";
    // TRANSLATORS: Organisers' report: note under the chart of visits per venue. {visits} is a number.
    const char* note = p.trc("organisers' report", "{visits} visits in all.");
    // TRANSLATORS: Organisers' report: title of the chart of visits per venue.
    const char* title = p.trc("organisers' report", "Visits per venue");
    return page.figure(title, rows, say.message(note, {{"visits", say.number(f.visits)}}));
}

std::string names(const ReportPage& page, const std::vector<NameCount>& counts, bool languages) {
    std::string out;
    for (const NameCount& entry : counts) {
        out += "<span class=\"name-count\">" +
               html_text(languages ? page.language_name(entry.name) : entry.name) + " <span class=\"n\">" +
               html_text(page.locale().number(entry.count)) + "</span></span> ";
    }
    return out;
}

std::string venue_row(const ReportPage& page, const VenueFigures& venue) {
    const ReportLocale& say = page.locale();
    std::string kiosk_ids;
    for (const KioskFigures& kiosk : venue.kiosks)
        kiosk_ids += (kiosk_ids.empty() ? "" : ", ") + kiosk_label(kiosk.id);
    std::string row = "<tr><th scope=\"row\">" + html_text(venue.name) + "</th><td class=\"num\">" +
                      html_text(say.number(static_cast<long long>(venue.kiosks.size()))) +
                      "<span class=\"sub\">" + html_text(kiosk_ids) + "</span></td><td>" +
                      html_text(say.period(venue.first_day, venue.last_day)) + "</td><td class=\"num\">" +
                      html_text(say.number(venue.visits)) + "</td>";
    if (page.figures().attendance_given) {
        row += "<td class=\"num\">" +
               html_text(venue.visits_per_thousand ? say.decimal(*venue.visits_per_thousand, 1) : "\u2013") +
               "</td>";
    }
    row += "<td class=\"num\">" +
           html_text(venue.median_visit_ms > 0 ? say.duration(venue.median_visit_ms) : "\u2013") +
           "</td><td class=\"num\">" + html_text(say.percent(venue.went_past_first_screen.value)) +
           "</td></tr>";
    return row;
}

std::string venue_table(ReportPage& page) {
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: title of the table of each venue's kiosks, dates and visits.
    const char* title = p.trc("organisers' report", "The venues");
    // TRANSLATORS: Organisers' report: table column, the museum or hall the exhibition visited.
    const char* venue = p.trc("organisers' report", "Venue");
    // TRANSLATORS: Organisers' report: table column, the number of kiosks at a venue.
    const char* kiosks = p.trc("organisers' report", "Kiosks");
    // TRANSLATORS: Organisers' report: table column, first and last day with a visit.
    const char* dates = p.trc("organisers' report", "Dates active");
    // TRANSLATORS: Organisers' report: table column, the number of visits (one visitor's time at a kiosk).
    const char* visits = p.trc("organisers' report", "Visits");
    // TRANSLATORS: Organisers' report: table column, visits at the kiosks per 1,000 people who came.
    const char* per_thousand = p.trc("organisers' report", "Visits per 1,000 visitors");
    // TRANSLATORS: Organisers' report: table column, the median length of a visit at the kiosk.
    const char* median = p.trc("organisers' report", "Median visit");
    // TRANSLATORS: Organisers' report: table column, share of visits that opened an artifact or the survey.
    const char* past_first = p.trc("organisers' report", "Went past the first screen");

    std::vector<Column> columns = {{venue, false}, {kiosks, true}, {dates, false}, {visits, true}};
    if (page.figures().attendance_given) columns.push_back({per_thousand, true});
    columns.push_back({median, true});
    columns.push_back({past_first, true});
    std::string out = "<table class=\"data\">" + page.table_caption(title) + header_row(columns) + "<tbody>";
    for (const VenueFigures& v : page.figures().venues) out += venue_row(page, v);
    return out + "</tbody></table>";
}

std::string usage_table(ReportPage& page) {
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: title of the table of the languages and exhibition versions per venue.
    const char* title = p.trc("organisers' report", "Languages and exhibition versions");
    // TRANSLATORS: Organisers' report: table column, the languages visitors used, each with its visits.
    const char* languages = p.trc("organisers' report", "Languages used (visits)");
    // TRANSLATORS: Organisers' report: table column, the versions of the exhibition's content shown, with
    // visits.
    const char* versions = p.trc("organisers' report", "Exhibition versions (visits)");
    std::string out =
        "<table class=\"data usage\">" + page.table_caption(title) +
        header_row({{p.trc("organisers' report", "Venue"), false}, {languages, false}, {versions, false}}) +
        "<tbody>";
    for (const VenueFigures& venue : page.figures().venues) {
        out += "<tr><th scope=\"row\">" + html_text(venue.name) + "</th><td>" +
               names(page, venue.languages, true) + "</td><td>" + names(page, venue.versions, false) +
               "</td></tr>";
    }
    return out + "</tbody></table>";
}

}  // namespace

std::string glance_section(ReportPage& page) {
    // TRANSLATORS: Organisers' report: section heading: the main numbers of each venue.
    const char* heading = page.phrases().trc("organisers' report", "The tour at a glance");
    std::string out = "<section id=\"glance\"><h2>" + html_text(heading) + "</h2>";
    out += key_numbers(page);
    out += visits_figure(page);
    out += venue_table(page);
    out += usage_table(page);
    return out + "</section>";
}

}  // namespace amanat::report
