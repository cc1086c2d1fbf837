#include "ui/language_screen.hpp"

#include <algorithm>
#include <cmath>

#include "ui/widgets.hpp"

namespace amanat::ui {
namespace {

// Lays the language buttons out in a grid inside [min, max]; returns true if one was tapped.
void language_buttons(Frame& frame, ImVec2 min, ImVec2 max, ImFont* font) {
    const auto& languages = frame.session.languages();
    if (languages.empty()) return;
    const float gap = frame.metrics.mm(6);
    const float area_w = max.x - min.x;
    const float area_h = max.y - min.y;
    float widest = 0;
    for (const std::string& language : languages) {
        widest = std::max(widest, text_width(font, frame.catalogs.phrasebook(language).language_name()));
    }
    const int count = static_cast<int>(languages.size());
    // Up to three roomy columns; a venue offering many languages (the sample has
    // fourteen) gets more columns, then lower buttons, never below a touch target.
    const float narrowest = widest + frame.metrics.mm(16);
    const float roomy_w = std::max(narrowest, frame.metrics.mm(85));
    const float roomy_h = std::max(frame.metrics.touch_target() * 1.8f, font->FontSize * 2.2f);
    const float lowest_h = std::max(frame.metrics.touch_target(), font->FontSize * 1.6f);
    const int most_columns = std::max(1, static_cast<int>((area_w + gap) / (narrowest + gap)));
    int columns = std::clamp(static_cast<int>((area_w + gap) / (roomy_w + gap)), 1, 3);
    const auto rows_for = [count](int c) { return (count + c - 1) / c; };
    const auto grid_height = [gap](int rows, float h) {
        return static_cast<float>(rows) * h + static_cast<float>(rows - 1) * gap;
    };
    while (columns < most_columns && grid_height(rows_for(columns), roomy_h) > area_h) ++columns;
    const int rows = rows_for(columns);
    const float height = std::clamp((area_h - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows),
                                    lowest_h, roomy_h);
    const float width =
        std::min(roomy_w, (area_w - static_cast<float>(columns - 1) * gap) / static_cast<float>(columns));
    const float grid_h = grid_height(rows, height);
    float y = min.y + std::max(0.0f, (max.y - min.y - grid_h) * 0.5f);
    for (int row = 0; row < rows; ++row) {
        const int first = row * columns;
        const int in_row = std::min(columns, static_cast<int>(languages.size()) - first);
        float x =
            min.x +
            (area_w - (static_cast<float>(in_row) * width + static_cast<float>(in_row - 1) * gap)) * 0.5f;
        for (int i = first; i < first + in_row; ++i) {
            const std::string& language = languages[static_cast<std::size_t>(i)];
            const std::string name = frame.catalogs.phrasebook(language).language_name();
            const std::string id = "language-" + language;
            const bool current =
                frame.session.screen() != Screen::LanguageChoice && language == frame.session.language();
            if (touch_button(frame, id.c_str(), name.c_str(), ImVec2(x, y), ImVec2(width, height), font,
                             ButtonStyle::Primary, current)) {
                frame.actions.push_back(VisitorAction::choose_language(language));
            }
            // Each language's name is said in that language, by its own voice.
            if (current) frame.describe_last(ControlRole::Option, frame.phrases.tr("selected"));
            frame.speak_last_in(language);
            x += width + gap;
        }
        y += height + gap;
    }
}

}  // namespace

void draw_language_screen(Frame& frame) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.background);
    const float margin = frame.metrics.margin();
    // "Choose your language" in each offered language, one per line, small: the
    // visitor has not chosen yet, so no one language can be assumed.
    float y = margin;
    const auto& languages = frame.session.languages();
    const FontSet& fonts = frame.fonts;
    for (std::size_t i = 0; i < languages.size(); ++i) {
        // TRANSLATORS: Language screen: the heading; it is also listed once in every offered language, one
        // per line. Keep to one short line.
        const char* heading = frame.catalogs.phrasebook(languages[i]).tr("Choose your language");
        ImFont* font = i == 0 ? fonts.heading : fonts.body;
        text_centred(draw, font, heading, screen.x * 0.5f, y,
                     i == 0 ? frame.theme.text : frame.theme.muted_text);
        y += font->FontSize * 1.25f;
        if (y > screen.y * 0.3f) break;
    }
    language_buttons(frame, ImVec2(margin, y + margin), ImVec2(screen.x - margin, screen.y - margin),
                     fonts.title);
}

void draw_language_menu(Frame& frame) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetForegroundDrawList();
    (void)draw;
    ImDrawList& window = *ImGui::GetWindowDrawList();
    window.AddRectFilled(ImVec2(0, 0), screen, frame.theme.scrim);
    const float margin = frame.metrics.margin() * 2;
    const ImVec2 min(margin, margin);
    const ImVec2 max(screen.x - margin, screen.y - margin);
    window.AddRectFilled(min, max, frame.theme.background, frame.metrics.mm(4));
    text_centred(window, frame.fonts.heading, frame.phrases.tr("Choose your language"), screen.x * 0.5f,
                 min.y + frame.metrics.mm(8), frame.theme.text);
    language_buttons(
        frame, ImVec2(min.x + margin, min.y + frame.metrics.mm(8) + frame.fonts.heading->FontSize * 2),
        ImVec2(max.x - margin, max.y - frame.metrics.touch_target() * 1.6f), frame.fonts.heading);
    const float close_w = std::max(
        frame.metrics.mm(50), text_width(frame.fonts.body, frame.phrases.tr("Back")) + frame.metrics.mm(12));
    const float close_h = frame.metrics.touch_target();
    // TRANSLATORS: Button at the bottom of the language screen: closes it without changing the language.
    // Keep short.
    if (touch_button(frame, "language-menu-close", frame.phrases.tr("Back"),
                     ImVec2((screen.x - close_w) * 0.5f, max.y - close_h - frame.metrics.mm(6)),
                     ImVec2(close_w, close_h), frame.fonts.body, ButtonStyle::Quiet)) {
        frame.emit(VisitorAction::Kind::CloseLanguageMenu);
    }
}

}  // namespace amanat::ui
