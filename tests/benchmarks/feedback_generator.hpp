#pragma once

// Generated feedback databases of any size, for the feedback benchmarks and for
// timing `amanat feedback` by hand (feedback-sample). Shaped like a season at a
// few venues: visits of ~17 events each (start, language, artifact views with
// narrations and films, the survey, the end), reactions to some artifacts and
// survey answers, at opening hours in each venue's local time.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace amanat::testing {

struct FeedbackSampleSpec {
    long long engagement_events = 1'000'000;  // exactly this many rows in `engagement`
    int days = 60;
    int artifacts = 12;
    int kiosks = 6;                            // spread over three venues with different UTC offsets
    long long first_day_unix = 1'767'225'600;  // 2026-01-01T00:00:00Z
    std::uint32_t seed = 20261130;
};

// What write_sample_feedback() wrote.
struct FeedbackSampleCounts {
    long long sessions = 0;
    long long engagement = 0;
    long long reactions = 0;
    long long survey_answers = 0;
};

// Creates `file` at the latest schema (through FeedbackStore, so the schema is
// the kiosk's own) and fills it in one transaction. False with `error` set on
// failure; an existing file is refused rather than added to.
bool write_sample_feedback(const std::filesystem::path& file, const FeedbackSampleSpec& spec,
                           FeedbackSampleCounts& counts, std::string& error);

// ---------------------------------------------------------------- the tour
//
// The touring exhibition "Continuity of Traditions" (the sample bundle
// content/continuity-of-traditions, version TOUR_BUNDLE_VERSION) at up to nine
// venues in turn, one season each, the next opening the day after the last one
// closed. Each kiosk hands in its own file, `<venue-slug>-kiosk-N.sqlite`, with
// its own random-looking kiosk id, as the organisers of `amanat feedback report`
// would collect them. The venues, in the tour's order (name as in the rows,
// slug, UTC offset, closed on):
//   1 Museum Oost-West, Amsterdam              amsterdam  +1, +2 in summer   Mondays
//   2 National Folk Heritage Museum, Seoul     seoul      +9                 Mondays
//   3 Musée des Arts Nomades, Paris            paris      +1, +2 in summer   Tuesdays
//   4 Museum der Weltkulturen, Wien            vienna     +1, +2 in summer   Mondays
//   5 Museo delle Culture del Mondo, Napoli    naples     +1, +2 in summer   Tuesdays
//   6 Galerie světových kultur, Praha          prague     +1, +2 in summer   Mondays
//   7 Етнографска галерија, Београд            belgrade   +1, +2 in summer   Mondays
//   8 Győrffy István Nagykun Múzeum, Karcag    karcag     +1, +2 in summer   Mondays
//   9 Bozkır Kültürleri Müzesi, İstanbul       istanbul   +3                 Mondays
// (EU summer time: from the last Sunday of March to the last Sunday of October.)
// Visits start within each venue's opening hours, local time, busier at weekends
// and in the afternoon; visitors' languages are each city's (Seoul mostly ko,
// Amsterdam nl and en, Istanbul tr...) and everywhere some kk, ru and en.
// Visits are shaped like the kiosk's VisitRecorder writes them: start, language,
// sometimes text size or contrast, artifact views (narration and film shares
// closed with the view, ratings during it), sometimes a change of language
// between two views (later reactions and answers are in the new language), the
// survey (offered, opened, the bundle's questions and options, finished, or left
// half way), the end (finished, or idle: the row 90 s after the last touch).
//
// Planted truths, which tests and the report's checks may rely on (the means
// measured on the default tour; tests/store/feedback_tour_test.cpp checks them
// on the small one: 3 venues x 2 kiosks, 20,000 events):
// - TOUR_SEOUL_FAVOURITE (saukele) is rated mostly 5 (mean 4.9) by visitors
//   whose screen is in ko at Seoul, and average elsewhere (3.71 to 3.77 at every
//   other venue); among ko ratings in Seoul it has by far the most ratings (200 in the
//   small tour) and the highest mean, at least 0.25 above any other artifact.
// - TOUR_BEST_OVERALL (kobyz) has the highest mean over the tour (4.52; 4.47
//   in the small tour, 0.25 above the next with 20 ratings or more).
// - TOUR_THREE_FIVES (bilezik) has exactly three ratings in the whole tour, all
//   5, one at the first kiosk of each of the first three venues (Amsterdam,
//   Seoul, Paris), and is viewed (never rated otherwise) everywhere: a mean of 5
//   from three ratings, never to be ranked first.
// - TOUR_RETIRED (retired-artifact, not in the bundle) is viewed and rated at the
//   first venue (Amsterdam) only; mean 2.24.
// - The other artifacts each have an appeal of their own; means over the default
//   tour: dombra 4.16, shanyrak 4.05, saukele 4.01 (lifted by Seoul), tuskiiz
//   3.91, syrmak 3.58, tumar 3.39, shapan 3.20, tekemet 3.01, torsyk 2.82,
//   saddle 2.61 (100,000 to 200,000 ratings each).
// - About 8% of visits change language between two artifact views (a second
//   `language` event, value 1), and about 4% right after their first choice;
//   reactions and answers after a change are in the new language. A visitor's
//   taste is their own: a Korean-speaking visitor at Seoul who switched to en
//   still loves saukele, in en.
// - Quiet spell: when spec.quiet_spell and the tour has Seoul with at least two
//   kiosks, seoul-kiosk-2 records nothing on TOUR_QUIET_SPELL_OPENING_DAYS
//   consecutive opening days from Seoul's 20th opening day (2026-04-04 to
//   2026-04-12 with the default first day; the dates are in FeedbackTourCounts),
//   while the other Seoul kiosks carry on.
// - Every visit starts on an opening day of its venue's season within opening
//   hours (not in the last 15 minutes), local time; a visit may end up to 90 s
//   after closing (the idle timeout). Visits at one kiosk may overlap: 10 million
//   events are more than 27 real kiosks could record in 540 days.
// - The last visit of a file may be cut short to make the events exact (no
//   `session_end` if only its start fitted), as if the kiosk was switched off.
inline constexpr const char* TOUR_BUNDLE_ID = "continuity-of-traditions";
inline constexpr const char* TOUR_BUNDLE_VERSION = "2026.11.1";
inline constexpr const char* TOUR_SEOUL_VENUE = "National Folk Heritage Museum, Seoul";
inline constexpr const char* TOUR_SEOUL_FAVOURITE = "saukele";
inline constexpr const char* TOUR_SEOUL_FAVOURITE_LANGUAGE = "ko";
inline constexpr const char* TOUR_BEST_OVERALL = "kobyz";
inline constexpr const char* TOUR_THREE_FIVES = "bilezik";
inline constexpr const char* TOUR_RETIRED = "retired-artifact";
inline constexpr int TOUR_QUIET_SPELL_OPENING_DAYS = 8;

struct FeedbackTourSpec {
    long long engagement_events = 10'000'000;  // exactly this many rows in `engagement`, over all files
    int venues = 9;                            // the tour's first this many venues (1 to 9)
    int kiosks_per_venue = 3;
    int season_days = 60;                      // each venue's, counting closed days
    long long first_day_unix = 1'768'176'000;  // 2026-01-12T00:00:00Z: the first venue's first day
    bool quiet_spell = true;                   // seoul-kiosk-2 off for a while (see above)
    std::uint32_t seed = 20261212;
};

// One kiosk's file, as written.
struct FeedbackTourFile {
    std::filesystem::path file;  // <folder>/<venue-slug>-kiosk-N.sqlite
    std::string venue;           // the rows' `venue`
    std::string kiosk_id;        // the rows' `kiosk_id`
    std::string first_day;       // the venue's season, local dates (YYYY-MM-DD), closed days included
    std::string last_day;
    FeedbackSampleCounts counts;
};

// What write_sample_tour() wrote: its files in the tour's order (venue by
// venue, kiosk 1 first), their sum, and where the quiet spell is.
struct FeedbackTourCounts {
    std::vector<FeedbackTourFile> files;
    FeedbackSampleCounts total;
    std::string quiet_file;       // the file name (no folder), empty when there is no quiet spell
    std::string quiet_first_day;  // local dates, both opening days, both without a visit at that kiosk
    std::string quiet_last_day;
};

// Writes the tour into `folder` (made if missing; refused unless empty), one
// transaction per file, files one after another. Deterministic from spec.seed.
// False with `error` set on failure.
bool write_sample_tour(const std::filesystem::path& folder, const FeedbackTourSpec& spec,
                       FeedbackTourCounts& counts, std::string& error);

}  // namespace amanat::testing
