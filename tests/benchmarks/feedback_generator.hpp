#pragma once

// Generated feedback databases of any size, for the feedback benchmarks and for
// timing `amanat feedback` by hand (feedback-sample). Shaped like a season at a
// few venues: visits of ~17 events each (start, language, artifact views with
// narrations and films, the survey, the end), reactions to some artifacts and
// survey answers, at opening hours in each venue's local time.

#include <cstdint>
#include <filesystem>
#include <string>

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

}  // namespace amanat::testing
