#include "ui/toolbar.hpp"

#include <algorithm>

#include "ui/widgets.hpp"

namespace amanat::ui {

float draw_toolbar(Frame& frame, const char* heading) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const ScreenMetrics& metrics = frame.metrics;
    const float pad = metrics.mm(3);
    const float button_h = metrics.touch_target();
    const float height = button_h + 2 * pad;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(ImVec2(0, 0), ImVec2(screen.x, height), frame.theme.toolbar);
    ImFont* font = frame.fonts.body;
    const auto width_for = [&](const char* label) {
        return std::max(text_width(font, label) + metrics.mm(10), button_h * 1.6f);
    };

    // Speech mode reaches the toolbar after the screen's own controls.
    const int rank = frame.control_rank;
    frame.control_rank = 9;
    // TRANSLATORS: Speech mode (read aloud to blind visitors): the state of a switch (high contrast,
    // large text) that is on. One word.
    const char* on = frame.phrases.tr("on");
    // TRANSLATORS: Speech mode: the state of a switch (high contrast, large text) that is off. One word.
    const char* off = frame.phrases.tr("off");
    float x = metrics.margin();
    const Screen screen_shown = frame.session.screen();
    if (screen_shown == Screen::Artifact || screen_shown == Screen::Survey ||
        screen_shown == Screen::SurveyThanks) {
        // TRANSLATORS: Toolbar button on an object's page: goes back to the overview of all objects. Keep
        // short (one word if possible).
        const char* home = frame.phrases.tr("Home");
        const float w = width_for(home);
        if (touch_button(frame, "toolbar-home", home, ImVec2(x, pad), ImVec2(w, button_h), font,
                         ButtonStyle::Toolbar)) {
            frame.emit(VisitorAction::Kind::GoHome);
        }
        x += w + metrics.mm(5);
    }

    // Right to left: contrast, text size, language.
    float right = screen.x - metrics.margin();
    // TRANSLATORS: Toolbar button: turns high contrast (light text on dark) on and off. Keep short (one word
    // if possible).
    const char* contrast = frame.phrases.tr("Contrast");
    right -= width_for(contrast);
    if (touch_button(frame, "toolbar-contrast", contrast, ImVec2(right, pad),
                     ImVec2(width_for(contrast), button_h), font, ButtonStyle::Toolbar,
                     frame.session.high_contrast())) {
        frame.emit(VisitorAction::Kind::ToggleContrast);
    }
    frame.describe_last(ControlRole::Toggle, frame.session.high_contrast() ? on : off);
    // TRANSLATORS: Toolbar button: switches between normal and large text. Keep short.
    const char* size = frame.phrases.tr("Text size");
    right -= width_for(size) + metrics.mm(4);
    const bool large = frame.session.text_size() == TextSize::Large;
    if (touch_button(frame, "toolbar-text-size", size, ImVec2(right, pad), ImVec2(width_for(size), button_h),
                     font, ButtonStyle::Toolbar, large)) {
        frame.actions.push_back(VisitorAction::set_text_size(large ? TextSize::Normal : TextSize::Large));
    }
    // TRANSLATORS: Speech mode: the text size switch as said aloud, followed by "on" or "off".
    frame.describe_last(ControlRole::Toggle, large ? on : off, frame.phrases.tr("Large text"));
    const std::string language = frame.phrases.language_name();
    right -= width_for(language.c_str()) + metrics.mm(4);
    if (touch_button(frame, "toolbar-language", language.c_str(), ImVec2(right, pad),
                     ImVec2(width_for(language.c_str()), button_h), font, ButtonStyle::Toolbar)) {
        frame.emit(VisitorAction::Kind::OpenLanguageMenu);
    }
    // TRANSLATORS: Speech mode: said after the name of the visitor's language on the toolbar button that
    // changes it, e.g. "English, change the language, button". A few words.
    frame.describe_last(ControlRole::Button, frame.phrases.tr("change the language"));
    frame.control_rank = rank;

    // The heading takes what is left, clipped rather than overlapping the buttons.
    if (heading != nullptr) {
        ImFont* title = frame.fonts.heading;
        draw.PushClipRect(ImVec2(x, 0), ImVec2(right - metrics.mm(4), height), true);
        draw.AddText(title, title->FontSize, ImVec2(x, (height - title->FontSize) * 0.5f),
                     frame.theme.toolbar_text, heading);
        draw.PopClipRect();
    }
    return height;
}

}  // namespace amanat::ui
