#include "ui/kiosk_ui.hpp"

#include <algorithm>

#include "ui/idle_overlay.hpp"
#include "ui/language_screen.hpp"
#include "ui/out_of_order_screen.hpp"
#include "ui/widgets.hpp"

namespace amanat::ui {

namespace {

// Speech mode's focus, for visitors with low vision following what is said: a
// thick ring, yellow on black, over whatever is under it.
void draw_focus_ring(const Frame& frame) {
    if (frame.controls == nullptr || frame.focused.empty()) return;
    for (const Frame::Control& control : *frame.controls) {
        if (control.id != frame.focused) continue;
        ImDrawList& draw = *ImGui::GetWindowDrawList();
        const float ring = frame.metrics.mm(1.5f);
        const float edge = std::max(2.0f, frame.metrics.mm(0.6f));
        const ImVec2 min(control.min.x - ring, control.min.y - ring);
        const ImVec2 max(control.max.x + ring, control.max.y + ring);
        draw.AddRect(min, max, IM_COL32(0, 0, 0, 255), frame.metrics.mm(2), 0, ring + 2 * edge);
        draw.AddRect(min, max, IM_COL32(255, 221, 0, 255), frame.metrics.mm(2), 0, ring);
        return;
    }
}

// "Audio guide: double-tap to choose", in a pill above where the finger touched.
void draw_touch_hint(Frame& frame) {
    if (frame.touch_hint_until < 0 || frame.now >= frame.touch_hint_until) return;
    frame.wake_by(frame.touch_hint_until);
    // TRANSLATORS: Speech mode (the kiosk speaks, for blind visitors): a small note shown for a few seconds
    // beside the finger after a tap, because in speech mode a tap only says what is touched. One short line.
    const char* hint = frame.phrases.tr("Audio guide on: double-tap to choose");
    ImFont* font = frame.fonts.body;
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const float pad = frame.metrics.mm(3);
    const ImVec2 size(text_width(font, hint) + 2 * pad, font->FontSize + 2 * pad);
    const float x =
        std::clamp(frame.touch_hint_at.x - size.x * 0.5f, 0.0f, std::max(0.0f, screen.x - size.x));
    float y = frame.touch_hint_at.y - frame.metrics.mm(14) - size.y;
    if (y < 0) y = frame.touch_hint_at.y + frame.metrics.mm(14);
    ImDrawList& draw = *ImGui::GetForegroundDrawList();
    draw.AddRectFilled(ImVec2(x, y), ImVec2(x + size.x, y + size.y), IM_COL32(0, 0, 0, 230), size.y * 0.5f);
    draw.AddText(font, font->FontSize, ImVec2(x + pad, y + pad), IM_COL32(255, 221, 0, 255), hint);
}

}  // namespace

void KioskUi::draw(Frame& frame, const IdleTimer& idle) {
    frame.formatted = &m_formatted;
    const VisitorSession& session = frame.session;
    if (session.visitor() != m_visitor) {
        m_visitor = session.visitor();
        m_gallery.reset();
        m_artifact.reset();
        m_attract.restart(frame.now);
    }
    if (session.screen() == Screen::Attract && m_previous != Screen::Attract) m_attract.restart(frame.now);
    m_previous = session.screen();

    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(screen);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin("##kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav);

    // Staff mode covers everything the visitors see, and takes every touch.
    if (frame.staff != nullptr && frame.staff->phase != StaffView::Phase::Closed) {
        m_staff.draw(frame, *frame.staff);
        if (const Millis deadline = idle.next_deadline(frame.now); deadline >= 0) frame.wake_by(deadline);
        ImGui::End();
        ImGui::PopStyleVar(2);
        return;
    }
    if (frame.bundle.artifacts.empty()) {
        draw_out_of_order_screen(frame);
        ImGui::End();
        ImGui::PopStyleVar(2);
        return;
    }
    const bool counting_down =
        idle.phase(frame.now) == IdleTimer::Phase::CountingDown && session.screen() != Screen::Attract;
    const bool overlay = counting_down || session.language_menu_open();
    // An overlay takes the input: the screen below is drawn but does not react.
    std::vector<Gesture> gestures;
    if (overlay) {
        gestures.swap(frame.gestures);
        frame.input_enabled = false;
    }
    switch (session.screen()) {
        case Screen::Attract:
            m_attract.draw(frame);
            break;
        case Screen::LanguageChoice:
            draw_language_screen(frame);
            break;
        case Screen::Gallery:
            m_gallery.draw(frame);
            break;
        case Screen::Survey:
            m_survey.draw(frame);
            break;
        case Screen::SurveyThanks:
            m_survey.draw_thanks(frame);
            break;
        case Screen::Artifact:
            // A film covers the whole screen, toolbar included, until closed.
            if (const auto film = session.film()) {
                m_film.draw(frame, frame.bundle.artifacts[session.artifact()], *film);
            } else {
                m_artifact.draw(frame);
            }
            break;
    }
    // For staff walking past: the feedback is not being kept (a full disk, a
    // database that cannot be opened). Small and on the attract screen only, in
    // the staff's language, English: visitors can use the kiosk as usual.
    if (session.screen() == Screen::Attract && !frame.feedback.problem.empty()) {
        const std::string notice =
            "Feedback is not being saved: " + frame.feedback.problem +
            ". Check the free disk space in staff mode (Status); the kiosk's log has the "
            "details.";
        ImFont* font = frame.fonts.small;
        const float pad = frame.metrics.mm(2);
        const float wrap = screen.x - 2 * pad;
        const ImVec2 size = font->CalcTextSizeA(font->FontSize, 1e9f, wrap, notice.c_str());
        ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(pad, screen.y - size.y - pad),
                                            IM_COL32(255, 200, 120, 230), notice.c_str(), nullptr, wrap);
    }
    if (overlay) {
        frame.gestures.swap(gestures);
        frame.input_enabled = true;
        if (counting_down) {
            draw_idle_overlay(frame, idle.seconds_left(frame.now), session.survey_invited());
            frame.wake_by(idle.next_deadline(frame.now));
        } else {
            draw_language_menu(frame);
        }
    }
    if (session.screen() != Screen::Attract) {
        const Millis deadline = idle.next_deadline(frame.now);
        if (deadline >= 0) frame.wake_by(deadline);
    }
    draw_focus_ring(frame);
    draw_touch_hint(frame);
    ImGui::End();
    ImGui::PopStyleVar(2);
}

std::string KioskUi::describe(const VisitorSession& session, const Bundle& bundle, bool counting_down,
                              const FeedbackView& feedback, Millis now, const StaffView* staff) {
    if (staff != nullptr && staff->phase != StaffView::Phase::Closed) {
        static const char* const kPages[] = {"status", "packs", "feedback", "tests"};
        std::string text = "screen=staff";
        if (staff->phase == StaffView::Phase::Open) {
            if (staff->touch_test) {
                text += " page=touch-test touched=" +
                        std::to_string(
                            std::count(staff->touched_cells.begin(), staff->touched_cells.end(), true));
            } else {
                text += std::string(" page=") + kPages[static_cast<int>(staff->page)];
            }
            if (staff->busy) text += " task=busy";
            if (!staff->busy && !staff->outcome.empty())
                text += staff->outcome_ok ? " outcome=ok" : " outcome=failed";
        } else {
            text += staff->phase == StaffView::Phase::Checking ? " pin=checking" : " pin=asking";
            text += " digits=" + std::to_string(staff->digits);
            if (staff->lockout_left > 0) text += " locked";
            if (staff->refused) text += " refused";
        }
        return text;
    }
    static const char* const kScreens[] = {"attract",  "language", "gallery",
                                           "artifact", "survey",   "survey-thanks"};
    std::string text = "screen=";
    text += bundle.artifacts.empty() ? "out-of-order" : kScreens[static_cast<int>(session.screen())];
    text += " language=" + session.language();
    text += session.text_size() == TextSize::Large ? " text=large" : " text=normal";
    text += session.high_contrast() ? " contrast=high" : " contrast=normal";
    if (session.screen() == Screen::Artifact && session.artifact() < bundle.artifacts.size()) {
        const Artifact& artifact = bundle.artifacts[session.artifact()];
        text += " artifact=" + artifact.id;
        text += " image=" + std::to_string(session.image());
        if (session.narration()) text += " narration=on";
        if (const auto film = session.film(); film && *film < artifact.videos.size()) {
            text += " film=" + artifact.videos[*film].id;
            text += session.captions() ? " captions=on" : " captions=off";
        }
        if (const int rating = session.reaction(session.artifact()); rating > 0) {
            text += " reaction=" + std::to_string(rating);
            if (feedback.thanked_artifact == artifact.id && feedback.thanked_at >= 0 &&
                now - feedback.thanked_at < kReactionThanksMs)
                text += " thanks=shown";
        }
    }
    const auto& survey = bundle.exhibition.survey;
    if (session.screen() == Screen::Survey && session.question() < survey.size()) {
        text += " question=" + survey[session.question()].id;
        const auto& chosen = session.answers(session.question());
        if (!chosen.empty()) text += " answers=" + std::to_string(chosen.size());
    }
    if (session.screen() == Screen::SurveyThanks)
        text += feedback.answers_saved ? " thanks=shown" : " thanks=saving";
    if (session.survey_invited() && counting_down) text += " invitation=survey";
    if (session.screen() == Screen::Attract && !feedback.problem.empty())
        text += " notice=feedback-not-saved";
    if (session.language_menu_open()) text += " menu=language";
    if (session.speech_mode()) text += " speech=on";
    if (counting_down) text += " idle=countdown";
    return text;
}

}  // namespace amanat::ui
