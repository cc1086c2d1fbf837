// "Which artifacts moved visitors": the ranking by the lower end of each
// artifact's 95 % interval, then the same share per venue and per visitor
// language, and what visitors did on each artifact's page.
#include <algorithm>

#include "report/html_text.hpp"
#include "report/report_sections.hpp"
#include "report/svg_charts.hpp"

namespace amanat::report {
namespace {

// Rows per ranking chart: a chart never runs over a printed page, so a long
// ranking is drawn as several charts of this many artifacts.
constexpr std::size_t kArtifactsPerChart = 12;
constexpr int kBarWidth = 230;

std::string artifact_name(const ArtifactFigures& artifact) {
    std::string out = "<span class=\"title\">" + html_text(artifact.title) + "</span>";
    if (artifact.title != artifact.id) out += "<span class=\"sub\">" + html_text(artifact.id) + "</span>";
    return out;
}

std::string ranking_row(const ReportPage& page, const ArtifactFigures& artifact) {
    const ReportLocale& say = page.locale();
    const ArtifactCell& cell = artifact.everywhere;
    const bool judged = artifact.rank > 0;
    std::string row =
        std::string("<tr") + (judged ? "" : " class=\"unjudged\"") + "><td class=\"rank num\">" +
        (judged ? html_text(say.number(artifact.rank)) : "\u2013") + "</td><td class=\"thumb\">";
    if (!artifact.picture.empty())
        row += "<img src=\"" + html_text(artifact.picture) + "\" alt=\"\" width=\"40\" height=\"40\">";
    row += "</td><th scope=\"row\">" + artifact_name(artifact) + "</th><td class=\"bar-cell\">" +
           share_svg(cell.positive, judged, kBarWidth, 22) + "</td><td class=\"num strong\">" +
           html_text(say.percent(cell.positive.value)) + "</td><td class=\"num\">" +
           html_text(say.interval(cell.positive.low, cell.positive.high)) + "</td><td class=\"num\">" +
           html_text(say.number(cell.ratings)) + "</td></tr>";
    return row;
}

std::string ranking_table(const ReportPage& page, const std::vector<const ArtifactFigures*>& artifacts) {
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: ranking column, the artifact's place (1 = moved visitors most). Short.
    const char* rank = p.trc("organisers' report", "Rank");
    // TRANSLATORS: Organisers' report: ranking column, the artifact's title.
    const char* artifact = p.trc("organisers' report", "Artifact");
    // TRANSLATORS: Organisers' report: ranking column, the share of ratings that were 4 or 5 (of 5).
    const char* rated = p.trc("organisers' report", "Rated 4–5");
    // TRANSLATORS: Organisers' report: ranking column, the confidence interval of that share. {level} is "95
    // %".
    const char* interval = p.trc("organisers' report", "{level} interval");
    // TRANSLATORS: Organisers' report: ranking column, how many ratings the artifact had.
    const char* ratings = p.trc("organisers' report", "Ratings");
    std::string out =
        "<table class=\"ranking\"><colgroup><col class=\"rank\"><col class=\"thumb\"><col><col "
        "class=\"bar\"><col class=\"share\"><col class=\"interval\"><col class=\"ratings\"></colgroup>"
        "<thead><tr><th scope=\"col\" class=\"num\">" +
        html_text(rank) + "</th><th></th><th scope=\"col\">" + html_text(artifact) +
        "</th><th scope=\"col\" class=\"bar-cell\">" + share_scale_svg(page.locale(), kBarWidth) +
        "</th><th scope=\"col\" class=\"num\">" + html_text(rated) + "</th><th scope=\"col\" class=\"num\">" +
        html_text(page.locale().message(interval, {{"level", page.locale().percent(0.95)}})) +
        "</th><th scope=\"col\" class=\"num\">" + html_text(ratings) + "</th></tr></thead><tbody>";
    for (const ArtifactFigures* a : artifacts) out += ranking_row(page, *a);
    return out + "</tbody></table>";
}

std::string ranking_figures(ReportPage& page) {
    const TourFigures& f = page.figures();
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    std::vector<const ArtifactFigures*> ranked, unranked;
    for (const ArtifactFigures& artifact : f.artifacts)
        (artifact.rank > 0 ? ranked : unranked).push_back(&artifact);
    std::sort(ranked.begin(), ranked.end(), [](const auto* a, const auto* b) { return a->rank < b->rank; });

    const char* note = p.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: note under the ranking chart: what the bar and the whisker show.
        "Bar: share of ratings that were 4 or 5. Whisker: its {level} interval. Ranked "
        "by the lower end of the whisker.");
    // TRANSLATORS: Organisers' report: title of the ranking chart, or of one part of it ("ranks 13 to 24").
    const char* part_title = p.trc("organisers' report", "Artifacts ranked {first} to {last}");
    const char* unranked_title = p.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: title of the chart of artifacts with too few ratings to rank.
        "{count, plural, one {Not ranked: fewer than # rating} other {Not ranked: fewer than # ratings}}");
    const char* unranked_note =
        p.trc("organisers' report",
              // TRANSLATORS: Organisers' report: note under the chart of artifacts with too few ratings.
              "Greyed and dashed: too few ratings to say how much the artifact moved "
              "visitors; the interval shows how uncertain the share is.");

    const std::string bar_note = say.message(note, {{"level", say.percent(0.95)}});
    std::string out;
    for (std::size_t first = 0; first < ranked.size(); first += kArtifactsPerChart) {
        const std::size_t last = std::min(ranked.size(), first + kArtifactsPerChart);
        const std::vector<const ArtifactFigures*> part(ranked.begin() + static_cast<long>(first),
                                                       ranked.begin() + static_cast<long>(last));
        const std::string title = say.message(part_title, {{"first", static_cast<long long>(first + 1)},
                                                           {"last", static_cast<long long>(last)}});
        out += page.figure(title, ranking_table(page, part), bar_note, "chart ranking-figure");
    }
    if (!unranked.empty()) {
        out += page.figure(say.count(unranked_title, kRatingsToJudge), ranking_table(page, unranked),
                           unranked_note, "chart ranking-figure");
    }
    return out;
}

// Artifacts (rows) against venues or visitor languages (columns).
std::string cross_table(ReportPage& page, std::string_view title, const std::vector<std::string>& columns,
                        std::vector<ArtifactCell> ArtifactFigures::*cells) {
    const Phrasebook& p = page.phrases();
    std::vector<Column> headings = {{p.trc("organisers' report", "Artifact"), false}};
    for (const std::string& column : columns) headings.push_back({column, true});
    std::string out =
        "<table class=\"data cross\">" + page.table_caption(title) + header_row(headings) + "<tbody>";
    for (const ArtifactFigures& artifact : page.figures().artifacts) {
        out += "<tr><th scope=\"row\">" + artifact_name(artifact) + "</th>";
        const std::vector<ArtifactCell>& row = artifact.*cells;
        for (std::size_t i = 0; i < columns.size(); ++i)
            out += i < row.size() ? page.share_cell(row[i]) : "<td class=\"share none\">\u2013</td>";
        out += "</tr>";
    }
    return out + "</tbody></table>";
}

std::string cross_legend(const ReportPage& page) {
    const Phrasebook& p = page.phrases();
    const char* cells = p.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: legend under the tables of artifacts by venue and by language.
        "Each cell: the share of ratings that were 4 or 5, and how many ratings there "
        "were (n). The darker, the higher the share.");
    const char* greyed =
        p.trc("organisers' report",
              // TRANSLATORS: Organisers' report: legend under the same tables: cells with too few ratings.
              "{count, plural, one {In grey italics: fewer than # rating, too few to "
              "judge.} other {In grey italics: fewer than # ratings, too few to judge.}}");
    return "<p class=\"legend\">" + html_text(cells) + " <span class=\"unjudged-sample\">" +
           html_text(page.locale().count(greyed, kRatingsToJudge)) + "</span></p>";
}

std::string percent_in_brackets(const ReportLocale& say, long long started, double share) {
    if (started == 0) return "";
    return " <span class=\"sub-inline\">(" + html_text(say.percent(share)) + ")</span>";
}

std::string engagement_table(ReportPage& page) {
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: title of the table of what visitors did on each artifact's page.
    const char* title = p.trc("organisers' report", "Time with each artifact");
    // TRANSLATORS: Organisers' report: table column, how many times the artifact's page was opened.
    const char* opened = p.trc("organisers' report", "Page opened");
    // TRANSLATORS: Organisers' report: table column, the median time the artifact's page stayed open.
    const char* median = p.trc("organisers' report", "Median time on the page");
    // TRANSLATORS: Organisers' report: table column, narrations (audio) started, and the mean share heard.
    const char* narrations = p.trc("organisers' report", "Narrations started (share heard)");
    // TRANSLATORS: Organisers' report: table column, films started, and the mean share watched.
    const char* films = p.trc("organisers' report", "Films started (share watched)");
    std::string out = "<table class=\"data\">" + page.table_caption(title) +
                      header_row({{p.trc("organisers' report", "Artifact"), false},
                                  {opened, true},
                                  {median, true},
                                  {narrations, true},
                                  {films, true}}) +
                      "<tbody>";
    for (const ArtifactFigures& artifact : page.figures().artifacts) {
        const ArtifactCell& c = artifact.everywhere;
        out += "<tr><th scope=\"row\">" + artifact_name(artifact) + "</th><td class=\"num\">" +
               html_text(say.number(c.views)) + "</td><td class=\"num\">" +
               html_text(c.views > 0 ? say.duration(c.median_look_ms) : "\u2013") +
               "</td><td class=\"num\">" + html_text(say.number(c.narrations)) +
               percent_in_brackets(say, c.narrations, c.narration_heard) + "</td><td class=\"num\">" +
               html_text(say.number(c.films)) + percent_in_brackets(say, c.films, c.film_watched) +
               "</td></tr>";
    }
    return out + "</tbody></table>";
}

}  // namespace

std::string artifact_sections(ReportPage& page) {
    const TourFigures& f = page.figures();
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: section heading: the ranking of the artifacts by visitors' ratings.
    const char* heading = p.trc("organisers' report", "Which artifacts moved visitors");
    const char* how = p.trc("organisers' report",
                            // TRANSLATORS: Organisers' report: the paragraph under that heading. {level} is
                            // "95 %" written the language's way.
                            "Visitors rate an artifact by tapping one of five faces. An artifact is ranked "
                            "by the share of 4 and 5 ratings it had, taken at the lower end of its {level} "
                            "interval, so that a handful of enthusiastic ratings cannot put it on top.");
    const char* few = p.trc("organisers' report",
                            // TRANSLATORS: Organisers' report: the sentence after that paragraph.
                            "{count, plural, one {Artifacts with fewer than # rating are not ranked.} other "
                            "{Artifacts with fewer than # ratings are not ranked.}}");
    // TRANSLATORS: Organisers' report: shown instead of the ranking when no artifact was rated or opened.
    const char* none = p.trc("organisers' report", "No artifact was opened or rated.");
    // TRANSLATORS: Organisers' report: title of the table of each artifact's ratings at each venue.
    const char* by_venue = p.trc("organisers' report", "Rated 4–5, by venue");
    const char* origin = p.trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: paragraph before the table of ratings by the visitor's language.
        "The kiosk knows nothing of where a visitor comes from: the language they chose is the only "
        "origin it records. A rating counts for the language the visit had when the face was tapped.");
    // TRANSLATORS: Organisers' report: title of the table of each artifact's ratings in each visitor
    // language.
    const char* by_language = p.trc("organisers' report", "Rated 4–5, by visitor language");

    std::string out = "<section id=\"artifacts\"><h2>" + html_text(heading) + "</h2><p class=\"lead\">" +
                      html_text(say.message(how, {{"level", say.percent(0.95)}})) + " " +
                      html_text(say.count(few, kRatingsToJudge)) + "</p>";
    if (f.artifacts.empty()) return out + "<p>" + html_text(none) + "</p></section>";
    out += ranking_figures(page);

    std::vector<std::string> venues, languages;
    for (const VenueFigures& venue : f.venues) venues.push_back(venue.name);
    for (const NameCount& language : f.languages) languages.push_back(page.language_name(language.name));
    out += cross_table(page, by_venue, venues, &ArtifactFigures::by_venue);
    out += cross_legend(page);
    out += "<p class=\"lead\">" + html_text(origin) + "</p>";
    out += cross_table(page, by_language, languages, &ArtifactFigures::by_language);
    out += cross_legend(page);
    out += engagement_table(page);
    return out + "</section>";
}

}  // namespace amanat::report
