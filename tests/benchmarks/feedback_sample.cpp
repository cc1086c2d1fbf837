// feedback-sample FILE [EVENTS]: writes a generated feedback database with EVENTS
// engagement events (default 1,000,000) and the reactions and survey answers of
// the same visits, so that `amanat feedback` can be timed on a season's worth of
// data, e.g.
//   feedback-sample /tmp/season.sqlite && time amanat feedback export /tmp/season.sqlite > /dev/null
// feedback-sample --tour DIR [EVENTS]: writes the touring exhibition (9 venues, 3
// kiosks each, one file per kiosk; EVENTS in all, default 10,000,000) into the
// empty or new folder DIR, for `amanat feedback report` (tests/benchmarks/tour-report).
// Built with amanat-bench; not a test.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "feedback_generator.hpp"

namespace {

bool parse_events(const char* text, long long& events) {
    char* end = nullptr;
    events = std::strtoll(text, &end, 10);
    if (end == text || *end != '\0' || events < 0) {
        std::fprintf(stderr, "feedback-sample: EVENTS must be a whole number, not %s\n", text);
        return false;
    }
    return true;
}

int write_season(const char* file, const char* events) {
    amanat::testing::FeedbackSampleSpec spec;
    if (events != nullptr && !parse_events(events, spec.engagement_events)) return 2;
    amanat::testing::FeedbackSampleCounts counts;
    std::string error;
    if (!amanat::testing::write_sample_feedback(file, spec, counts, error)) {
        std::fprintf(stderr, "feedback-sample: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s: %lld visits, %lld engagement events, %lld reactions, %lld survey answers\n", file,
                counts.sessions, counts.engagement, counts.reactions, counts.survey_answers);
    return 0;
}

void print_counts(const char* what, const amanat::testing::FeedbackSampleCounts& counts) {
    std::printf("%s: %lld visits, %lld engagement events, %lld reactions, %lld survey answers\n", what,
                counts.sessions, counts.engagement, counts.reactions, counts.survey_answers);
}

int write_tour(const char* folder, const char* events) {
    amanat::testing::FeedbackTourSpec spec;
    if (events != nullptr && !parse_events(events, spec.engagement_events)) return 2;
    amanat::testing::FeedbackTourCounts counts;
    std::string error;
    if (!amanat::testing::write_sample_tour(folder, spec, counts, error)) {
        std::fprintf(stderr, "feedback-sample: %s\n", error.c_str());
        return 1;
    }
    for (const auto& file : counts.files) {
        std::printf("%s (%s, %s to %s)\n  ", file.file.c_str(), file.venue.c_str(), file.first_day.c_str(),
                    file.last_day.c_str());
        print_counts("", file.counts);
    }
    print_counts("total", counts.total);
    if (!counts.quiet_file.empty())
        std::printf("quiet spell: %s, no visits from %s to %s\n", counts.quiet_file.c_str(),
                    counts.quiet_first_day.c_str(), counts.quiet_last_day.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const bool tour = argc >= 2 && std::strcmp(argv[1], "--tour") == 0;
    const int first = tour ? 2 : 1;
    if (argc != first + 1 && argc != first + 2) {
        std::fprintf(stderr,
                     "Usage: feedback-sample FILE [EVENTS]\n       feedback-sample --tour DIR [EVENTS]\n");
        return 2;
    }
    const char* events = argc == first + 2 ? argv[first + 1] : nullptr;
    return tour ? write_tour(argv[first], events) : write_season(argv[first], events);
}
