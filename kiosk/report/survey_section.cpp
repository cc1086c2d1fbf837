// "What visitors said": each survey question's answers, everywhere and at each
// venue, as shares of the visits that answered it, with their intervals.
#include "report/html_text.hpp"
#include "report/report_sections.hpp"
#include "report/svg_charts.hpp"

namespace amanat::report {
namespace {

constexpr int kBarWidth = 96;

std::string answer_cell(const ReportLocale& say, const Share& share, long long answered) {
    if (answered == 0) return "<td class=\"answer none\">\u2013</td>";
    return "<td class=\"answer\"><div class=\"answer-cell\">" + share_svg(share, true, kBarWidth, 16) +
           "<span class=\"value\">" + html_text(say.percent(share.value)) + "</span></div></td>";
}

std::string question_table(const ReportPage& page, const QuestionFigures& question) {
    const TourFigures& f = page.figures();
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    std::string out = "<table class=\"answers\"><thead><tr><th></th><th scope=\"col\">" +
                      // TRANSLATORS: Organisers' report: survey table column: all venues together.
                      html_text(p.trc("organisers' report", "All venues")) + "</th>";
    for (const VenueFigures& venue : f.venues) out += "<th scope=\"col\">" + html_text(venue.name) + "</th>";
    out += "</tr></thead><tbody>";
    for (const AnswerFigures& answer : question.answers) {
        out += "<tr><th scope=\"row\">" + html_text(answer.label) + "</th>" +
               answer_cell(say, answer.share, question.visits_answered);
        for (std::size_t v = 0; v < f.venues.size(); ++v) {
            const long long answered =
                v < question.visits_answered_by_venue.size() ? question.visits_answered_by_venue[v] : 0;
            out += answer_cell(say, v < answer.by_venue.size() ? answer.by_venue[v] : Share{}, answered);
        }
        out += "</tr>";
    }
    // TRANSLATORS: Organisers' report: survey table's last row: how many visits answered the question.
    const char* answered = p.trc("organisers' report", "Visits that answered");
    out += "<tr class=\"total\"><th scope=\"row\">" + html_text(answered) + "</th><td class=\"num\">" +
           html_text(say.number(question.visits_answered)) + "</td>";
    for (std::size_t v = 0; v < f.venues.size(); ++v) {
        const long long answered =
            v < question.visits_answered_by_venue.size() ? question.visits_answered_by_venue[v] : 0;
        out += "<td class=\"num\">" + html_text(say.number(answered)) + "</td>";
    }
    return out + "</tr></tbody></table>";
}

}  // namespace

std::string survey_section(ReportPage& page) {
    const TourFigures& f = page.figures();
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: section heading: the answers to the exhibition's survey.
    const char* heading = p.trc("organisers' report", "What visitors said");
    // TRANSLATORS: Organisers' report: shown when the files hold no survey answers.
    const char* none = p.trc("organisers' report", "No visitor answered the survey.");
    const char* lead = p.trc("organisers' report",
                             // TRANSLATORS: Organisers' report: paragraph under the heading "What visitors
                             // said". {level} is "95 %".
                             "Each answer as a share of the visits that answered the question, with its "
                             "{level} interval. A visitor who chose several answers counts once for each.");
    const char* answered = p.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: note under a survey chart. {count} is how many visits answered.
        "{count, plural, one {# visit answered this question.} other {# visits answered this question.}}");

    std::string out = "<section id=\"survey\"><h2>" + html_text(heading) + "</h2>";
    if (f.questions.empty()) return out + "<p>" + html_text(none) + "</p></section>";
    out += "<p class=\"lead\">" + html_text(say.message(lead, {{"level", say.percent(0.95)}})) + "</p>";
    for (const QuestionFigures& question : f.questions) {
        out += page.figure(question.text, question_table(page, question),
                           say.count(answered, question.visits_answered));
    }
    return out + "</section>";
}

}  // namespace amanat::report
