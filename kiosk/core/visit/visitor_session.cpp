#include "core/visit/visitor_session.hpp"

#include <algorithm>

namespace amanat {

VisitorSession::VisitorSession(const Bundle& bundle, std::vector<std::string> languages,
                               TextSize default_text_size)
    : m_bundle(bundle), m_languages(std::move(languages)), m_default_text_size(default_text_size) {
    reset();
    --m_visitor;  // the first visitor is visitor 1
}

void VisitorSession::reset(VisitEnd why) {
    m_last_end = why;
    m_reactions.clear();
    m_question = 0;
    m_answers.assign(m_bundle.exhibition.survey.size(), {});
    m_questions_done = 0;
    m_survey_invitation = Invitation::NotYet;
    m_screen = Screen::Attract;
    m_language = m_languages.empty() ? std::string("en") : m_languages.front();
    m_text_size = m_default_text_size;
    m_high_contrast = false;
    m_language_menu_open = false;
    m_speech_mode = false;
    m_artifact = 0;
    m_image = 0;
    leave_artifact();
    ++m_visitor;
}

void VisitorSession::invite_to_survey() {
    if (m_survey_invitation == Invitation::NotYet && !m_bundle.exhibition.survey.empty() &&
        m_screen != Screen::Attract && m_screen != Screen::Survey && m_screen != Screen::SurveyThanks) {
        m_survey_invitation = Invitation::Showing;
    }
}

int VisitorSession::reaction(std::size_t index) const {
    const auto it = m_reactions.find(index);
    return it == m_reactions.end() ? 0 : it->second;
}

const std::vector<std::size_t>& VisitorSession::answers(std::size_t index) const {
    static const std::vector<std::size_t> none;
    return index < m_answers.size() ? m_answers[index] : none;
}

void VisitorSession::answer(std::size_t choice) {
    const auto& survey = m_bundle.exhibition.survey;
    if (m_screen != Screen::Survey || m_question >= survey.size()) return;
    const SurveyQuestion& question = survey[m_question];
    const std::size_t choices = question.kind == QuestionKind::Rating ? 5 : question.options.size();
    if (choice >= choices) return;
    std::vector<std::size_t>& chosen = m_answers[m_question];
    if (question.kind != QuestionKind::MultipleChoice) {
        chosen.assign(1, choice);
        return;
    }
    // Multiple choice: a tap toggles; the answers stay in the order of the options.
    const auto it = std::find(chosen.begin(), chosen.end(), choice);
    if (it != chosen.end()) {
        chosen.erase(it);
    } else {
        chosen.insert(std::upper_bound(chosen.begin(), chosen.end(), choice), choice);
    }
}

void VisitorSession::leave_artifact() {
    m_film.reset();
    m_narration = false;
}

void VisitorSession::apply(const VisitorAction& action) {
    const std::size_t count = m_bundle.artifacts.size();
    switch (action.kind) {
        case VisitorAction::Kind::Start:
            if (m_screen == Screen::Attract) m_screen = Screen::LanguageChoice;
            break;
        case VisitorAction::Kind::ChooseLanguage:
            if (std::find(m_languages.begin(), m_languages.end(), action.language) == m_languages.end())
                break;
            m_language = action.language;
            m_language_menu_open = false;
            if (m_screen == Screen::LanguageChoice || m_screen == Screen::Attract) m_screen = Screen::Gallery;
            break;
        case VisitorAction::Kind::OpenLanguageMenu:
            m_language_menu_open = m_screen != Screen::Attract;
            break;
        case VisitorAction::Kind::CloseLanguageMenu:
            m_language_menu_open = false;
            break;
        case VisitorAction::Kind::OpenArtifact:
            if (action.index < count) {
                if (action.index != m_artifact || m_screen != Screen::Artifact) leave_artifact();
                m_artifact = action.index;
                m_image = 0;
                m_screen = Screen::Artifact;
            }
            break;
        case VisitorAction::Kind::NextArtifact:
            if (m_screen == Screen::Artifact && count > 0) {
                leave_artifact();
                m_artifact = (m_artifact + 1) % count;
                m_image = 0;
            }
            break;
        case VisitorAction::Kind::PreviousArtifact:
            if (m_screen == Screen::Artifact && count > 0) {
                leave_artifact();
                m_artifact = (m_artifact + count - 1) % count;
                m_image = 0;
            }
            break;
        case VisitorAction::Kind::GoHome:
            if (m_screen != Screen::Attract) m_screen = Screen::Gallery;
            m_language_menu_open = false;
            leave_artifact();
            break;
        case VisitorAction::Kind::ShowImage:
            if (m_screen == Screen::Artifact && action.index < m_bundle.artifacts[m_artifact].images.size()) {
                m_image = action.index;
            }
            break;
        case VisitorAction::Kind::SetTextSize:
            m_text_size = action.text_size;
            break;
        case VisitorAction::Kind::ToggleContrast:
            m_high_contrast = !m_high_contrast;
            break;
        case VisitorAction::Kind::StillHere:
            // The idle timer was touched by the input itself; an invitation to the
            // survey that was not taken up is not repeated.
            if (m_survey_invitation == Invitation::Showing) m_survey_invitation = Invitation::Answered;
            break;
        case VisitorAction::Kind::StartSpeechMode:
            m_speech_mode = true;
            if (m_screen == Screen::Attract) m_screen = Screen::LanguageChoice;
            break;
        case VisitorAction::Kind::StartAgain:
        case VisitorAction::Kind::FinishVisit:
            reset(VisitEnd::Finished);
            break;
        case VisitorAction::Kind::React:
            if (m_screen == Screen::Artifact && action.index >= 1 && action.index <= 5)
                m_reactions[m_artifact] = static_cast<int>(action.index);
            break;
        case VisitorAction::Kind::OpenSurvey:
            if (m_screen != Screen::Attract && !m_bundle.exhibition.survey.empty()) {
                leave_artifact();
                m_language_menu_open = false;
                m_survey_invitation = Invitation::Answered;
                m_screen = Screen::Survey;
                // Back where they left off; from the start once they have been through it all.
                m_question = m_questions_done < m_bundle.exhibition.survey.size() ? m_questions_done : 0;
            }
            break;
        case VisitorAction::Kind::AnswerSurvey:
            answer(action.index);
            break;
        case VisitorAction::Kind::NextQuestion:
            if (m_screen == Screen::Survey) {
                m_questions_done = std::max(m_questions_done, m_question + 1);
                if (++m_question >= m_bundle.exhibition.survey.size()) {
                    m_question = m_bundle.exhibition.survey.size() - 1;
                    m_screen = Screen::SurveyThanks;
                }
            }
            break;
        case VisitorAction::Kind::PreviousQuestion:
            if (m_screen == Screen::Survey && m_question > 0) --m_question;
            break;
        case VisitorAction::Kind::PlayNarration:
            if (m_screen == Screen::Artifact && !m_bundle.artifacts[m_artifact].narration.audio.empty()) {
                m_narration = true;
                m_film.reset();
            }
            break;
        case VisitorAction::Kind::StopNarration:
            m_narration = false;
            break;
        case VisitorAction::Kind::OpenFilm:
            if (m_screen == Screen::Artifact && action.index < m_bundle.artifacts[m_artifact].videos.size()) {
                m_film = action.index;
                m_captions = m_bundle.artifacts[m_artifact].videos[action.index].captions;
                m_narration = false;
            }
            break;
        case VisitorAction::Kind::CloseFilm:
            m_film.reset();
            break;
        case VisitorAction::Kind::ToggleCaptions:
            if (m_film) m_captions = !m_captions;
            break;
        case VisitorAction::Kind::TogglePause:
        case VisitorAction::Kind::Seek:
            break;  // the player's business, not where the visitor is
    }
}

std::vector<std::string> offered_languages(const Exhibition& exhibition, const KioskConfig& config) {
    if (config.languages.empty()) return exhibition.languages;
    std::vector<std::string> offered;
    for (const std::string& language : config.languages) {
        if (std::find(exhibition.languages.begin(), exhibition.languages.end(), language) !=
            exhibition.languages.end()) {
            offered.push_back(language);
        }
    }
    return offered.empty() ? exhibition.languages : offered;
}

}  // namespace amanat
