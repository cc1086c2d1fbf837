#pragma once

#include "ui/frame.hpp"

namespace amanat::ui {

// What visitors see when the kiosk has no exhibition it can show (its bundle is
// broken or empty): a calm message in every language the kiosk speaks, instead
// of an error or a bare desktop. Touches do nothing. Staff find the reason in
// the log, with the file and line, and `amanat pack validate` says how to fix it.
void draw_out_of_order_screen(Frame& frame);

}  // namespace amanat::ui
