#pragma once

#include <string>

#include "ui/frame.hpp"
#include "ui/rich_text.hpp"

namespace amanat::ui {

// The bundle's end-of-visit survey, one question at a time: a rating with the
// five faces, or choices as large buttons (one, or several for a multiple-choice
// question). Every question can be skipped; Back returns to the one before.
// After the last question, the thanks screen, once the answers are saved.
class SurveyScreen {
  public:
    void draw(Frame& frame);
    void draw_thanks(Frame& frame);

  private:
    void draw_choices(Frame& frame, const SurveyQuestion& question, float x, float y, float width,
                      float bottom);

    std::string m_layout_key;
    RichText m_question;
};

}  // namespace amanat::ui
