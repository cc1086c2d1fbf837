#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/localisation/catalog.hpp"
#include "core/settings/kiosk_config.hpp"

namespace amanat::ui {

// What `amanat l10n check` and the UI tests measure with the kiosk's real fonts,
// off-screen: labels that do not fit their buttons, and letters the fonts lack.
// Each function uses a Dear ImGui context of its own and restores the caller's;
// call from one thread at a time (ImGui's current context is global).

// A button label that did not fit at its font size (it is drawn smaller).
struct SqueezedLabel {
    std::string language;
    TextSize text_size = TextSize::Normal;
    int width = 0, height = 0;  // the screen's size, pixels
    std::string screen;         // as tour_*_screens name it
    std::string target;         // the button's id
    std::string label;
    float needed = 0, available = 0;
};

// Draws every screen of `bundle` off-screen with the kiosk's real fonts, in each
// of `languages`, at both text sizes, on each of `screens` (width, height at 92
// dpi), and returns the labels that did not fit, each once per language, screen
// shape and text size. Uses its own Dear ImGui context (the caller's, if any, is
// restored). Returns false with `error` set when a font cannot be read.
bool find_squeezed_labels(const Bundle& bundle, const TranslationCatalogs& catalogs,
                          const std::vector<std::string>& languages,
                          const std::vector<std::pair<int, int>>& screens,
                          std::vector<SqueezedLabel>& squeezed, std::string& error);

// The code points of `text` that none of the kiosk's fonts has (they would show
// as '?'), sorted, each once. False with `error` set when a font cannot be read.
bool glyphs_missing_from_fonts(std::string_view text, std::vector<unsigned>& missing, std::string& error);

}  // namespace amanat::ui
