#pragma once

#include "core/bundle.hpp"
#include "ui/typeface.hpp"

namespace amanat::ui {

// A full-screen card with the exhibition's title and subtitle in its first
// offered language. The first thread through the stack; Attract replaces it.
void draw_title_screen(const Exhibition& exhibition, const Typeface& typeface);

}  // namespace amanat::ui
