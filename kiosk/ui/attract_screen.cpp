#include "ui/attract_screen.hpp"

#include <algorithm>

#include "ui/widgets.hpp"

namespace amanat::ui {
namespace {

constexpr ImU32 kBackground = IM_COL32(40, 12, 16, 255);

ImU32 with_alpha(ImU32 colour, float alpha) {
    const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) *
                                      static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF));
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace

void AttractScreen::draw(Frame& frame) {
    const Exhibition& exhibition = frame.bundle.exhibition;
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    frame.record_target("attract", ImVec2(0, 0), screen);  // any touch starts

    constexpr Millis kCycle = kHold + kFade;
    const Millis elapsed = std::max<Millis>(frame.now - m_started, 0);
    const auto cycle = static_cast<std::size_t>(elapsed / kCycle);
    const Millis into = elapsed % kCycle;
    const float fade = into < kHold ? 0.0f : static_cast<float>(into - kHold) / static_cast<float>(kFade);
    // Still: wake when the fade starts. Fading: 20 frames a second, smooth for a
    // 2 s cross-fade, and each frame fills the screen twice over, which costs a
    // kiosk PC without a GPU (Mesa's llvmpipe) most of its frame time.
    frame.wake_by(into < kHold ? frame.now + (kHold - into) : frame.now + 50);

    const auto& images = exhibition.attract_images;
    if (images.empty()) draw.AddRectFilled(ImVec2(0, 0), screen, kBackground);
    if (!images.empty()) {
        const std::string& current = images[cycle % images.size()];
        const std::string& next = images[(cycle + 1) % images.size()];
        if (const PictureTexture* picture = frame.pictures.get(current, PictureSize::Screen)) {
            draw_picture(draw, *picture, ImVec2(0, 0), screen, true);
        } else {
            draw.AddRectFilled(ImVec2(0, 0), screen, kBackground);  // until the picture is decoded
        }
        // Ask for the next picture early so the fade never waits for it.
        const PictureTexture* upcoming = frame.pictures.get(next, PictureSize::Screen);
        if (fade > 0 && upcoming != nullptr) {
            draw_picture(draw, *upcoming, ImVec2(0, 0), screen, true, with_alpha(IM_COL32_WHITE, fade));
        }
    }

    // A dark band behind the words keeps them readable on any picture.
    const float band_top = screen.y * 0.64f;
    draw.AddRectFilledMultiColor(ImVec2(0, band_top - screen.y * 0.12f), ImVec2(screen.x, band_top),
                                 IM_COL32(20, 8, 8, 0), IM_COL32(20, 8, 8, 0), IM_COL32(20, 8, 8, 215),
                                 IM_COL32(20, 8, 8, 215));
    draw.AddRectFilled(ImVec2(0, band_top), screen, IM_COL32(20, 8, 8, 215));

    const auto& languages = frame.session.languages();
    if (!languages.empty()) {
        // The title in one language per picture, cross-fading with it.
        const auto title_in = [&](std::size_t index) {
            const std::string& language = languages[index % languages.size()];
            return std::pair{amanat::localise(exhibition.title, language, exhibition.fallback),
                             amanat::localise(exhibition.subtitle, language, exhibition.fallback)};
        };
        const FontSet& fonts = frame.fonts;
        const float centre = screen.x * 0.5f;
        const float title_y = band_top + frame.metrics.mm(6);
        const float subtitle_y = title_y + fonts.title->FontSize * 1.15f;
        const auto draw_title = [&](std::size_t index, float alpha) {
            const auto [title, subtitle] = title_in(index);
            if (title)
                text_centred(draw, fonts.title, *title.text, centre, title_y,
                             with_alpha(IM_COL32(255, 246, 230, 255), alpha));
            if (subtitle)
                text_centred(draw, fonts.heading, *subtitle.text, centre, subtitle_y,
                             with_alpha(IM_COL32(235, 200, 120, 255), alpha));
        };
        draw_title(cycle, 1.0f - fade);
        if (fade > 0) draw_title(cycle + 1, fade);

        // "Touch to start" in every offered language, side by side.
        const float prompt_y = screen.y - frame.metrics.margin() - fonts.heading->FontSize * 1.4f;
        const float rule_y = prompt_y - frame.metrics.mm(6);
        draw.AddRectFilled(ImVec2(centre - screen.x * 0.2f, rule_y),
                           ImVec2(centre + screen.x * 0.2f, rule_y + 3), IM_COL32(212, 175, 55, 255));
        std::vector<std::string> prompts;
        for (const std::string& language : languages) {
            prompts.emplace_back(frame.catalogs.phrasebook(language).tr("Touch to start"));
        }
        // As large as fits on one line: the heading size, else the body size.
        ImFont* font = fonts.heading;
        const auto width_in = [&prompts](ImFont* f) {
            float sum = 0;
            for (const std::string& prompt : prompts) sum += text_width(f, prompt);
            return sum;
        };
        float total = width_in(font);
        if (total + fonts.body->FontSize * static_cast<float>(prompts.size() + 1) > screen.x) {
            font = fonts.body;
            total = width_in(font);
        }
        const float gap =
            std::max((screen.x - 2 * frame.metrics.margin() - total) / static_cast<float>(prompts.size() + 1),
                     font->FontSize);
        float x = std::max(frame.metrics.margin(),
                           (screen.x - total - gap * static_cast<float>(prompts.size() - 1)) * 0.5f);
        for (const std::string& prompt : prompts) {
            draw.AddText(font, font->FontSize, ImVec2(x, prompt_y), IM_COL32(255, 246, 230, 255),
                         prompt.c_str());
            x += text_width(font, prompt) + gap;
        }
    }

    for (const Gesture& gesture : frame.gestures) {
        if (gesture.kind == Gesture::Kind::Tap || gesture.kind == Gesture::Kind::DragEnd) {
            frame.emit(VisitorAction::Kind::Start);
            break;
        }
    }
}

}  // namespace amanat::ui
