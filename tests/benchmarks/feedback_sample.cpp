// feedback-sample FILE [EVENTS]: writes a generated feedback database with EVENTS
// engagement events (default 1,000,000) and the reactions and survey answers of
// the same visits, so that `amanat feedback` can be timed on a season's worth of
// data, e.g.
//   feedback-sample /tmp/season.sqlite && time amanat feedback export /tmp/season.sqlite > /dev/null
// Built with amanat-bench; not a test.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "feedback_generator.hpp"

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "Usage: feedback-sample FILE [EVENTS]\n");
        return 2;
    }
    amanat::testing::FeedbackSampleSpec spec;
    if (argc == 3) {
        char* end = nullptr;
        spec.engagement_events = std::strtoll(argv[2], &end, 10);
        if (end == argv[2] || *end != '\0' || spec.engagement_events < 0) {
            std::fprintf(stderr, "feedback-sample: EVENTS must be a whole number, not %s\n", argv[2]);
            return 2;
        }
    }
    amanat::testing::FeedbackSampleCounts counts;
    std::string error;
    if (!amanat::testing::write_sample_feedback(argv[1], spec, counts, error)) {
        std::fprintf(stderr, "feedback-sample: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s: %lld visits, %lld engagement events, %lld reactions, %lld survey answers\n", argv[1],
                counts.sessions, counts.engagement, counts.reactions, counts.survey_answers);
    return 0;
}
