#pragma once

#include "ui/frame.hpp"

namespace amanat::ui {

// Large buttons, each language in its own name (Қазақша, Русский, English, ...),
// in the venue's order. Drawn as a full screen after Attract, and as a panel over
// the current screen when the visitor switches language mid-visit.
void draw_language_screen(Frame& frame);
void draw_language_menu(Frame& frame);

}  // namespace amanat::ui
