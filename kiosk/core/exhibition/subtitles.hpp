#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// One subtitle: shown from start_ms to end_ms. Text lines are joined with '\n';
// WebVTT/SRT markup such as <i> is removed.
struct Cue {
    long long start_ms = 0;
    long long end_ms = 0;
    std::string text;
};

struct SubtitleTrack {
    std::vector<Cue> cues;  // in file order
    // Problems, each with the 1-based line it was found on and how to fix it, for validation.
    struct Problem {
        int line;
        std::string message;
        std::string fix;
    };
    std::vector<Problem> problems;

    // The cue to show at `ms`, or nullptr.
    const Cue* at(long long ms) const;
};

enum class SubtitleFormat { WebVtt, SubRip };

// Parses WebVTT or SubRip text. Never fails: unreadable cues become problems.
SubtitleTrack parse_subtitles(std::string_view text, SubtitleFormat format);

}  // namespace amanat
