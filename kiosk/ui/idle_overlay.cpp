#include "ui/idle_overlay.hpp"

#include <algorithm>
#include <string>

#include "ui/rich_text.hpp"
#include "ui/widgets.hpp"

namespace amanat::ui {

void draw_idle_overlay(Frame& frame, int seconds_left, bool invite_to_survey) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.scrim);

    const float panel_w = std::min(screen.x - 2 * metrics.margin(), metrics.mm(260));
    // The invitation wraps inside the panel (it is a long sentence in some languages).
    RichText invitation;
    if (invite_to_survey) {
        // TRANSLATORS: "Are you still there?" overlay: invites the visitor to the end-of-visit survey before
        // the kiosk starts again. One sentence.
        invitation.layout_plain(frame.phrases.tr("Before you go, would you answer a few short questions?"),
                                fonts.body, panel_w - metrics.mm(20));
    }
    const float invitation_h =
        invite_to_survey ? fonts.body->FontSize + invitation.height() + metrics.touch_target() + metrics.mm(8)
                         : 0;
    const float panel_h =
        std::min(screen.y - 2 * metrics.margin(), fonts.title->FontSize * 2 + fonts.heading->FontSize * 6 +
                                                      metrics.touch_target() * 2 + invitation_h);
    const ImVec2 min((screen.x - panel_w) * 0.5f, (screen.y - panel_h) * 0.5f);
    const ImVec2 max(min.x + panel_w, min.y + panel_h);
    draw.AddRectFilled(min, max, frame.theme.background, metrics.mm(4));
    draw.AddRect(min, max, frame.theme.accent, metrics.mm(4), 0, metrics.mm(1));

    const float centre = screen.x * 0.5f;
    float y = min.y + metrics.mm(10);
    // TRANSLATORS: Idle overlay (nobody has touched the screen for a while): the title, in large type above
    // a countdown. Keep to one line.
    const char* question = frame.phrases.tr("Are you still there?");
    text_centred(draw, fonts.title, question, centre, y, frame.theme.text);
    const float question_y = y;
    y += fonts.title->FontSize * 1.4f;
    // The countdown in a ring that empties second by second.
    const float radius = fonts.title->FontSize * 1.1f;
    const ImVec2 ring(centre, y + radius);
    draw.AddCircle(ring, radius, frame.theme.muted_text, 64, metrics.mm(1));
    const float share = static_cast<float>(seconds_left) / 10.0f;
    draw.PathArcTo(ring, radius, -3.14159265f * 0.5f,
                   -3.14159265f * 0.5f + 2 * 3.14159265f * std::clamp(share, 0.0f, 1.0f), 64);
    draw.PathStroke(frame.theme.accent, 0, metrics.mm(1.6f));
    const std::string number = std::to_string(seconds_left);
    text_centred(draw, fonts.title, number, centre, ring.y - fonts.title->FontSize * 0.55f, frame.theme.text);
    y += radius * 2 + metrics.mm(6);
    const std::string starting = frame.say(
        // TRANSLATORS: Idle overlay: the line under the countdown ring; when it reaches zero the
        // kiosk goes back to its start screen for the next visitor. # is the seconds
        // left (10 to 1). Write your language's plural forms (CLDR). One line.
        "{seconds, plural, one {Starting again in # second} other {Starting again in # seconds}}",
        {{"seconds", seconds_left}});
    text_centred(draw, fonts.body, starting, centre, y, frame.theme.muted_text);
    // TRANSLATORS: Speech mode (read aloud to blind visitors): after "Are you still there? Starting again
    // in 10 seconds": how a visitor with the keypad stays. One short sentence.
    const char* press_any_key = frame.phrases.tr("Press any key to continue.");
    frame.add_control("idle-question", question, ControlRole::Heading, ImVec2(min.x, question_y),
                      ImVec2(max.x, y), starting + ". " + press_any_key);
    y += fonts.body->FontSize * 1.4f;
    // TRANSLATORS: Idle overlay: the line under the countdown telling the visitor how to stay. One line.
    text_centred(draw, fonts.body, frame.phrases.tr("Touch anywhere to continue"), centre, y,
                 frame.theme.muted_text);

    const float button_h = metrics.touch_target();
    bool answer = false;
    if (invite_to_survey) {
        y += fonts.body->FontSize * 2;
        if (invitation.height() <= fonts.body->FontSize * 1.5f) {
            text_centred(draw, fonts.body,
                         frame.phrases.tr("Before you go, would you answer a few short questions?"), centre,
                         y, frame.theme.text);
        } else {
            invitation.draw(draw, ImVec2(min.x + metrics.mm(10), y), frame.theme.text, frame.theme.accent);
        }
        y += invitation.height() + metrics.mm(3);
        // TRANSLATORS: "Are you still there?" overlay: button that opens the survey. Three or four words.
        answer = touch_button(frame, "idle-survey", frame.phrases.tr("Answer the questions"),
                              ImVec2(min.x + metrics.mm(10), y), ImVec2(panel_w - metrics.mm(20), button_h),
                              fonts.body, ButtonStyle::Primary);
    }
    const float button_w = (panel_w - metrics.mm(30)) * 0.5f;
    const float button_y = max.y - button_h - metrics.mm(8);
    const bool still_here = touch_button(
        // TRANSLATORS: Idle overlay: button that lets the visitor carry on where they were. Button is half
        // the panel wide; keep short.
        frame, "idle-continue", frame.phrases.tr("Continue"), ImVec2(min.x + metrics.mm(10), button_y),
        ImVec2(button_w, button_h), fonts.body, invite_to_survey ? ButtonStyle::Quiet : ButtonStyle::Primary);
    // TRANSLATORS: Idle overlay: button that goes back to the start screen at once, for the next visitor.
    // Button is half the panel wide; keep short.
    const bool start_again = touch_button(frame, "idle-start-again", frame.phrases.tr("Start again"),
                                          ImVec2(max.x - metrics.mm(10) - button_w, button_y),
                                          ImVec2(button_w, button_h), fonts.body, ButtonStyle::Quiet);
    // "Touch anywhere to continue": any finger lifted anywhere but on "Start again".
    bool touched = false;
    for (const Gesture& g : frame.gestures) {
        touched = touched || g.kind == Gesture::Kind::Tap || g.kind == Gesture::Kind::DoubleTap ||
                  g.kind == Gesture::Kind::DragEnd || g.kind == Gesture::Kind::PinchEnd;
    }
    if (answer) {
        frame.emit(VisitorAction::Kind::OpenSurvey);
    } else if (start_again) {
        frame.emit(VisitorAction::Kind::StartAgain);
    } else if (still_here || touched) {
        frame.emit(VisitorAction::Kind::StillHere);
    }
}

}  // namespace amanat::ui
