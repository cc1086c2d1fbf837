#pragma once

#include <string>

#include "core/visit/idle_timer.hpp"
#include "ui/artifact_screen.hpp"
#include "ui/attract_screen.hpp"
#include "ui/frame.hpp"
#include "ui/gallery_screen.hpp"
#include "ui/media_controls.hpp"
#include "ui/staff_screens.hpp"
#include "ui/survey_screen.hpp"

namespace amanat::ui {

// All the visitor's screens: draws the current one and any overlay (language
// menu, idle countdown) into one full-screen ImGui window. Keeps each screen's own
// state (scroll positions, zoom) and forgets it for each new visitor.
class KioskUi {
  public:
    // `idle` is the app's timer, read for the countdown overlay.
    void draw(Frame& frame, const IdleTimer& idle);

    // A short description of what is on screen, for the window title that the
    // end-to-end tests read ("screen=gallery language=kk ...").
    static std::string describe(const VisitorSession& session, const Bundle& bundle, bool counting_down,
                                const FeedbackView& feedback = {}, Millis now = 0,
                                const StaffView* staff = nullptr);

  private:
    AttractScreen m_attract;
    GalleryScreen m_gallery;
    ArtifactScreen m_artifact;
    FilmOverlay m_film;
    SurveyScreen m_survey;
    StaffScreens m_staff;
    FormattedPhrases m_formatted;
    std::uint64_t m_visitor = 0;
    Screen m_previous = Screen::Attract;
};

}  // namespace amanat::ui
