#pragma once

#include <string>

#include "ui/frame.hpp"

namespace amanat::ui {

// A row of five faces from very unhappy (1) to very happy (5), in the spirit of
// the HappyOrNot terminals visitors know from airports and shops: one tap rates,
// with nothing to read. Used for reactions to an artifact and for the survey's
// rating questions. The faces share the width between `min` and `max` (each at
// least a touch target wide when it fits) and are centred vertically in it.
// `selected` is the current rating (0: none); the others are dimmed once one is
// chosen. Touch targets are named `<id>-1` .. `<id>-5`. Returns the rating
// tapped this frame, or 0.
int draw_face_row(Frame& frame, const std::string& id, int selected, ImVec2 min, ImVec2 max);

}  // namespace amanat::ui
