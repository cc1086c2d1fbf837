// A film's subtitles (film.kk.vtt or .srt, as a translator hands them in) through
// the kiosk's parser (core/exhibition/subtitles), read both as WebVTT and as SubRip, and the
// cue shown looked up as a film plays.
#include <cstddef>
#include <cstdint>

#include "core/exhibition/subtitles.hpp"
#include "fuzz_support.hpp"

using namespace amanat;

namespace {

void check(const SubtitleTrack& track) {
    fuzzing::expect(!track.cues.empty() || !track.problems.empty(), "a file without cues gets no problem");
    for (const Cue& cue : track.cues) {
        fuzzing::expect(cue.start_ms >= 0 && cue.end_ms > cue.start_ms,
                        "a cue is kept that ends before it starts");
        fuzzing::expect(!cue.text.empty(), "a cue is kept without text");
        // The player asks, frame after frame, what to show at its position.
        const Cue* shown = track.at(cue.start_ms);
        fuzzing::expect(shown != nullptr && shown->start_ms <= cue.start_ms && cue.start_ms < shown->end_ms,
                        "a cue is not shown at its own start");
    }
    for (const SubtitleTrack::Problem& problem : track.problems) {
        fuzzing::expect(problem.line >= 1, "a subtitle problem is reported on no line");
        fuzzing::expect(!problem.message.empty(), "a subtitle problem is reported without a message");
    }
    track.at(-1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (const SubtitleFormat format : {SubtitleFormat::WebVtt, SubtitleFormat::SubRip})
        check(parse_subtitles(fuzzing::text_of(data, size), format));
    return 0;
}
