#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/settings/kiosk_config.hpp"

namespace amanat {

enum class Screen { Attract, LanguageChoice, Gallery, Artifact, Survey, SurveyThanks };

// Why a visitor session ended, for the engagement record.
enum class VisitEnd {
    Idle,      // nobody touched the screen: the visitor walked away
    Finished,  // the visitor said they were done ("Start again", "Finish my visit")
};

// What a visitor asked for, emitted by the screens and applied to the session
// after the frame is drawn (screens only read state).
struct VisitorAction {
    enum class Kind {
        Start,             // attract touched
        ChooseLanguage,    // `language`
        OpenLanguageMenu,  // the language switch over the current screen
        CloseLanguageMenu,
        OpenArtifact,  // `index` into Bundle::artifacts
        NextArtifact,
        PreviousArtifact,
        GoHome,       // the gallery
        ShowImage,    // `index` into the artifact's images
        SetTextSize,  // `text_size`
        ToggleContrast,
        StillHere,      // the idle overlay's "Continue"
        StartAgain,     // reset for the next visitor now
        PlayNarration,  // the artifact's narration, in the visitor's language (or its fallback)
        StopNarration,
        OpenFilm,  // `index` into the artifact's videos, full screen over the artifact
        CloseFilm,
        ToggleCaptions,  // the open film's subtitles on or off
        TogglePause,     // pause or resume what plays (for the player, not the session)
        Seek,            // to `position` ms in what plays (for the player, not the session)
        React,           // rate the artifact shown: `index` is the rating, 1 (very unhappy) to 5 (very happy)
        OpenSurvey,      // the end-of-visit survey, from its first question
        AnswerSurvey,    // choose (or, for multiple choice, toggle) answer `index` of the current question:
                         // an option, or for a rating question the rating minus one
        NextQuestion,    // the current question is answered (or skipped): on to the next, or the thanks
        PreviousQuestion,
        FinishVisit,      // "Finish my visit" on the survey's thanks: reset for the next visitor
        StartSpeechMode,  // a keypad key was pressed: the kiosk speaks until the visit ends (and starts it)
    };
    explicit VisitorAction(Kind kind, std::size_t index = 0) : kind(kind), index(index) {}
    static VisitorAction choose_language(std::string tag) {
        VisitorAction action(Kind::ChooseLanguage);
        action.language = std::move(tag);
        return action;
    }
    static VisitorAction seek(long long position_ms) {
        VisitorAction action(Kind::Seek);
        action.position = position_ms;
        return action;
    }
    static VisitorAction set_text_size(TextSize size) {
        VisitorAction action(Kind::SetTextSize);
        action.text_size = size;
        return action;
    }

    Kind kind;
    std::string language;
    std::size_t index = 0;
    TextSize text_size = TextSize::Normal;
    long long position = 0;  // Seek: milliseconds from the start
};

// One visitor's way through the exhibition: where they are, in which language,
// with which reading preferences. Reset to the attract screen, with every choice
// forgotten, when they leave. Render thread only.
class VisitorSession {
  public:
    VisitorSession(const Bundle& bundle, std::vector<std::string> languages, TextSize default_text_size);

    void apply(const VisitorAction& action);
    // Ends the visit (for `why`) and shows the attract screen for the next visitor.
    void reset(VisitEnd why = VisitEnd::Idle);
    // The idle countdown has started: invite the visitor to the survey, once per
    // visit, if the bundle has one and they have not opened it yet. The invitation
    // stays until the countdown is answered or expires.
    void invite_to_survey();

    Screen screen() const { return m_screen; }
    const std::string& language() const { return m_language; }
    const std::vector<std::string>& languages() const { return m_languages; }
    TextSize text_size() const { return m_text_size; }
    bool high_contrast() const { return m_high_contrast; }
    bool language_menu_open() const { return m_language_menu_open; }
    // The visitor uses the keypad and listens (speech mode, docs/SPEECH.md): on
    // from their first keypad key until the visit ends.
    bool speech_mode() const { return m_speech_mode; }
    std::size_t artifact() const { return m_artifact; }  // valid on Screen::Artifact
    std::size_t image() const { return m_image; }
    // The film open over the artifact (an index into its videos), if any.
    std::optional<std::size_t> film() const { return m_film; }
    bool captions() const { return m_captions; }
    // The visitor asked for this artifact's narration (and has not stopped it or
    // opened a film: one thing plays at a time).
    bool narration() const { return m_narration; }
    // Changes whenever the session is reset, so that screens can drop their own
    // state (scroll positions, zoom) for the next visitor.
    std::uint64_t visitor() const { return m_visitor; }
    // Why the previous visitor's session ended (meaningful once visitor() > 1).
    VisitEnd last_end() const { return m_last_end; }

    // The visitor's rating (1..5) of artifact `index`, or 0 if they gave none.
    int reaction(std::size_t index) const;
    // Every rating given in this visit: artifact index -> rating.
    const std::map<std::size_t, int>& reactions() const { return m_reactions; }

    // The survey (Screen::Survey): the question shown, an index into the bundle's survey.
    std::size_t question() const { return m_question; }
    // The answers chosen so far for question `index` (option indexes, or rating - 1), in order.
    const std::vector<std::size_t>& answers(std::size_t index) const;
    // How many questions the visitor has moved on from with NextQuestion, answered
    // or skipped: their answers are final (and recorded) up to here.
    std::size_t questions_done() const { return m_questions_done; }
    bool survey_invited() const { return m_survey_invitation == Invitation::Showing; }
    bool survey_offered() const { return m_survey_invitation != Invitation::NotYet; }

  private:
    enum class Invitation { NotYet, Showing, Answered };
    const Bundle& m_bundle;
    std::vector<std::string> m_languages;
    TextSize m_default_text_size;
    Screen m_screen = Screen::Attract;
    std::string m_language;
    TextSize m_text_size;
    bool m_high_contrast = false;
    bool m_language_menu_open = false;
    bool m_speech_mode = false;
    std::size_t m_artifact = 0;
    std::size_t m_image = 0;
    std::optional<std::size_t> m_film;
    bool m_captions = true;
    bool m_narration = false;
    std::uint64_t m_visitor = 1;
    VisitEnd m_last_end = VisitEnd::Idle;
    std::map<std::size_t, int> m_reactions;
    std::size_t m_question = 0;
    std::vector<std::vector<std::size_t>> m_answers;  // per question
    std::size_t m_questions_done = 0;
    Invitation m_survey_invitation = Invitation::NotYet;

    void leave_artifact();  // stops its narration and closes its film
    void answer(std::size_t choice);
};

// The languages a venue offers: the config's list (those the bundle has), in the
// config's order, or the bundle's own list when the config gives none.
std::vector<std::string> offered_languages(const Exhibition& exhibition, const KioskConfig& config);

}  // namespace amanat
