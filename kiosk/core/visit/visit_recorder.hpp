#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/files/random_identifier.hpp"
#include "core/visit/clock.hpp"
#include "core/visit/feedback_rows.hpp"
#include "core/visit/visitor_session.hpp"

namespace amanat {

using FeedbackRow = std::variant<Reaction, EngagementEvent, SurveyAnswer>;

// How far what plays has got (the narration or film the session asks for), as
// the media player reports it. Zero length: not known yet.
struct PlaybackProgress {
    Millis position = 0;
    Millis length = 0;
    bool ended = false;
};

// Turns a visit into anonymous feedback rows: the visitor's reactions and survey
// answers, and engagement events (the kinds are listed in core/visit/feedback_rows.hpp).
// It watches the session rather than the screens, so every way of getting
// somewhere (a button, a swipe, an idle reset) is recorded the same way.
//
// Times: `at` is whole Unix seconds; durations (dwell, visit length) are
// measured on the monotonic clock. A visit that ends because nobody touched the
// screen ends at the last touch (or the end of what was playing), not when the
// countdown ran out, so that walking away does not count as looking.
//
// Render thread only. `write` is called on the render thread, once per row, in
// the order the rows happened; it must not block (the store queues).
class VisitRecorder {
  public:
    VisitRecorder(const Bundle& bundle, std::function<void(FeedbackRow)> write,
                  std::function<std::string()> new_session_id);

    // Called once per frame, after the visitor's actions (and any idle reset)
    // were applied: records what changed since the last call. `last_touch` is
    // when the visitor last touched the screen or something last played.
    void observe(const VisitorSession& session, const PlaybackProgress& playing, Millis now,
                 Millis last_touch, long long unix_now);

    // The current visit's id, or empty on the attract screen.
    const std::string& session_id() const { return m_session_id; }

  private:
    struct Playing {
        std::string kind;     // "narration" or "film"; empty when nothing plays
        std::string subject;  // the artifact id, or "artifact/video"
        Millis reached = 0;   // the furthest position heard or seen
        Millis length = 0;
    };

    void start_visit(const VisitorSession& session, Millis now, long long unix_now);
    void end_visit(VisitEnd why, Millis end, long long unix_now);
    void follow_artifact(const VisitorSession& session, Millis now, long long unix_now);
    void follow_playback(const VisitorSession& session, const PlaybackProgress& progress, long long unix_now);
    void follow_survey(const VisitorSession& session, long long unix_now);
    void close_view(Millis end, long long unix_now);
    void close_playback(long long unix_now);
    void event(std::string kind, std::string subject, long long value, long long unix_now);

    const Bundle& m_bundle;
    std::function<void(FeedbackRow)> m_write;
    std::function<std::string()> m_new_session_id;

    std::uint64_t m_visitor = 0;
    std::string m_session_id;  // empty until the visitor leaves the attract screen
    long long m_sequence = 0;
    Millis m_started = 0;
    std::string m_language;  // empty until chosen
    TextSize m_text_size = TextSize::Normal;
    bool m_high_contrast = false;
    bool m_speech_mode = false;
    std::optional<std::size_t> m_viewing;  // the artifact on screen
    Millis m_view_started = 0;
    Playing m_playing;
    std::map<std::size_t, int> m_reactions;                          // as recorded
    std::vector<std::optional<std::vector<std::size_t>>> m_answers;  // as recorded, per question
    Screen m_screen = Screen::Attract;
    bool m_invitation_showing = false;  // as of the last call
};

}  // namespace amanat
