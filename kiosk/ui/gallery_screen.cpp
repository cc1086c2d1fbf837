#include "ui/gallery_screen.hpp"

#include <algorithm>
#include <cmath>

#include "ui/toolbar.hpp"
#include "ui/widgets.hpp"

namespace amanat::ui {

ImVec2 card_picture_box(const ScreenMetrics& metrics, float screen_width) {
    const int columns = metrics.gallery_columns();
    const float gap = metrics.mm(6);
    // Whole pixels: a picture decoded to cover the box is then drawn at exactly its
    // own size, copied rather than scaled (a box of 349.3 x 262.0 px got pictures
    // of 350 x 263 px, 0.2 % too big, scaled again each time a card scrolled in).
    const float card_w =
        std::floor((screen_width - 2 * metrics.margin() - static_cast<float>(columns - 1) * gap) /
                   static_cast<float>(columns));
    return ImVec2(card_w, std::round(card_w * 0.75f));
}

void GalleryScreen::speak_card(Frame& frame, const Card& card, float top, float viewport) {
    const Artifact& artifact = frame.bundle.artifacts[card.artifact];
    const std::string id = "card-" + artifact.id;
    const auto name = frame.localise(artifact.title);
    const float origin = top - m_scroll.offset();
    frame.add_control(id, name ? *name.text : artifact.id, ControlRole::Object,
                      ImVec2(card.min.x, origin + card.min.y), ImVec2(card.max.x, origin + card.max.y), {},
                      name ? name.language : std::string());
    if (frame.activates(id)) frame.emit(VisitorAction::Kind::OpenArtifact, card.artifact);
    if (!frame.focuses(id)) return;
    const float margin = frame.metrics.margin();
    const float offset = m_scroll.offset();
    if (card.min.y - margin < offset) {
        m_scroll.scroll_to(std::max(0.0f, card.min.y - margin));
    } else if (card.max.y + margin > offset + viewport) {
        m_scroll.scroll_to(card.max.y + margin - viewport);
    }
}

// Speech mode: each heading, then its cards, in reading order.
void GalleryScreen::speak_sections(Frame& frame, const std::vector<Heading>& headings, float top,
                                   float viewport) {
    const float margin = frame.metrics.margin();
    const float right = ImGui::GetIO().DisplaySize.x - margin;
    const float heading_h = frame.fonts.heading->FontSize;
    const float origin = top - m_scroll.offset();
    std::size_t card = 0;
    for (const Heading& heading : headings) {
        const auto text = frame.localise(heading.section->title);
        const std::string& count = frame.say("{count, plural, one {# object} other {# objects}}",
                                             {{"count", static_cast<std::int64_t>(heading.artifacts)}});
        frame.add_control("section-" + heading.section->id, text ? *text.text : heading.section->id,
                          ControlRole::Heading, ImVec2(margin, origin + heading.y),
                          ImVec2(right, origin + heading.y + heading_h), count,
                          text ? text.language : std::string());
        for (std::size_t k = 0; k < heading.artifacts && card < m_cards.size(); ++k, ++card)
            speak_card(frame, m_cards[card], top, viewport);
    }
}

void GalleryScreen::draw(Frame& frame) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.background);
    const Exhibition& exhibition = frame.bundle.exhibition;
    const auto title = frame.localise(exhibition.title);
    const float top = draw_toolbar(frame, title ? title.text->c_str() : "");

    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    const float margin = metrics.margin();
    const int columns = metrics.gallery_columns();
    const ImVec2 picture_box = card_picture_box(metrics, screen.x);
    const float card_w = picture_box.x;
    // What rounding the cards down to whole pixels left over goes into the gaps,
    // so that the grid still ends one margin from the right edge.
    const float gap = columns > 1 ? (screen.x - 2 * margin - static_cast<float>(columns) * card_w) /
                                        static_cast<float>(columns - 1)
                                  : metrics.mm(6);
    const float picture_h = picture_box.y;
    const float caption_h = fonts.bold->FontSize * 1.3f * 2 + metrics.mm(4);
    const float card_h = picture_h + caption_h;

    // Layout in content coordinates: the hint, then each section's heading and grid.
    m_cards.clear();
    float y = metrics.mm(6);
    const float hint_y = y;
    y += fonts.body->FontSize * 1.6f;
    std::vector<Heading> headings;
    for (const Section& section : exhibition.sections) {
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < frame.bundle.artifacts.size(); ++i) {
            if (frame.bundle.artifacts[i].section == section.id) members.push_back(i);
        }
        if (members.empty()) continue;
        y += metrics.mm(4);
        headings.push_back({&section, y, members.size()});
        y += fonts.heading->FontSize * 1.5f;
        for (std::size_t k = 0; k < members.size(); ++k) {
            const auto column = static_cast<float>(k % static_cast<std::size_t>(columns));
            const auto row_y = y + static_cast<float>(k / static_cast<std::size_t>(columns)) * (card_h + gap);
            const ImVec2 min(margin + column * (card_w + gap), row_y);
            m_cards.push_back({members[k], min, ImVec2(min.x + card_w, min.y + card_h)});
        }
        const auto rows =
            (members.size() + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns);
        y += static_cast<float>(rows) * (card_h + gap);
    }
    const float viewport = screen.y - top;

    // The survey's button floats over the bottom-right corner; taps on it are its own.
    const bool survey = !exhibition.survey.empty() && frame.feedback.asking;
    // TRANSLATORS: Gallery: button that opens the short end-of-visit survey. Two or three words.
    const char* opinion = frame.phrases.tr("Your opinion");
    const ImVec2 opinion_size(text_width(fonts.body, opinion) + metrics.mm(16), metrics.touch_target());
    const ImVec2 opinion_min(screen.x - margin - opinion_size.x, screen.y - metrics.mm(6) - opinion_size.y);
    const auto on_opinion = [&](float x, float y) {
        return survey && x >= opinion_min.x && x < opinion_min.x + opinion_size.x && y >= opinion_min.y &&
               y < opinion_min.y + opinion_size.y;
    };
    m_scroll.set_extent(y + margin, viewport);

    // Gestures: drags scroll; a tap opens the card under it, unless it caught a fling.
    for (const Gesture& g : frame.gestures) {
        if (!frame.input_enabled) break;
        if (g.start_y < top && g.kind != Gesture::Kind::Drag && g.kind != Gesture::Kind::DragEnd) continue;
        switch (g.kind) {
            case Gesture::Kind::DragBegin:
                m_scroll.press(g.time);
                break;
            case Gesture::Kind::Drag:
                m_scroll.drag_by(-g.dy, g.time);
                break;
            case Gesture::Kind::DragEnd:
                m_scroll.release(g.time);
                break;
            case Gesture::Kind::Tap:
                if (on_opinion(g.x, g.y)) break;
                if (m_scroll.animating()) {
                    m_scroll.scroll_to(
                        std::clamp(m_scroll.offset(), 0.0f, std::max(0.0f, y + margin - viewport)));
                    break;
                }
                for (const Card& card : m_cards) {
                    const float card_top = top + card.min.y - m_scroll.offset();
                    const float card_bottom = top + card.max.y - m_scroll.offset();
                    if (g.x >= card.min.x && g.x < card.max.x && g.y >= card_top && g.y < card_bottom &&
                        g.y >= top) {
                        frame.emit(VisitorAction::Kind::OpenArtifact, card.artifact);
                    }
                }
                break;
            default:
                break;
        }
    }
    if (frame.controls != nullptr) speak_sections(frame, headings, top, viewport);
    m_scroll.step(frame.now);
    if (m_scroll.animating()) frame.wake_by(frame.now + 16);
    frame.targets_moving |= m_scroll.animating() || m_scroll.pressed();

    const float origin_y = top - m_scroll.offset();
    draw.PushClipRect(ImVec2(0, top), screen, true);
    draw.AddText(fonts.body, fonts.body->FontSize, ImVec2(margin, origin_y + hint_y), frame.theme.muted_text,
                 // TRANSLATORS: Overview of the objects: the hint above the grid of object cards. One line.
                 frame.phrases.tr("Tap an object to read its story"));
    for (const Heading& heading : headings) {
        const auto text = frame.localise(heading.section->title);
        const float hy = origin_y + heading.y;
        if (!text || hy > screen.y || hy + fonts.heading->FontSize < top) continue;
        draw.AddText(fonts.heading, fonts.heading->FontSize, ImVec2(margin, hy), frame.theme.text,
                     text.text->c_str());
        float x = margin + text_width(fonts.heading, *text.text) + metrics.mm(4);
        x += draw_language_tag(frame, draw, text, ImVec2(x, hy + metrics.mm(2)));
        if (text.is_fallback) x += metrics.mm(4);
        // How many objects the section has, by the language's plural rules; left
        // out when a long heading leaves no room for it.
        // TRANSLATORS: Gallery: next to each section's heading, how many objects it has. Keep {count} and
        // the braces; write your language's plural forms (CLDR), e.g. Russian
        // one/few/many/other, Korean only other. # is the number.
        const std::string& count = frame.say("{count, plural, one {# object} other {# objects}}",
                                             {{"count", static_cast<std::int64_t>(heading.artifacts)}});
        if (x + text_width(fonts.body, count) <= screen.x - margin) {
            draw.AddText(fonts.body, fonts.body->FontSize,
                         ImVec2(x, hy + fonts.heading->FontSize - fonts.body->FontSize * 1.15f),
                         frame.theme.muted_text, count.c_str());
        }
    }
    for (const Card& card : m_cards) {
        const ImVec2 min(card.min.x, origin_y + card.min.y);
        const ImVec2 max(card.max.x, origin_y + card.max.y);
        if (max.y < top || min.y > screen.y) continue;  // off screen: no picture requested either
        const Artifact& artifact = frame.bundle.artifacts[card.artifact];
        if (min.y >= top && max.y <= screen.y) frame.record_target("card-" + artifact.id, min, max);
        const ImVec2 picture_max(max.x, min.y + picture_h);
        const std::string& file = artifact.images.empty() ? std::string() : artifact.images.front().file;
        const PictureTexture* picture = file.empty() ? nullptr : frame.pictures.get(file, PictureSize::Card);
        // The card's surface; only under the caption when an opaque picture (or the
        // placeholder) covers the rest: a software renderer fills each pixel once less.
        if (picture != nullptr && !picture->opaque)
            draw.AddRectFilled(min, max, frame.theme.surface, metrics.mm(2));
        else
            draw.AddRectFilled(ImVec2(min.x, picture_max.y), max, frame.theme.surface, metrics.mm(2),
                               ImDrawFlags_RoundCornersBottom);
        if (picture != nullptr) {
            draw_picture(draw, *picture, min, picture_max, true);
        } else {
            draw_picture_placeholder(frame, draw, min, picture_max,
                                     file.empty() || frame.pictures.failed(file, PictureSize::Card));
        }
        const auto name = frame.localise(artifact.title);
        if (name) {
            const float pad = metrics.mm(3);
            draw.PushClipRect(ImVec2(min.x, picture_max.y), max, true);
            draw.AddText(fonts.bold, fonts.bold->FontSize, ImVec2(min.x + pad, picture_max.y + pad),
                         frame.theme.text, name.text->c_str(), nullptr, card_w - 2 * pad);
            draw.PopClipRect();
            if (name.is_fallback) draw_language_tag(frame, draw, name, ImVec2(min.x + pad, min.y + pad));
        }
        if (frame.theme.surface == frame.theme.background)
            draw.AddRect(min, max, frame.theme.text, metrics.mm(2), 0, 2);
    }
    draw.PopClipRect();
    if (survey) {
        // A soft shadow lifts it off the cards scrolling beneath.
        draw.AddRectFilled(ImVec2(opinion_min.x + 3, opinion_min.y + 5),
                           ImVec2(opinion_min.x + opinion_size.x + 3, opinion_min.y + opinion_size.y + 5),
                           IM_COL32(0, 0, 0, 70), metrics.mm(3));
        if (touch_button(frame, "gallery-survey", opinion, opinion_min, opinion_size, fonts.body,
                         ButtonStyle::Primary)) {
            frame.emit(VisitorAction::Kind::OpenSurvey);
        }
    }
}

}  // namespace amanat::ui
