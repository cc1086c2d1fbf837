#include "core/visitor_session.hpp"

#include <algorithm>

namespace amanat {

VisitorSession::VisitorSession(const Bundle& bundle, std::vector<std::string> languages,
                               TextSize default_text_size)
    : m_bundle(bundle), m_languages(std::move(languages)), m_default_text_size(default_text_size) {
    reset();
    --m_visitor;  // the first visitor is visitor 1
}

void VisitorSession::reset() {
    m_screen = Screen::Attract;
    m_language = m_languages.empty() ? std::string("en") : m_languages.front();
    m_text_size = m_default_text_size;
    m_high_contrast = false;
    m_language_menu_open = false;
    m_artifact = 0;
    m_image = 0;
    leave_artifact();
    ++m_visitor;
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
            break;  // the idle timer was touched by the input itself
        case VisitorAction::Kind::StartAgain:
            reset();
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
