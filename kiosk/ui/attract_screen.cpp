#include "ui/attract_screen.hpp"

#include <algorithm>
#include <cmath>

#include "ui/widgets.hpp"

namespace amanat::ui {

std::string touch_to_start(const Phrasebook& phrases) {
    // TRANSLATORS: Attract screen: the prompt along the bottom, shown side by side in every offered
    // language. Keep very short (about 20 characters).
    return phrases.tr("Touch to start");
}
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
    if (const auto title = frame.localise(exhibition.title))
        frame.add_control("attract", *title.text, ControlRole::Button, ImVec2(0, 0), screen, {},
                          title.language);

    constexpr Millis kCycle = kHold + kFade;
    const Millis elapsed = std::max<Millis>(frame.now - m_started, 0);
    const auto cycle = static_cast<std::size_t>(elapsed / kCycle);
    const Millis into = elapsed % kCycle;
    const float fade = into < kHold ? 0.0f : static_cast<float>(into - kHold) / static_cast<float>(kFade);
    // Still: wake when the fade starts. Fading: a frame every fade_step (20 or 12.5
    // a second), smooth for a 2 s cross-fade; each frame fills the screen twice
    // over, which costs a kiosk PC without a GPU most of its frame time.
    frame.wake_by(into < kHold ? frame.now + (kHold - into) : frame.now + frame.fade_step);

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
    const float band_top = std::round(screen.y * 0.64f);  // whole pixels: strips neither overlap nor gap
    // Its fading top edge in strips 2 px high, each of one colour: a rectangle of
    // one colour is a fill, where a gradient's colours are interpolated pixel by
    // pixel, which without a GPU cost 20 ms a frame (BENCHMARKS.md section 2).
    const float fade_top = band_top - std::round(screen.y * 0.12f);
    const int strips = std::max(1, static_cast<int>((band_top - fade_top) / 2.0f));
    for (int i = 0; i < strips; ++i) {
        const float y0 =
            std::round(fade_top + (band_top - fade_top) * static_cast<float>(i) / static_cast<float>(strips));
        const float y1 = std::round(fade_top + (band_top - fade_top) * static_cast<float>(i + 1) /
                                                   static_cast<float>(strips));
        const int alpha = 215 * (2 * i + 1) / (2 * strips);
        draw.AddRectFilled(ImVec2(0, y0), ImVec2(screen.x, y1), IM_COL32(20, 8, 8, alpha));
    }
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

        // "Touch to start" in every offered language, side by side, in as few
        // centred rows as fit (two or three on a portrait screen), bottom up.
        std::vector<std::string> prompts;
        for (const std::string& language : languages) {
            prompts.emplace_back(touch_to_start(frame.catalogs.phrasebook(language)));
        }
        const float usable = screen.x - 2 * frame.metrics.margin();
        const auto rows_in = [&prompts, usable](ImFont* f, float gap) {
            std::vector<std::vector<std::size_t>> rows(1);
            float width = 0;
            for (std::size_t i = 0; i < prompts.size(); ++i) {
                const float w = text_width(f, prompts[i]);
                if (!rows.back().empty() && width + gap + w > usable) {
                    rows.emplace_back();
                    width = 0;
                }
                width += (rows.back().empty() ? 0 : gap) + w;
                rows.back().push_back(i);
            }
            return rows;
        };
        // The heading size when it fits on one row, else the body size.
        ImFont* font = fonts.heading;
        auto rows = rows_in(font, font->FontSize);
        if (rows.size() > 1) {
            font = fonts.body;
            rows = rows_in(font, font->FontSize);
        }
        const float gap = font->FontSize;
        const float line = font->FontSize * 1.5f;
        float y = screen.y - frame.metrics.margin() - line * static_cast<float>(rows.size());
        const float rule_y = y - frame.metrics.mm(6);
        draw.AddRectFilled(ImVec2(centre - screen.x * 0.2f, rule_y),
                           ImVec2(centre + screen.x * 0.2f, rule_y + 3), IM_COL32(212, 175, 55, 255));
        for (const auto& row : rows) {
            float width = gap * static_cast<float>(row.size() - 1);
            for (std::size_t i : row) width += text_width(font, prompts[i]);
            float x = (screen.x - width) * 0.5f;
            for (std::size_t i : row) {
                draw.AddText(font, font->FontSize, ImVec2(x, y), IM_COL32(255, 246, 230, 255),
                             prompts[i].c_str());
                x += text_width(font, prompts[i]) + gap;
            }
            y += line;
        }
    }

    // Any touch starts: a tap, a drag, a pinch, and a double tap too (which is
    // also what a tap becomes when it lands where the last visitor's final tap
    // did, moments before).
    for (const Gesture& gesture : frame.gestures) {
        if (gesture.kind == Gesture::Kind::Tap || gesture.kind == Gesture::Kind::DoubleTap ||
            gesture.kind == Gesture::Kind::DragEnd || gesture.kind == Gesture::Kind::PinchEnd) {
            frame.emit(VisitorAction::Kind::Start);
            break;
        }
    }
}

}  // namespace amanat::ui
