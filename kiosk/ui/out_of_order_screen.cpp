#include "ui/out_of_order_screen.hpp"

#include <string>
#include <vector>

#include "ui/widgets.hpp"

namespace amanat::ui {

void draw_out_of_order_screen(Frame& frame) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.background);
    // Every language with a catalog, English first: the kiosk cannot know who is there.
    std::vector<std::string> languages = frame.catalogs.languages();
    std::erase(languages, std::string("en"));
    languages.insert(languages.begin(), "en");
    const FontSet& fonts = frame.fonts;
    const float block = fonts.heading->FontSize * 1.3f + fonts.body->FontSize * 1.3f + frame.metrics.mm(5);
    float y =
        std::max(frame.metrics.margin(), (screen.y - block * static_cast<float>(languages.size())) * 0.5f);
    for (const std::string& language : languages) {
        const Phrasebook& phrases = frame.catalogs.phrasebook(language);
        const bool first = language == languages.front();
        // TRANSLATORS: Out-of-order screen: first line, shown while the kiosk cannot show the exhibition.
        // One sentence.
        text_centred(draw, fonts.heading, phrases.tr("This kiosk is taking a short break."), screen.x * 0.5f,
                     y, first ? frame.theme.text : frame.theme.muted_text);
        y += fonts.heading->FontSize * 1.3f;
        // TRANSLATORS: Out-of-order screen: second line, under the previous one. One sentence.
        text_centred(draw, fonts.body, phrases.tr("Please ask a member of staff."), screen.x * 0.5f, y,
                     frame.theme.muted_text);
        y += fonts.body->FontSize * 1.3f + frame.metrics.mm(5);
        if (y > screen.y - frame.metrics.margin()) break;
    }
}

}  // namespace amanat::ui
