#pragma once

// Every number the organisers' report shows, computed once from the kiosks'
// feedback files (report/tour_tally) and then either drawn as a page
// (report/report_page) or written as JSON (report/tour_figures_json): the page
// and `--json` can never disagree. Plain values, no formatting: numbers are
// formatted in the reader's language only when the page is written.
//
// Words: a *visit* is one visitor's time at a kiosk (session_start to
// session_end); a *rating* is a face tapped for an artifact (1..5); a
// *positive* rating is 4 or 5. Dates are venue-local "YYYY-MM-DD".

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace amanat::report {

// Cells with fewer ratings than this are shown greyed and never ranked: the
// 95 % interval of a share from under 10 ratings spans most of 0..100 %.
constexpr long long kRatingsToJudge = 10;

// A share with its 95 % Wilson score interval (report/tour_statistics).
struct Share {
    long long hits = 0;
    long long of = 0;
    double value = 0;  // hits / of, 0 when of == 0
    double low = 0;    // the interval, 0..1
    double high = 0;
};

// What visitors did with one artifact, in one venue, one visitor language, or
// everywhere.
struct ArtifactCell {
    long long ratings = 0;
    double mean_rating = 0;  // 1..5; 0 without ratings
    std::array<long long, 5> by_rating{};  // how many 1s, 2s... 5s
    Share positive;                         // 4-5 ratings among the ratings
    bool judged = false;                    // ratings >= kRatingsToJudge
    long long views = 0;                    // times its page was opened
    long long median_look_ms = 0;           // median time its page stayed open
    long long narrations = 0;               // narrations started
    double narration_heard = 0;             // mean share of the narration heard, 0..1
    long long films = 0;                    // films started
    double film_watched = 0;                // mean share of the film watched, 0..1
};

struct ArtifactFigures {
    std::string id;
    std::string title;          // in the report's language from the bundle; the id without one
    std::string picture;        // "data:image/jpeg;base64,..." thumbnail, or empty
    bool in_bundle = false;     // false: listed by id (not in the bundle given)
    ArtifactCell everywhere;
    double score = 0;           // the ranking score: positive.low (the Wilson lower bound)
    int rank = 0;               // 1 = moved visitors most; 0 = not ranked (too few ratings)
    std::vector<ArtifactCell> by_venue;     // parallel to TourFigures::venues
    std::vector<ArtifactCell> by_language;  // parallel to TourFigures::languages
};

struct KioskFigures {
    std::string id;
    std::string first_day;  // first and last day with a visit
    std::string last_day;
    long long visits = 0;
};

// Several opening days in a row without a visit at one kiosk: it was off, or broken.
struct QuietSpell {
    std::string kiosk_id;
    std::string first_day;  // the first and last quiet opening day
    std::string last_day;
    int opening_days = 0;
};

struct DayCount {
    std::string day;
    long long visits = 0;
};

struct NameCount {
    std::string name;
    long long count = 0;
};

struct VenueFigures {
    std::string name;
    std::vector<KioskFigures> kiosks;
    std::string first_day;
    std::string last_day;
    long long visits = 0;
    long long ratings = 0;
    std::optional<long long> attendance;        // visitors on the days of --attendance that fall in the venue's dates
    std::optional<double> visits_per_thousand;  // visits on those days per 1,000 visitors
    long long median_visit_ms = 0;              // from visits that ended (session_end)
    Share went_past_first_screen;               // visits that opened an artifact or the survey
    std::vector<NameCount> languages;           // visits per language used (each language a visit used), most first
    std::vector<NameCount> versions;            // visits per exhibition version shown, most first
    std::vector<int> utc_offsets_minutes;       // as the kiosks recorded them
    std::vector<DayCount> visits_per_day;       // every day from first_day to last_day, zeros included
    std::array<std::array<long long, 24>, 7> visits_by_weekday_hour{};  // [0 = Monday][local hour]
    std::vector<int> opening_weekdays;          // 0 = Monday: weekdays with visits in at least half its weeks
    std::vector<QuietSpell> quiet_spells;
};

struct AnswerFigures {
    std::string id;     // the option's id, or "1".."5" for a rating question
    std::string label;  // in the report's language from the bundle; the id without one
    Share share;        // visits that chose it among the visits that answered the question
    std::vector<Share> by_venue;  // parallel to TourFigures::venues
};

struct QuestionFigures {
    std::string id;
    std::string text;  // in the report's language from the bundle; the id without one
    long long visits_answered = 0;
    std::vector<long long> visits_answered_by_venue;  // parallel to TourFigures::venues
    std::vector<AnswerFigures> answers;             // the bundle's order, then by id
};

struct TourFigures {
    // What was read.
    std::vector<std::string> files;
    std::string since;  // as given (--since/--until), or empty
    std::string until;
    std::string report_language;  // BCP 47
    std::string bundle_id;        // from --bundle, empty without
    std::string bundle_title;
    std::string bundle_version;
    bool attendance_given = false;
    std::vector<std::string> notes;  // plain sentences: ids not in the bundle, no bundle given...

    // The tour at a glance.
    long long visits = 0;
    long long ratings = 0;
    long long survey_answers = 0;
    std::string first_day;
    std::string last_day;
    std::vector<VenueFigures> venues;  // first visit first
    std::vector<NameCount> languages;  // visitor languages, by visits that used each, most first

    // Ranked artifacts first (rank 1..), then the unranked by ratings.
    std::vector<ArtifactFigures> artifacts;
    std::vector<QuestionFigures> questions;
};

}  // namespace amanat::report
