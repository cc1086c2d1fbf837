#pragma once

#include <vector>

#include "core/kinetic_scroll.hpp"
#include "ui/frame.hpp"

namespace amanat::ui {

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
    KineticScroll m_scroll;
    std::vector<Card> m_cards;
};

}  // namespace amanat::ui
