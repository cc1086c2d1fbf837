#include "report/tour_figures_json.hpp"

#include <vector>

#include "core/files/json_record.hpp"

namespace amanat::report {

namespace {

template <typename Item, typename Write>
std::string array_of(const std::vector<Item>& items, Write write) {
    std::vector<std::string> elements;
    for (const Item& item : items) elements.push_back(write(item));
    return json_array(elements);
}

std::string strings_json(const std::vector<std::string>& texts) {
    return array_of(texts, [](const std::string& text) { return json_quoted(text); });
}

std::string share_json(const Share& share) {
    JsonRecord record;
    return std::string(record.number("hits", share.hits)
                           .number("of", share.of)
                           .number("value", share.value)
                           .number("low", share.low)
                           .number("high", share.high)
                           .finish());
}

std::string cell_json(const ArtifactCell& cell) {
    std::vector<std::string> by_rating;
    for (long long count : cell.by_rating) by_rating.push_back(std::to_string(count));
    JsonRecord record;
    return std::string(record.number("ratings", cell.ratings)
                           .number("mean_rating", cell.mean_rating)
                           .raw("by_rating", json_array(by_rating))
                           .raw("positive", share_json(cell.positive))
                           .raw("judged", cell.judged ? "true" : "false")
                           .number("views", cell.views)
                           .number("median_look_ms", cell.median_look_ms)
                           .number("narrations", cell.narrations)
                           .number("narration_heard", cell.narration_heard)
                           .number("films", cell.films)
                           .number("film_watched", cell.film_watched)
                           .finish());
}

std::string artifact_json(const ArtifactFigures& artifact) {
    JsonRecord record;
    return std::string(record.text("id", artifact.id)
                           .text("title", artifact.title)
                           .raw("has_picture", artifact.picture.empty() ? "false" : "true")
                           .raw("in_bundle", artifact.in_bundle ? "true" : "false")
                           .number("score", artifact.score)
                           .number("rank", static_cast<long long>(artifact.rank))
                           .raw("everywhere", cell_json(artifact.everywhere))
                           .raw("by_venue", array_of(artifact.by_venue, cell_json))
                           .raw("by_language", array_of(artifact.by_language, cell_json))
                           .finish());
}

std::string name_counts_json(const std::vector<NameCount>& counts) {
    return array_of(counts, [](const NameCount& count) {
        JsonRecord record;
        return std::string(record.text("name", count.name).number("count", count.count).finish());
    });
}

std::string heat_map_json(const std::array<std::array<long long, 24>, 7>& heat) {
    std::vector<std::string> days;
    for (const auto& hours : heat) {
        std::vector<std::string> counts;
        for (long long count : hours) counts.push_back(std::to_string(count));
        days.push_back(json_array(counts));
    }
    return json_array(days);
}

std::string venue_json(const VenueFigures& venue) {
    JsonRecord record;
    record.text("name", venue.name)
        .raw("kiosks", array_of(venue.kiosks,
                                [](const KioskFigures& kiosk) {
                                    JsonRecord k;
                                    return std::string(k.text("id", kiosk.id)
                                                           .text("first_day", kiosk.first_day)
                                                           .text("last_day", kiosk.last_day)
                                                           .number("visits", kiosk.visits)
                                                           .finish());
                                }))
        .text("first_day", venue.first_day)
        .text("last_day", venue.last_day)
        .number("visits", venue.visits)
        .number("ratings", venue.ratings)
        .raw("attendance", venue.attendance ? std::to_string(*venue.attendance) : "null");
    if (venue.visits_per_thousand)
        record.number("visits_per_thousand", *venue.visits_per_thousand);
    else
        record.raw("visits_per_thousand", "null");
    record.number("median_visit_ms", venue.median_visit_ms)
        .raw("went_past_first_screen", share_json(venue.went_past_first_screen))
        .raw("languages", name_counts_json(venue.languages))
        .raw("versions", name_counts_json(venue.versions))
        .raw("utc_offsets_minutes",
             array_of(venue.utc_offsets_minutes, [](int m) { return std::to_string(m); }))
        .raw("visits_per_day",
             array_of(venue.visits_per_day,
                      [](const DayCount& day) {
                          JsonRecord d;
                          return std::string(d.text("day", day.day).number("visits", day.visits).finish());
                      }))
        .raw("visits_by_weekday_hour", heat_map_json(venue.visits_by_weekday_hour))
        .raw("opening_weekdays", array_of(venue.opening_weekdays, [](int w) { return std::to_string(w); }))
        .raw("quiet_spells", array_of(venue.quiet_spells, [](const QuietSpell& spell) {
                 JsonRecord q;
                 return std::string(q.text("kiosk_id", spell.kiosk_id)
                                        .text("first_day", spell.first_day)
                                        .text("last_day", spell.last_day)
                                        .number("opening_days", static_cast<long long>(spell.opening_days))
                                        .finish());
             }));
    return std::string(record.finish());
}

std::string question_json(const QuestionFigures& question) {
    JsonRecord record;
    return std::string(
        record.text("id", question.id)
            .text("text", question.text)
            .number("visits_answered", question.visits_answered)
            .raw("visits_answered_by_venue",
                 array_of(question.visits_answered_by_venue, [](long long n) { return std::to_string(n); }))
            .raw("answers", array_of(question.answers,
                                     [](const AnswerFigures& answer) {
                                         JsonRecord a;
                                         return std::string(
                                             a.text("id", answer.id)
                                                 .text("label", answer.label)
                                                 .raw("share", share_json(answer.share))
                                                 .raw("by_venue", array_of(answer.by_venue, share_json))
                                                 .finish());
                                     }))
            .finish());
}

}  // namespace

std::string tour_figures_json(const TourFigures& figures) {
    JsonRecord record;
    record.raw("files", strings_json(figures.files))
        .text("since", figures.since)
        .text("until", figures.until)
        .text("report_language", figures.report_language)
        .text("bundle_id", figures.bundle_id)
        .text("bundle_title", figures.bundle_title)
        .text("bundle_version", figures.bundle_version)
        .raw("attendance_given", figures.attendance_given ? "true" : "false")
        .raw("notes", strings_json(figures.notes))
        .number("ratings_to_judge", kRatingsToJudge)
        .number("visits", figures.visits)
        .number("ratings", figures.ratings)
        .number("survey_answers", figures.survey_answers)
        .text("first_day", figures.first_day)
        .text("last_day", figures.last_day)
        .raw("venues", array_of(figures.venues, venue_json))
        .raw("languages", name_counts_json(figures.languages))
        .raw("artifacts", array_of(figures.artifacts, artifact_json))
        .raw("questions", array_of(figures.questions, question_json));
    return std::string(record.finish()) + "\n";
}

}  // namespace amanat::report
