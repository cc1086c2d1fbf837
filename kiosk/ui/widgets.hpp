#pragma once

#include <string>

#include "ui/frame.hpp"

namespace amanat::ui {

enum class ButtonStyle { Primary, Quiet, Toolbar };

// A large touch button drawn by us (Dear ImGui's own look is for desktops). Returns
// true on the frame it is tapped. Nothing depends on hover: kiosks have no mouse.
bool touch_button(Frame& frame, const char* id, const char* label, ImVec2 position, ImVec2 size, ImFont* font,
                  ButtonStyle style = ButtonStyle::Primary, bool selected = false);

// The touch handling of a button without its look, for controls that draw
// themselves (the rating faces): records the target, sets `held` while a finger
// is on it, and returns true on the frame it is tapped.
// `label`: what speech mode says of it.
bool touch_area(Frame& frame, const char* id, std::string_view label, ImVec2 position, ImVec2 size,
                bool& held);

// A label as said aloud: without the arrows and symbols drawn around it ("‹  Previous").
std::string spoken_label(std::string_view label);

// Draws `text` centred horizontally on `centre_x`.
void text_centred(ImDrawList& draw, ImFont* font, std::string_view text, float centre_x, float y,
                  ImU32 colour);
float text_width(ImFont* font, std::string_view text);

// Draws a picture scaled to cover `rect` (cropping) or to fit inside it.
void draw_picture(ImDrawList& draw, const PictureTexture& picture, ImVec2 min, ImVec2 max, bool cover,
                  ImU32 tint = IM_COL32_WHITE);
// The stand-in for a picture that is loading or cannot be shown.
void draw_picture_placeholder(Frame& frame, ImDrawList& draw, ImVec2 min, ImVec2 max, bool failed);

// A small tag naming the language a text is shown in when it is not the
// visitor's ("English" on a story a Korean visitor reads in English). Returns its width.
float draw_language_tag(Frame& frame, ImDrawList& draw, const LocalisedText& text, ImVec2 position);

}  // namespace amanat::ui
