#pragma once

#include <vector>

#include "core/visit/kinetic_scroll.hpp"
#include "ui/frame.hpp"

namespace amanat::ui {

// The size of a card's picture on a screen `screen_width` pixels wide: what the
// gallery draws, and what the pictures are asked for at (PictureSize::Card).
ImVec2 card_picture_box(const ScreenMetrics& metrics, float screen_width);

// The exhibition's sections, each a grid of artifact cards (picture and title),
// scrolled by dragging with inertia; tapping a card opens the artifact. Only a
// tap opens a card: a drag or fling never does.
class GalleryScreen {
  public:
    void draw(Frame& frame);
    void reset() { m_scroll.scroll_to(0); }
    bool animating() const { return m_scroll.animating(); }

  private:
    struct Card {
        std::size_t artifact;
        ImVec2 min, max;  // in content coordinates (before scrolling)
    };
    struct Heading {  // a section's heading, in content coordinates
        const Section* section;
        float y;
        std::size_t artifacts;
    };
    void speak_sections(Frame& frame, const std::vector<Heading>& headings, float top, float viewport);
    // Speech mode: the card as a control, opened when activated, scrolled into view when in focus.
    void speak_card(Frame& frame, const Card& card, float top, float viewport);

    KineticScroll m_scroll;
    std::vector<Card> m_cards;
};

}  // namespace amanat::ui
