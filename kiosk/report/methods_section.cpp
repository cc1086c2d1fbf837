// "How to read this report": what is counted and how, and what is never
// recorded, for readers who were not there when the kiosks were set up.
#include "report/html_text.hpp"
#include "report/report_sections.hpp"

namespace amanat::report {
namespace {

std::string term(std::string_view name, std::string_view explanation) {
    return "<div><dt>" + html_text(name) + "</dt><dd>" + html_text(explanation) + "</dd></div>";
}

}  // namespace

std::string methods_section(ReportPage& page) {
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: section heading: the methods, what the numbers mean.
    const char* heading = p.trc("organisers' report", "How to read this report");
    // TRANSLATORS: Organisers' report: methods, the term explained next.
    const char* visit = p.trc("organisers' report", "A visit");
    const char* visit_text = p.trc("organisers' report",
                                   // TRANSLATORS: Organisers' report: methods, what a visit is.
                                   "One visitor's time at a kiosk, from the first touch to the moment they "
                                   "finish or walk away (the kiosk starts again after a while without a "
                                   "touch). Two people using one kiosk together are one visit.");
    // TRANSLATORS: Organisers' report: methods, the term explained next.
    const char* ranking = p.trc("organisers' report", "Ratings and the ranking");
    const char* ranking_text =
        p.trc("organisers' report",
              // TRANSLATORS: Organisers' report: methods, how artifacts are ranked. {level} is "95 %" written
              // the language's way; {count} is 10.
              "A rating is a face tapped on an artifact's page, from 1 to 5; 4 and 5 count as positive. The "
              "score is the lower end of the {level} Wilson interval of the share of positive ratings: the "
              "share the artifact reaches at least, allowing for chance. A handful of ratings gives a wide "
              "interval and a low score, so it cannot top the ranking. With fewer than {count} ratings an "
              "artifact is not ranked, and its cells are greyed.");
    // TRANSLATORS: Organisers' report: methods, the term explained next.
    const char* languages = p.trc("organisers' report", "Languages");
    const char* languages_text = p.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: methods, how views, narrations, films and ratings are given a
        // language.
        "A visitor may change the language during a visit. A page opened, a narration or film started and a "
        "rating count for the language the visit had at that moment, not for the language it started in.");
    // TRANSLATORS: Organisers' report: methods, the term explained next.
    const char* intervals = p.trc("organisers' report", "Intervals");
    const char* intervals_text =
        p.trc("organisers' report",
              // TRANSLATORS: Organisers' report: methods, what the whiskers mean. {level} is "95 %" written
              // the language's way.
              "Whiskers and ranges show {level} Wilson score intervals: where the share would most likely "
              "lie after many more visits like these. The fewer the visits, the wider the range.");
    // TRANSLATORS: Organisers' report: methods, the term explained next.
    const char* never = p.trc("organisers' report", "What is never recorded");
    const char* never_text =
        p.trc("organisers' report",
              // TRANSLATORS: Organisers' report: methods, privacy. docs/PRIVACY.md is a file name: keep it as
              // it is.
              "The kiosk records no names, no faces and no pictures, has no camera, and does not follow "
              "anyone from kiosk to kiosk or from day to day. A visit is known only by a random number drawn "
              "when it starts. The privacy text in the Amanat documentation, docs/PRIVACY.md, says what is "
              "kept and for how long.");

    const std::string level = say.percent(0.95);
    return "<section id=\"methods\"><h2>" + html_text(heading) + "</h2><dl class=\"methods\">" +
           term(visit, visit_text) +
           term(ranking, say.message(ranking_text, {{"level", level}, {"count", kRatingsToJudge}})) +
           term(languages, languages_text) +
           term(intervals, say.message(intervals_text, {{"level", level}})) + term(never, never_text) +
           "</dl></section>";
}

}  // namespace amanat::report
