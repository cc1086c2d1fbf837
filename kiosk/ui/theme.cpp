#include "ui/theme.hpp"

namespace amanat::ui {

Theme Theme::standard() {
    Theme t;
    t.background = IM_COL32(246, 239, 228, 255);  // undyed felt
    t.surface = IM_COL32(255, 251, 244, 255);
    t.text = IM_COL32(38, 24, 18, 255);
    t.muted_text = IM_COL32(92, 70, 58, 255);
    t.accent = IM_COL32(176, 128, 30, 255);  // ochre
    t.button = IM_COL32(120, 28, 38, 255);   // felt red
    t.button_text = IM_COL32(255, 248, 236, 255);
    t.button_pressed = IM_COL32(82, 16, 24, 255);
    t.toolbar = IM_COL32(92, 22, 30, 255);
    t.toolbar_text = IM_COL32(255, 244, 226, 255);
    t.tag = IM_COL32(38, 48, 94, 255);  // indigo
    t.tag_text = IM_COL32(255, 255, 255, 255);
    t.scrim = IM_COL32(20, 10, 8, 190);
    return t;
}

Theme Theme::high_contrast() {
    Theme t;
    t.background = IM_COL32(0, 0, 0, 255);
    t.surface = IM_COL32(0, 0, 0, 255);
    t.text = IM_COL32(255, 255, 255, 255);
    t.muted_text = IM_COL32(255, 255, 255, 255);
    t.accent = IM_COL32(255, 221, 0, 255);
    t.button = IM_COL32(255, 221, 0, 255);
    t.button_text = IM_COL32(0, 0, 0, 255);
    t.button_pressed = IM_COL32(255, 255, 255, 255);
    t.toolbar = IM_COL32(0, 0, 0, 255);
    t.toolbar_text = IM_COL32(255, 255, 255, 255);
    t.tag = IM_COL32(255, 255, 255, 255);
    t.tag_text = IM_COL32(0, 0, 0, 255);
    t.scrim = IM_COL32(0, 0, 0, 230);
    return t;
}

}  // namespace amanat::ui
