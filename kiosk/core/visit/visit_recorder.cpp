#include "core/visit/visit_recorder.hpp"

#include <algorithm>

namespace amanat {

VisitRecorder::VisitRecorder(const Bundle& bundle, std::function<void(FeedbackRow)> write,
                             std::function<std::string()> new_session_id)
    : m_bundle(bundle), m_write(std::move(write)), m_new_session_id(std::move(new_session_id)) {}

void VisitRecorder::observe(const VisitorSession& session, const PlaybackProgress& playing, Millis now,
                            Millis last_touch, long long unix_now) {
    if (session.visitor() != m_visitor) {
        // The session was reset since the last frame: the visit before it ended.
        if (!m_session_id.empty()) {
            const VisitEnd why = session.last_end();
            end_visit(why, why == VisitEnd::Idle ? std::min(now, last_touch) : now, unix_now);
        }
        m_visitor = session.visitor();
    }
    if (m_session_id.empty()) {
        if (session.screen() == Screen::Attract) return;
        start_visit(session, now, unix_now);
    }

    // The language counts once the visitor has chosen it (left the language screen).
    if (session.screen() != Screen::LanguageChoice && session.language() != m_language) {
        event("language", session.language(), m_language.empty() ? 0 : 1, unix_now);
        m_language = session.language();
    }
    if (session.text_size() != m_text_size) {
        m_text_size = session.text_size();
        event("text_size", m_text_size == TextSize::Large ? "large" : "normal", 0, unix_now);
    }
    if (session.high_contrast() != m_high_contrast) {
        m_high_contrast = session.high_contrast();
        event("contrast", m_high_contrast ? "high" : "normal", 0, unix_now);
    }
    if (session.speech_mode() != m_speech_mode) {
        m_speech_mode = session.speech_mode();
        if (m_speech_mode) event("speech_mode", "keypad", 0, unix_now);
    }
    follow_playback(session, playing, unix_now);
    follow_artifact(session, now, unix_now);

    for (const auto& [index, rating] : session.reactions()) {
        auto& recorded = m_reactions[index];
        if (recorded == rating || index >= m_bundle.artifacts.size()) continue;
        recorded = rating;
        m_write(Reaction{m_session_id, m_bundle.artifacts[index].id, rating, session.language(), unix_now});
    }
    follow_survey(session, unix_now);
    m_screen = session.screen();
}

void VisitRecorder::start_visit(const VisitorSession& session, Millis now, long long unix_now) {
    m_session_id = m_new_session_id();
    m_sequence = 0;
    m_started = now;
    m_language.clear();
    // What every visitor starts with is not a choice; only changes are recorded.
    m_text_size = session.text_size();
    m_high_contrast = session.high_contrast();
    m_speech_mode = false;
    m_viewing.reset();
    m_playing = Playing{};
    m_reactions.clear();
    m_answers.assign(m_bundle.exhibition.survey.size(), std::nullopt);
    m_screen = Screen::Attract;
    m_invitation_showing = false;
    event("session_start", "", 0, unix_now);
}

void VisitRecorder::end_visit(VisitEnd why, Millis end, long long unix_now) {
    close_playback(unix_now);
    close_view(end, unix_now);
    event("session_end", why == VisitEnd::Idle ? "idle" : "finished", std::max<Millis>(0, end - m_started),
          unix_now);
    m_session_id.clear();
}

void VisitRecorder::follow_artifact(const VisitorSession& session, Millis now, long long unix_now) {
    std::optional<std::size_t> viewing;
    if (session.screen() == Screen::Artifact && session.artifact() < m_bundle.artifacts.size())
        viewing = session.artifact();
    if (viewing == m_viewing) return;
    close_view(now, unix_now);
    m_viewing = viewing;
    m_view_started = now;
}

void VisitRecorder::close_view(Millis end, long long unix_now) {
    if (!m_viewing) return;
    event("artifact_view", m_bundle.artifacts[*m_viewing].id, std::max<Millis>(0, end - m_view_started),
          unix_now);
    m_viewing.reset();
}

void VisitRecorder::follow_playback(const VisitorSession& session, const PlaybackProgress& progress,
                                    long long unix_now) {
    Playing now;
    if (session.screen() == Screen::Artifact && session.artifact() < m_bundle.artifacts.size()) {
        const Artifact& artifact = m_bundle.artifacts[session.artifact()];
        if (const auto film = session.film(); film && *film < artifact.videos.size()) {
            now.kind = "film";
            now.subject = artifact.id + "/" + artifact.videos[*film].id;
        } else if (session.narration()) {
            now.kind = "narration";
            now.subject = artifact.id;
        }
    }
    if (now.kind != m_playing.kind || now.subject != m_playing.subject) {
        close_playback(unix_now);
        m_playing = std::move(now);
    }
    if (m_playing.kind.empty()) return;
    if (progress.length > 0) m_playing.length = progress.length;
    m_playing.reached = std::max(m_playing.reached, progress.ended ? m_playing.length : progress.position);
}

void VisitRecorder::close_playback(long long unix_now) {
    if (m_playing.kind.empty()) return;
    const long long share =
        m_playing.length > 0 ? std::clamp<long long>(m_playing.reached * 100 / m_playing.length, 0, 100) : 0;
    event(m_playing.kind, m_playing.subject, share, unix_now);
    m_playing = Playing{};
}

void VisitRecorder::follow_survey(const VisitorSession& session, long long unix_now) {
    if (session.survey_invited() && !m_invitation_showing) event("survey", "offered", 0, unix_now);
    const Screen screen = session.screen();
    if (screen == Screen::Survey && m_screen != Screen::Survey && m_screen != Screen::SurveyThanks) {
        // Opened from the idle countdown's invitation (showing until this frame's
        // action took it up), or from the gallery.
        event("survey", "opened", m_invitation_showing ? 1 : 0, unix_now);
    }
    m_invitation_showing = session.survey_invited();
    const auto& questions = m_bundle.exhibition.survey;
    const std::size_t done = std::min(session.questions_done(), questions.size());
    for (std::size_t q = 0; q < done; ++q) {
        const std::vector<std::size_t>& chosen = session.answers(q);
        if (m_answers[q] && *m_answers[q] == chosen) continue;
        if (!m_answers[q] && chosen.empty()) {
            m_answers[q] = chosen;  // skipped, and nothing to take back
            continue;
        }
        m_answers[q] = chosen;
        SurveyAnswer answer{m_session_id, questions[q].id, {}, session.language(), unix_now};
        for (std::size_t choice : chosen) {
            answer.answers.push_back(questions[q].kind == QuestionKind::Rating
                                         ? std::to_string(choice + 1)
                                         : questions[q].options[choice].id);
        }
        m_write(std::move(answer));
    }
    if (screen == Screen::SurveyThanks && m_screen != Screen::SurveyThanks) {
        long long answered = 0;
        for (std::size_t q = 0; q < done; ++q) answered += session.answers(q).empty() ? 0 : 1;
        event("survey", "finished", answered, unix_now);
    }
}

void VisitRecorder::event(std::string kind, std::string subject, long long value, long long unix_now) {
    m_write(
        EngagementEvent{m_session_id, ++m_sequence, std::move(kind), std::move(subject), value, unix_now});
}

}  // namespace amanat
