#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/story.hpp"
#include "ui/typeface.hpp"

namespace amanat::ui {

// A story (or any text) laid out into lines at a width: word wrapping across
// bold and italic spans, headings, list markers and indents, quote bars. Laid
// out once per story, language, text size and width; drawn every frame.
class RichText {
  public:
    void layout_story(const Story& story, const FontSet& fonts, float width);
    // One paragraph of plain text in one font.
    void layout_plain(std::string_view text, ImFont* font, float width, float line_spacing = 1.3f);

    float height() const { return m_height; }
    float width() const { return m_width; }
    // Draws with its top-left at `origin`; runs outside [clip_top, clip_bottom]
    // (screen y) are skipped.
    void draw(ImDrawList& draw, ImVec2 origin, ImU32 text, ImU32 accent, float clip_top = -1e9f,
              float clip_bottom = 1e9f) const;

  private:
    struct Run {
        ImFont* font;
        float x, y;  // relative to the layout's top-left
        std::string text;
        bool accent = false;  // drawn in the accent colour (list markers)
    };
    struct Bar {  // a block quote's rule
        float x, top, bottom;
    };
    void place_words(std::string_view text, ImFont* font, float& x, float& y, float line_height, float indent,
                     float width);

    std::vector<Run> m_runs;
    std::vector<Bar> m_bars;
    float m_height = 0;
    float m_width = 0;
};

}  // namespace amanat::ui
