#pragma once

// Folding groups of feedback rows into a FeedbackSummary: the one place that
// decides how counts become the summary's lists and how those are sorted, fed
// either by SQL over one file (FeedbackArchive::summarise) or by a pass over
// several files' deduplicated rows (summarise_files), so both give exactly the
// same summary for the same rows. Private to kiosk/store.
//
// Text is given as it is in the file (raw bytes) and handed over as valid UTF-8;
// groups are those of the raw bytes, as SQL's GROUP BY makes them.
//
// Thread contract: one SummaryTally is used from one thread at a time.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/feedback_archive.hpp"

namespace amanat::store {

class SummaryTally {
  public:
    // A row's time, in any table (for the earliest and latest).
    void time(long long at);
    // Distinct visits (session ids with a session start).
    void visitors(long long count);
    // Distinct visits that started in a local hour (counted from the epoch) at a venue's kiosk.
    void visits_in_hour(long long hour, std::string_view venue, std::string_view kiosk, long long visits);
    // In the order of the list: most visits first, then by subject's bytes.
    void language(std::string_view subject, long long visits);
    void session_end(std::string_view reason, long long visits);
    // Reactions of one rating, at one venue's kiosk, to one artifact.
    void reactions(std::string_view venue, std::string_view kiosk, std::string_view artifact,
                   long long rating, long long count);
    // Artifact views sorted by artifact (bytes), then dwell.
    void view(std::string_view artifact, long long dwell_ms);
    // In the order of the list: question first answered first, then most chosen, then answer's bytes.
    void survey(std::string_view question, std::string_view answer, long long chosen);
    void answers_at(std::string_view venue, std::string_view kiosk, long long count);

    FeedbackSummary finish();

  private:
    struct Venue {
        std::vector<std::string> kiosks;
        long long visitors = 0;
        long long reactions = 0;
        long long rating_sum = 0;
        long long survey_answers = 0;
    };
    Venue& venue(std::string_view venue, std::string_view kiosk);
    void close_artifact();

    FeedbackSummary m_summary;
    std::map<std::string, long long> m_per_day;
    std::map<std::string, long long> m_per_hour;
    std::map<std::string, Venue> m_venues;
    std::map<std::string, FeedbackSummary::ArtifactReactions> m_artifacts;
    std::vector<long long> m_dwell;  // the current artifact's views
    std::string m_run_id;            // its id as stored
};

}  // namespace amanat::store
