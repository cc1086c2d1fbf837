#pragma once

#include "ui/frame.hpp"

namespace amanat::ui {

// Always at hand along the top of every content screen: Home (on an artifact),
// the language switch, text size and high contrast. Returns the toolbar's height.
float draw_toolbar(Frame& frame, const char* heading);

}  // namespace amanat::ui
