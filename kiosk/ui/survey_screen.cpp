#include "ui/survey_screen.hpp"

#include <algorithm>

#include "ui/faces.hpp"
#include "ui/toolbar.hpp"
#include "ui/widgets.hpp"

namespace amanat::ui {
namespace {

// A tick drawn as two strokes, so it needs no glyph in any font.
void draw_tick(ImDrawList& draw, ImVec2 at, float size, ImU32 colour) {
    const ImVec2 points[3] = {ImVec2(at.x, at.y + size * 0.5f),
                              ImVec2(at.x + size * 0.38f, at.y + size * 0.85f),
                              ImVec2(at.x + size, at.y + size * 0.1f)};
    draw.AddPolyline(points, 3, colour, 0, size * 0.16f);
}

// The question's place in the survey as dots: no words, so no translation.
void draw_progress(Frame& frame, ImDrawList& draw, float centre_x, float y, std::size_t count,
                   std::size_t current) {
    const float r = frame.metrics.mm(1.5f);
    const float spacing = frame.metrics.mm(6);
    float x = centre_x - spacing * static_cast<float>(count - 1) * 0.5f;
    for (std::size_t i = 0; i < count; ++i, x += spacing) {
        if (i == current)
            draw.AddCircleFilled(ImVec2(x, y), r * 1.3f, frame.theme.accent);
        else
            draw.AddCircle(ImVec2(x, y), r, frame.theme.muted_text, 0, 2);
    }
}

}  // namespace

void SurveyScreen::draw(Frame& frame) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.background);
    const float top = draw_toolbar(frame, frame.phrases.tr("Your opinion"));
    const auto& survey = frame.bundle.exhibition.survey;
    const std::size_t index = frame.session.question();
    if (index >= survey.size()) return;
    const SurveyQuestion& question = survey[index];

    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    const float margin = metrics.margin();
    const float width = std::min(screen.x - 2 * margin, metrics.reading_width(frame.session.text_size()));
    const float x = (screen.x - width) * 0.5f;
    float y = top + margin;
    draw_progress(frame, draw, screen.x * 0.5f, y, survey.size(), index);
    y += metrics.mm(8);

    const auto text = frame.localise(question.question);
    const std::string key = question.id + "|" + frame.session.language() + "|" +
                            std::to_string(static_cast<int>(frame.session.text_size())) + "|" +
                            std::to_string(width);
    if (key != m_layout_key) {
        m_layout_key = key;
        m_question.layout_plain(text ? *text.text : question.id, fonts.heading, width, 1.2f);
    }
    m_question.draw(draw, ImVec2(x, y), frame.theme.text, frame.theme.accent);
    frame.add_control("question", text ? *text.text : question.id, ControlRole::Heading, ImVec2(x, y),
                      ImVec2(x + width, y + m_question.height()),
                      question.kind == QuestionKind::MultipleChoice
                          ? frame.phrases.tr("Choose all that apply")
                          : std::string(),
                      text ? text.language : std::string());
    y += m_question.height();
    if (text.is_fallback) {
        draw_language_tag(frame, draw, text, ImVec2(x, y));
        y += fonts.small->FontSize * 1.6f;
    }
    y += metrics.mm(4);
    if (question.kind == QuestionKind::MultipleChoice) {
        draw.AddText(fonts.body, fonts.body->FontSize, ImVec2(x, y), frame.theme.muted_text,
                     // TRANSLATORS: Survey: hint under a question that allows several answers. One short
                     // sentence.
                     frame.phrases.tr("Choose all that apply"));
        y += fonts.body->FontSize * 1.4f;
    }
    y += metrics.mm(4);

    const float button_h = metrics.touch_target();
    const float nav_y = screen.y - margin - button_h;
    const auto& chosen = frame.session.answers(index);
    if (question.kind == QuestionKind::Rating) {
        const int rating = chosen.empty() ? 0 : static_cast<int>(chosen.front()) + 1;
        const float faces_h = std::min(button_h * 1.6f, nav_y - metrics.mm(6) - y);
        if (const int tapped =
                draw_face_row(frame, "survey-rating", rating, ImVec2(x, y), ImVec2(x + width, y + faces_h))) {
            frame.emit(VisitorAction::Kind::AnswerSurvey, static_cast<std::size_t>(tapped - 1));
        }
    } else {
        draw_choices(frame, question, x, y, width, nav_y - metrics.mm(6));
    }

    // Back, and Skip or Next (Finish on the last question).
    const bool last = index + 1 == survey.size();
    const char* onward =
        // TRANSLATORS: Survey: button that moves on without answering the question. One word.
        chosen.empty() ? frame.phrases.tr("Skip") : frame.phrases.tr(last ? N_("Finish") : N_("Next"));
    const char* back = frame.phrases.tr("Back");
    const float nav_w = std::max({text_width(fonts.body, onward), text_width(fonts.body, back),
                                  // TRANSLATORS: Survey: button under the last question that sends the
                                  // answers. One word.
                                  text_width(fonts.body, frame.phrases.tr("Finish"))}) +
                        metrics.mm(16);
    if (index > 0 && touch_button(frame, "survey-back", back, ImVec2(x, nav_y), ImVec2(nav_w, button_h),
                                  fonts.body, ButtonStyle::Quiet)) {
        frame.emit(VisitorAction::Kind::PreviousQuestion);
    }
    if (touch_button(frame, chosen.empty() ? "survey-skip" : "survey-next", onward,
                     ImVec2(x + width - nav_w, nav_y), ImVec2(nav_w, button_h), fonts.body,
                     chosen.empty() ? ButtonStyle::Quiet : ButtonStyle::Primary)) {
        frame.emit(VisitorAction::Kind::NextQuestion);
    }
}

void SurveyScreen::draw_choices(Frame& frame, const SurveyQuestion& question, float x, float y, float width,
                                float bottom) {
    const ScreenMetrics& metrics = frame.metrics;
    const float gap = metrics.mm(3);
    const float button_h = metrics.touch_target();
    const std::size_t count = question.options.size();
    // One column while the options fit; two when they would run into the buttons below.
    const bool two_columns =
        static_cast<float>(count) * (button_h + gap) > bottom - y && width > metrics.mm(120);
    const std::size_t columns = two_columns ? 2 : 1;
    const float column_w = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const auto& chosen = frame.session.answers(frame.session.question());
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < count; ++i) {
        const SurveyOption& option = question.options[i];
        const ImVec2 at(x + static_cast<float>(i % columns) * (column_w + gap),
                        y + static_cast<float>(i / columns) * (button_h + gap));
        const bool selected = std::find(chosen.begin(), chosen.end(), i) != chosen.end();
        const auto label = frame.localise(option.label);
        const std::string id = "survey-option-" + option.id;
        if (touch_button(frame, id.c_str(), label ? label.text->c_str() : option.id.c_str(), at,
                         ImVec2(column_w, button_h), frame.fonts.body, ButtonStyle::Quiet, selected)) {
            frame.emit(VisitorAction::Kind::AnswerSurvey, i);
        }
        frame.describe_last(ControlRole::Option, selected ? frame.phrases.tr("selected") : std::string());
        if (label) frame.speak_last_in(label.language);
        if (selected) {
            const float tick = button_h * 0.36f;
            draw_tick(draw, ImVec2(at.x + metrics.mm(4), at.y + (button_h - tick) * 0.5f), tick,
                      frame.theme.accent);
        }
    }
}

void SurveyScreen::draw_thanks(Frame& frame) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.background);
    const float top = draw_toolbar(frame, frame.phrases.tr("Your opinion"));
    // The thanks follow the answers into the database (a moment); until then the
    // screen stays quiet rather than thanking for something not yet kept.
    if (!frame.feedback.answers_saved) return;
    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    const float centre = screen.x * 0.5f;
    float y = top + (screen.y - top) * 0.25f;
    // TRANSLATORS: Survey: heading of the screen shown once the answers are saved. One short sentence.
    const char* thanks = frame.phrases.tr("Thank you for your answers!");
    text_centred(draw, fonts.title, thanks, centre, y, frame.theme.text);
    frame.add_control("thanks", thanks, ControlRole::Heading, ImVec2(0, y),
                      ImVec2(screen.x, y + fonts.title->FontSize));
    y += fonts.title->FontSize * 2;
    // TRANSLATORS: Survey thanks: button that goes back to the gallery of objects. Three or four words.
    const char* back = frame.phrases.tr("Back to the exhibition");
    // TRANSLATORS: Survey thanks: button that ends the visit and starts the kiosk again for the next
    // visitor. Three words.
    const char* finish = frame.phrases.tr("Finish my visit");
    const float button_w =
        std::min(screen.x - 2 * metrics.margin(),
                 std::max(text_width(fonts.body, back), text_width(fonts.body, finish)) + metrics.mm(24));
    const float button_h = metrics.touch_target();
    if (touch_button(frame, "survey-back-to-exhibition", back, ImVec2(centre - button_w * 0.5f, y),
                     ImVec2(button_w, button_h), fonts.body, ButtonStyle::Primary)) {
        frame.emit(VisitorAction::Kind::GoHome);
    }
    y += button_h + metrics.mm(6);
    if (touch_button(frame, "survey-finish-visit", finish, ImVec2(centre - button_w * 0.5f, y),
                     ImVec2(button_w, button_h), fonts.body, ButtonStyle::Quiet)) {
        frame.emit(VisitorAction::Kind::FinishVisit);
    }
}

}  // namespace amanat::ui
