#pragma once

#include <imgui.h>

namespace amanat::ui {

// Colours of the visitor screens: felt reds, ochre and cream from the exhibition's
// textiles, or high contrast (white on black, yellow accents) for visitors who
// need it. Both keep text at WCAG AA contrast or better.
struct Theme {
    ImU32 background;  // content screens
    ImU32 surface;     // cards, panels
    ImU32 text;
    ImU32 muted_text;
    ImU32 accent;  // rules, active states
    ImU32 button;
    ImU32 button_text;
    ImU32 button_pressed;
    ImU32 toolbar;
    ImU32 toolbar_text;
    ImU32 tag;  // the fallback-language tag
    ImU32 tag_text;
    ImU32 scrim;  // behind overlays

    static Theme standard();
    static Theme high_contrast();
};

}  // namespace amanat::ui
